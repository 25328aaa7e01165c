// Grounding specialists that answer in relative coordinates: ShowUI and SeeClick (0-1),
// OS-Atlas and UGround (0-1000).
#include "adapters/family_adapter.h"

namespace humain::adapters {

ChatResponse qwen2_box_tokens(const SpaceTarget& t);  // qwen_families.cpp

namespace {

constexpr std::int64_t kQwen2MinPixels = 4 * 28 * 28;
constexpr std::int64_t kQwen2MaxPixels = 16384 * 28 * 28;

std::string point_text(const SpaceTarget& t, int preferred_decimals, const char* open, const char* sep, const char* close) {
  const int d = t.decimals(preferred_decimals, false);
  return std::string(open) + SpaceTarget::num(t.box.center().x, d) + sep + SpaceTarget::num(t.box.center().y, d) + close;
}

}  // namespace

// ShowUI QUICK_START.md: one user turn [text _SYSTEM, image, text query] (no system message);
// min_pixels 256*28*28, max_pixels 1344*28*28.
FamilySpec showui_family() {
  FamilySpec s;
  s.name = "showui";
  s.space = CoordSpace::kUnit;
  s.image_size = qwen_sizing(28, 256 * 28 * 28, 1344 * 28 * 28);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.pre_image_text =
        "Based on the screenshot of the page, I give a text description and you give its corresponding location. "
        "The coordinate represents a clickable location [x, y] for an element, which is a relative coordinate on the "
        "screenshot, scaled from 0 to 1.";
    p.prompt = std::string(instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) { return text_answer(point_text(t, 2, "[", ", ", "]")); };
  return s;
}

// SeeClick README (Qwen-VL; the server resizes to 448x448 itself, so the original is sent).
FamilySpec seeclick_family() {
  FamilySpec s;
  s.name = "seeclick";
  s.space = CoordSpace::kUnit;
  s.image_size = [](ImageSize original) -> Result<ImageSize> { return original; };
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill("In this UI screenshot, what is the position of the element corresponding to the command \"{}\" (with point)?",
                    instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) { return text_answer(point_text(t, 2, "(", ",", ")")); };
  return s;
}

// OS-Atlas-Base (Qwen2-VL): the SeeClick question asking for a bbox, answered with Qwen2-VL box tokens.
FamilySpec os_atlas_family() {
  FamilySpec s;
  s.name = "os-atlas";
  s.space = CoordSpace::kThousandths;
  s.image_size = qwen_sizing(28, kQwen2MinPixels, kQwen2MaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill("In this UI screenshot, what is the position of the element corresponding to the command \"{}\" (with bbox)?",
                    instruction);
    return p;
  };
  s.render = qwen2_box_tokens;
  return s;
}

// UGround-V1 model card's grounding prompt; answer "(x, y)" in 0-1000, temperature 0.
FamilySpec uground_family() {
  FamilySpec s;
  s.name = "uground";
  s.space = CoordSpace::kThousandths;
  s.image_size = qwen_sizing(28, kQwen2MinPixels, kQwen2MaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill(
        "Your task is to help the user identify the precise coordinates (x, y) of a specific area/element/object on the "
        "screen based on a description.\n\n"
        "- Your response should aim to point to the center or a representative point within the described "
        "area/element/object as accurately as possible.\n"
        "- If the description is unclear or ambiguous, infer the most relevant area or element based on its likely "
        "context or purpose.\n"
        "- Your answer should be a single string (x, y) corresponding to the point of the interest.\n\n"
        "Description: {}\n\nAnswer:",
        instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) { return text_answer(point_text(t, 0, "(", ", ", ")")); };
  return s;
}

}  // namespace humain::adapters
