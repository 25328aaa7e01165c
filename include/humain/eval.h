// The evaluation harness: run a Grounder over a data set, score it, and write the report files
// `humain eval` promises (report.json, predictions.jsonl, junit.xml, report.html).
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/dataset.h"
#include "humain/grounder.h"
#include "humain/image.h"
#include "humain/metrics.h"
#include "humain/prediction.h"
#include "humain/result.h"

namespace humain {

struct EvalOptions {
  std::string images_dir;             // Sample::image is relative to this folder
  bool allow_image_paths = false;     // accept absolute / ".." image paths that stay inside images_dir
  int threads = 1;                    // screenshots grounded in parallel (samples of one image stay together)
  std::size_t limit = 0;              // only the first N rows of the data set; 0 = all
  bool count_refusals = false;        // score refusal rows in click accuracy (hit = predicted no point)
  ImageLimits image_limits;
  std::size_t max_thumbnails = 40;    // misses drawn for report.html; keeps the page a few MB at most
  std::FILE* progress = nullptr;      // progress bar (TTY) or periodic lines (not a TTY); null = silent
};

// One row's outcome.
struct SampleResult {
  Sample sample;
  Prediction prediction;              // default (no point) when `error` is set
  std::optional<std::string> error;   // missing/corrupt image or grounder failure; scored as a miss
  bool hit = false;
  std::optional<double> iou;          // against the target's box; nullopt when no box was predicted
  double latency_ms = 0;              // wall time of find_element; 0 when it never ran
  bool scored = true;                 // false: a refusal row left out of click accuracy
  std::vector<std::uint8_t> thumbnail_jpeg;  // misses only (up to max_thumbnails): target and click drawn
};

struct EvalReport {
  std::string dataset;                // data set file
  std::string format;                 // dataset_format_name()
  std::string grounder;               // Grounder::name()
  int threads = 1;
  Tally overall;                      // scored rows only
  Breakdown by_type, by_group, by_platform;
  LatencySummary latency;             // rows the grounder answered (errors excluded)
  LatencySummary latency_uncached;    // ... of those, the ones not served from a grounder cache
  LatencySummary decode;              // one entry per decoded screenshot
  std::vector<CalibrationBucket> calibration;  // scored rows the grounder answered
  std::size_t errors = 0;             // rows with an error (counted as misses)
  std::size_t refusals = 0;           // refusal rows seen
  std::size_t refusals_correct = 0;   // ... where the grounder predicted no point
  bool refusals_counted = false;
  std::size_t images = 0;             // distinct screenshots
  std::vector<std::string> warnings;  // rows repaired on load (Dataset::warnings)
  double wall_s = 0;
  std::vector<SampleResult> results;  // data set order
};

// Runs `grounder` over the data set. Each screenshot is decoded once and all its rows are asked
// in turn; screenshots are spread over options.threads workers. Per-row problems (missing image,
// grounder error) become SampleResult::error; only bad options are an Error here.
Result<EvalReport> run_eval(const Dataset& dataset, Grounder& grounder, const EvalOptions& options);

// report.json's object (the contract's fields plus acc_at_iou per breakdown, refusals, calibration).
nlohmann::json report_json(const EvalReport& report);
// One predictions.jsonl line.
nlohmann::json prediction_json(const SampleResult& result);
// junit.xml: one testcase per scored row; a miss is a failure, an error an error.
std::string junit_xml(const EvalReport& report);
// report.html: self-contained page with summary, breakdowns, errors and thumbnails of misses.
std::string html_report(const EvalReport& report);

// Writes the four files (and refusals.jsonl when refusal rows were left out) into `out_dir`,
// creating it. Errors name the file that could not be written.
Status write_eval_outputs(const EvalReport& report, const std::string& out_dir);

}  // namespace humain
