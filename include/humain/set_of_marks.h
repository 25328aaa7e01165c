// Set-of-marks measurements and pictures (docs/SET_OF_MARKS.md): how often the local engine's
// candidates, drawn as numbered marks, include the target (the ceiling of any model choosing a
// mark), what a request costs, and the marked screenshot itself. Grounding through marks is
// configured per VLM endpoint (`family: set-of-marks`, `grounding: set-of-marks`, `send: crops`).
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "humain/dataset.h"
#include "humain/image.h"
#include "humain/local_engine.h"
#include "humain/result.h"

namespace humain {

struct MarksRecallOptions {
  std::string images_dir;  // Sample::image is relative to this folder
  int top_k = 0;           // > 0: only the k likeliest marks (cascade / send: crops), local engine's pick first
  int crop_padding = 32;   // for the crops' byte count when top_k > 0
  std::size_t limit = 0;   // first N rows only; 0 = all
};

// Oracle recall over a data set: `recall` = rows where some mark's centre is inside the target box
// (a perfect chooser clicks a hit; what `eval` through humain-testserver scores), `recall_contains`
// = rows where some mark's box contains the target's centre; by ui_type; marks per screen, prompt
// characters and image bytes per request (medians and maxima); the local engine's own accuracy on
// the same rows; ids of the rows no mark hits. Refusal rows are skipped; rows whose screenshot
// cannot be read count as misses (as in eval) and the reasons are listed in "errors".
Result<nlohmann::json> measure_marks_recall(const Dataset& dataset, LocalEngine& engine, const MarksRecallOptions& options);

// Writes `screen` with its marks drawn (all, or the top_k for `instruction`) to a PNG/JPEG file.
Status write_marked_screenshot(const Screenshot& screen, LocalEngine& engine, const std::string& instruction, int top_k,
                               const std::string& path);

}  // namespace humain
