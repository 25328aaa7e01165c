// UI-TARS (v1, 0-1000) and UI-TARS-1.5 (pixels of the smart_resized image).
#include "adapters/family_adapter.h"

namespace humain::adapters {
namespace {

// UI-TARS README_coordinates.md: MIN_PIXELS = 100 * 28 * 28, MAX_PIXELS = 16384 * 28 * 28.
constexpr std::int64_t kMinPixels = 100 * 28 * 28;
constexpr std::int64_t kMaxPixels = 16384 * 28 * 28;

}  // namespace

// UI-TARS v1's grounding instruction; the answer is the point alone, e.g. "(197,525)".
FamilySpec ui_tars_family() {
  FamilySpec s;
  s.name = "ui-tars";
  s.space = CoordSpace::kThousandths;
  s.image_size = qwen_sizing(28, kMinPixels, kMaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill("Output only the coordinate of one point in your response. What element matches the following task: {}",
                    instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, false);
    return text_answer("(" + SpaceTarget::num(t.box.center().x, d) + "," + SpaceTarget::num(t.box.center().y, d) + ")");
  };
  return s;
}

// UI-TARS-1.5's GROUNDING template (codes/ui_tars/prompt.py); answers
// "Action: click(start_box='<|box_start|>(x,y)<|box_end|>')" in pixels of the resized image.
FamilySpec ui_tars_15_family() {
  FamilySpec s;
  s.name = "ui-tars-1.5";
  s.space = CoordSpace::kSentPixels;
  s.image_size = qwen_sizing(28, kMinPixels, kMaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill(
        "You are a GUI agent. You are given a task and your action history, with screenshots. You need to perform the "
        "next action to complete the task. \n\n## Output Format\n\nAction: ...\n\n\n## Action Space\n"
        "click(start_box='<|box_start|>(x1,y1)<|box_end|>')\n\n## User Instruction\n{}",
        instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, false);
    return text_answer("Action: click(start_box='<|box_start|>(" + SpaceTarget::num(t.box.center().x, d) + "," +
                       SpaceTarget::num(t.box.center().y, d) + ")<|box_end|>')");
  };
  return s;
}

}  // namespace humain::adapters
