// The set-of-marks request text and the parser of the model's answer (a mark id).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "grounding/set_of_marks/marks.h"
#include "humain/adapter.h"
#include "humain/chat.h"
#include "humain/result.h"

namespace humain::marks {

enum class MarkView {
  kScreen,  // one image: the screenshot with the marks drawn on it
  kCrops,   // one image per mark: a padded crop with the candidate in the middle; no full screen
};

// The prompt: the instruction, then one compact line per mark (`12 button "Sign in" [x1,y1,x2,y2]`:
// id, role, text or icon guess, box) and the answer format {"mark": N} (null when none fits), with
// a JSON schema for servers that enforce it. Boxes are in pixels of `listed` (the image sent for
// kScreen, the screen for kCrops); mark boxes are scaled from `original`.
PromptSpec marks_prompt(std::string_view instruction, const std::vector<Mark>& marks, MarkView view,
                        ImageSize original, ImageSize listed);

// The mark the model chose: tool-call arguments or JSON ({"mark": 12}, also "id", "element",
// "element_id"), "Mark 12" / "ID: 12" in prose, or a bare number. nullopt when the model said no
// mark fits (JSON null, "none"). kParse "unparseable ..." for anything else, several different
// ids, or an id that was not among `marks`: never a guess.
Result<std::optional<Mark>> parse_mark_answer(const ChatResponse& response, const std::vector<Mark>& marks);

}  // namespace humain::marks
