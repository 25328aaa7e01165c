// UI-TARS: v1.0 (0-1000), 1.5 (pixels of the smart_resized image) and ByteDance's hosted Doubao
// models (the 1.5 prompt, answered in 0-1000). Source: bytedance/UI-TARS codes/ui_tars (prompt.py,
// action_parser.py) and README_coordinates.md; see docs/ADAPTERS.md.
#include "adapters/family_adapter.h"

namespace humain::adapters {
namespace {

// codes/ui_tars/action_parser.py: MIN_PIXELS = 100 * 28 * 28, MAX_PIXELS = 16384 * 28 * 28.
constexpr std::int64_t kMinPixels = 100 * 28 * 28;
constexpr std::int64_t kMaxPixels = 16384 * 28 * 28;

// prompt.py's GROUNDING_DOUBAO, the grounding template the repository ships today (its stray
// closing quote after the click signature is in the original and kept: it is what the model saw).
constexpr const char* kGroundingPrompt =
    "You are a GUI agent. You are given a task and your action history, with screenshots. You need to perform the "
    "next action to complete the task. \n\n## Output Format\n\nAction: ...\n\n\n## Action Space\n"
    "click(point='<point>x1 y1</point>'')\n\n## User Instruction\n{}";

FamilySpec point_tag_family(std::string name, CoordSpace space) {
  FamilySpec s;
  s.name = std::move(name);
  s.space = space;
  s.image_size = qwen_sizing(28, kMinPixels, kMaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill(kGroundingPrompt, instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, false);
    return text_answer("Action: click(point='<point>" + SpaceTarget::num(t.box.center().x, d) + " " +
                       SpaceTarget::num(t.box.center().y, d) + "</point>')");
  };
  return s;
}

}  // namespace

// UI-TARS v1's grounding instruction; the answer is the point alone, e.g. "(197,525)".
FamilySpec ui_tars_10_family() {
  FamilySpec s;
  s.name = "ui-tars-1.0";
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

// UI-TARS-1.5 (open weights, Qwen2.5-VL based): action_parser.py's model_type "qwen25vl" reads the
// point in pixels of the smart_resized image.
FamilySpec ui_tars_15_family() { return point_tag_family("ui-tars-1.5", CoordSpace::kSentPixels); }

// Doubao (ByteDance's hosted UI-TARS): model_type "doubao", factor 1000: 0-1000 of the image.
FamilySpec ui_tars_doubao_family() { return point_tag_family("ui-tars-doubao", CoordSpace::kThousandths); }

}  // namespace humain::adapters
