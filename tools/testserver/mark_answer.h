// Set-of-marks requests: the test server reads the mark list from the prompt (as the model would)
// and answers the id of the mark a perfect chooser picks for the ground truth, so `humain eval`
// through this path scores exactly the marks' oracle recall.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "humain/geometry.h"
#include "wire_formats.h"

namespace humain::testserver {

struct MarkList {
  int width = 0, height = 0;                   // the space the boxes are in ("image WxH" / "screen WxH")
  std::vector<std::pair<int, Box>> marks;      // id, box
  std::string task;                            // the "Task: ..." line: the instruction (the list's
                                               // OCR text may hold other rows' instructions)
};

// The list in a set-of-marks prompt (lines `12 button "Save" [x1,y1,x2,y2]` after a "Marks" header);
// nullopt when the prompt is not one.
std::optional<MarkList> parse_mark_list(const std::string& prompt);

// The smallest mark whose centre lies inside `target` (pixels of a screenshot of `width` x
// `height`, scaled to the list's space); nullopt when no mark's centre does.
std::optional<int> oracle_mark_id(const MarkList& list, const Box& target, int width, int height);

// The answer in one of the forms models give: "json" {"mark": 12} (null when none), "plain" 12,
// "prose" "Mark 12 is the ...", "tool" a select_mark tool call. Unknown forms fall back to json.
Answer mark_answer(std::optional<int> id, const std::string& form);

}  // namespace humain::testserver
