// Set-of-marks candidates: the elements of a screen parse, numbered, that a general VLM chooses
// from by id (OmniParser's parse-then-select) instead of answering pixel coordinates it cannot.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "humain/geometry.h"
#include "humain/local_engine.h"

namespace humain::marks {

// One numbered candidate. Ids start at 1 and follow reading order (rows top to bottom, then left
// to right), so the list in the prompt and the numbers on the image read the same way.
struct Mark {
  int id = 0;
  Box box;            // pixels of the original screenshot
  std::string role;   // role_name(): text, button, field, checkbox, icon
  std::string text;   // OCR text ("" for icons and empty controls); withheld text is "[redacted]"
  std::string icon;   // the icon classifier's best guess for icons ("" otherwise)
  int element = -1;   // index into ScreenParse::elements, -1 for added candidates
};

struct MarkOptions {
  int max_marks = 150;  // a hard cap against unreadable overlays; marks past it are dropped last-first
};

// Every element worth clicking as a mark: containers are left out (they hold the real targets),
// near-duplicates (IoU > 0.8) are merged, and the words of multi-word text lines that the parser
// kept as one element are added as their own marks (menu bars and toolbars read as one line).
std::vector<Mark> build_marks(const ScreenParse& parse, const MarkOptions& options = {});

// The marks most likely to be meant by `instruction`, best first, at most k (k <= 0: all, in id
// order). `engine_pick` (the local engine's answer box, when it had one) ranks first; then text
// and icon-name similarity to the instruction's words.
std::vector<Mark> top_marks(const std::vector<Mark>& marks, std::string_view instruction,
                            const std::optional<Box>& engine_pick, int k);

// Replaces the text of every mark that overlaps a redacted region, so masked words never leave in
// the prompt either.
void withhold_text(std::vector<Mark>& marks, const std::vector<Box>& redactions);

// The mark a perfect chooser would pick for `target`: the smallest mark whose centre lies inside
// the target box (clicking it is a hit), else nullopt. Used by the oracle-recall measurement.
std::optional<Mark> oracle_mark(const std::vector<Mark>& marks, const Box& target);

}  // namespace humain::marks
