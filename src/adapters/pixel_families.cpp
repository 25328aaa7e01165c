// Qwen2.5-VL fine-tunes that answer in pixels of the smart_resized image: GTA1, Holo1.5, InfiGUI-G1.
#include "adapters/family_adapter.h"

namespace humain::adapters {
namespace {

constexpr std::int64_t kMinPixels = 4 * 28 * 28;
constexpr std::int64_t kMaxPixels = 16384 * 28 * 28;

std::string pair(const SpaceTarget& t, const char* sep) {
  const int d = t.decimals(0, false);
  return SpaceTarget::num(t.box.center().x, d) + sep + SpaceTarget::num(t.box.center().y, d);
}

}  // namespace

// GTA1 model card: the system prompt states the resized image's size; the answer is "(x,y)".
FamilySpec gta1_family() {
  FamilySpec s;
  s.name = "gta1";
  s.space = CoordSpace::kSentPixels;
  s.image_size = qwen_sizing(28, kMinPixels, kMaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize sent) {
    PromptSpec p;
    p.system =
        "You are an expert UI element locator. Given a GUI image and a user's element description, provide the "
        "coordinates of the specified element as a single (x,y) point. The image resolution is height " +
        std::to_string(sent.height) + " and width " + std::to_string(sent.width) +
        ". For elements with area, return the center point.\n\nOutput the coordinate pair exactly:\n(x,y)";
    p.prompt = std::string(instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) { return text_answer("(" + pair(t, ",") + ")"); };
  return s;
}

// Holo1.5 model card: a JSON click position following the ClickCoordinates schema (pixels).
// Holo1's older "Click(x, y)" answers parse too.
FamilySpec holo_family() {
  FamilySpec s;
  s.name = "holo";
  s.space = CoordSpace::kSentPixels;
  s.image_size = qwen_sizing(28, kMinPixels, kMaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    const nlohmann::json schema = {
        {"properties",
         {{"x", {{"description", "The x coordinate, number of pixels from the left edge."}, {"title", "X"}, {"type", "integer"}}},
          {"y", {{"description", "The y coordinate, number of pixels from the top edge."}, {"title", "Y"}, {"type", "integer"}}}}},
        {"required", {"x", "y"}},
        {"title", "ClickCoordinates"},
        {"type", "object"}};
    PromptSpec p;
    p.prompt = "Localize an element on the GUI image according to the provided target and output a click position.\n"
               " * You must output a valid JSON following the format: " +
               schema.dump() + "\n Your target is:\n" + std::string(instruction);
    p.json_schema = schema;
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, false);
    return text_answer("{\"x\": " + SpaceTarget::num(t.box.center().x, d) + ", \"y\": " + SpaceTarget::num(t.box.center().y, d) + "}");
  };
  return s;
}

// InfiGUI-G1 model card: reasoning in <think>, then [{"point_2d": [x, y]}, ...] in resized pixels.
FamilySpec infigui_g1_family() {
  FamilySpec s;
  s.name = "infigui-g1";
  s.space = CoordSpace::kSentPixels;
  s.image_size = qwen_sizing(28, kMinPixels, kMaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize sent) {
    PromptSpec p;
    p.system =
        "You FIRST think about the reasoning process as an internal monologue and then provide the final answer.\n"
        "The reasoning process MUST BE enclosed within <think> </think> tags.";
    p.prompt = "The screen's resolution is " + std::to_string(sent.width) + "x" + std::to_string(sent.height) +
               ".\nLocate the UI element(s) for \"" + std::string(instruction) +
               "\", output the coordinates using JSON format: [{\"point_2d\": [x, y]}, ...]";
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    return text_answer("<think>The element matching the instruction is visible; its centre is the answer.</think>\n"
                       "[{\"point_2d\": [" + pair(t, ", ") + "]}]");
  };
  return s;
}

}  // namespace humain::adapters
