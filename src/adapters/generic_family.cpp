// generic: any instruction-following VLM, asked for JSON bbox_2d / point_2d in pixels of the image
// as sent, with a JSON schema where the server supports structured output.
#include "adapters/family_adapter.h"

namespace humain::adapters {

FamilySpec generic_family() {
  FamilySpec s;
  s.name = "generic";
  s.space = CoordSpace::kSentPixels;
  s.image_size = [](ImageSize original) -> Result<ImageSize> { return original; };
  s.prompt = [](std::string_view instruction, ImageSize sent) {
    PromptSpec p;
    p.prompt = "Find the UI element for the instruction \"" + std::string(instruction) + "\" in this screenshot (" +
               std::to_string(sent.width) + "x" + std::to_string(sent.height) +
               " pixels). Answer with JSON only: {\"bbox_2d\": [x1, y1, x2, y2]} for its bounding box, or "
               "{\"point_2d\": [x, y]} for a point to click, in pixels of this image.";
    const nlohmann::json number = {{"type", "number"}};
    p.json_schema = nlohmann::json{
        {"type", "object"},
        {"properties",
         {{"bbox_2d", {{"type", "array"}, {"items", number}, {"minItems", 4}, {"maxItems", 4}}},
          {"point_2d", {{"type", "array"}, {"items", number}, {"minItems", 2}, {"maxItems", 2}}}}},
        {"additionalProperties", false}};
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, true);
    return text_answer("{\"bbox_2d\": [" + SpaceTarget::num(t.box.x1, d) + ", " + SpaceTarget::num(t.box.y1, d) + ", " +
                       SpaceTarget::num(t.box.x2, d) + ", " + SpaceTarget::num(t.box.y2, d) + "]}");
  };
  return s;
}

}  // namespace humain::adapters
