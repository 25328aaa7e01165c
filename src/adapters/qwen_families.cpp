// Qwen2-VL, Qwen2.5-VL and Qwen3-VL: the base models most GUI grounders are fine-tuned from.
#include "adapters/family_adapter.h"

namespace humain::adapters {
namespace {

// qwen-vl-utils defaults: 4 to 16384 visual tokens of factor x factor pixels.
constexpr std::int64_t kQwen2MinPixels = 4 * 28 * 28;
constexpr std::int64_t kQwen2MaxPixels = 16384 * 28 * 28;
constexpr std::int64_t kQwen3MinPixels = 4 * 32 * 32;
constexpr std::int64_t kQwen3MaxPixels = 16384 * 32 * 32;

// Qwen2.5-VL / Qwen3-VL cookbook grounding phrasing ("Locate ..., output its bbox coordinates
// using JSON format.").
constexpr const char* kJsonBoxPrompt =
    "Locate the UI element for the instruction \"{}\" in this screenshot, output its bbox coordinates using JSON format.";

ChatResponse json_box_answer(const SpaceTarget& t) {
  const int d = t.decimals(0, true);
  return text_answer("```json\n[\n\t{\"bbox_2d\": [" + SpaceTarget::num(t.box.x1, d) + ", " + SpaceTarget::num(t.box.y1, d) +
                     ", " + SpaceTarget::num(t.box.x2, d) + ", " + SpaceTarget::num(t.box.y2, d) +
                     "], \"label\": \"target\"}\n]\n```");
}

}  // namespace

// Qwen2-VL README: grounding answers are <|box_start|>(x1,y1),(x2,y2)<|box_end|>, 0-1000.
ChatResponse qwen2_box_tokens(const SpaceTarget& t) {
  const int d = t.decimals(0, true);
  return text_answer("<|object_ref_start|>target<|object_ref_end|><|box_start|>(" + SpaceTarget::num(t.box.x1, d) + "," +
                     SpaceTarget::num(t.box.y1, d) + "),(" + SpaceTarget::num(t.box.x2, d) + "," +
                     SpaceTarget::num(t.box.y2, d) + ")<|box_end|>");
}

FamilySpec qwen2_vl_family() {
  FamilySpec s;
  s.name = "qwen2-vl";
  s.space = CoordSpace::kThousandths;
  s.image_size = qwen_sizing(28, kQwen2MinPixels, kQwen2MaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill("Output the bounding box in the image corresponding to the instruction \"{}\" with grounding.", instruction);
    return p;
  };
  s.render = qwen2_box_tokens;
  return s;
}

namespace {

// Qwen2.5-VL and Qwen3-VL differ only in patch factor and coordinate space.
FamilySpec json_box_family(std::string name, CoordSpace space, int factor, std::int64_t min_px, std::int64_t max_px) {
  FamilySpec s;
  s.name = std::move(name);
  s.space = space;
  s.image_size = qwen_sizing(factor, min_px, max_px);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill(kJsonBoxPrompt, instruction);
    return p;
  };
  s.render = json_box_answer;
  return s;
}

}  // namespace

// Qwen2.5-VL answers in absolute pixels of the smart_resized image, as JSON bbox_2d / point_2d.
FamilySpec qwen25_vl_family() {
  return json_box_family("qwen2.5-vl", CoordSpace::kSentPixels, 28, kQwen2MinPixels, kQwen2MaxPixels);
}

// Qwen3-VL: patch 16 x merge 2 = factor 32, and back to relative 0-1000 coordinates.
FamilySpec qwen3_vl_family() {
  return json_box_family("qwen3-vl", CoordSpace::kThousandths, 32, kQwen3MinPixels, kQwen3MaxPixels);
}

}  // namespace humain::adapters
