// Qwen2.5-VL fine-tunes that answer in pixels of the smart_resized image (GTA1, Holo1.5, InfiGUI-G1,
// OpenCUA, UI-Venus 1.0), and Holo2/Holo3 / UI-Venus-1.5, which answer in 0-1000.
#include "adapters/family_adapter.h"

namespace humain::adapters {
namespace {

constexpr std::int64_t kMinPixels = 4 * 28 * 28;
constexpr std::int64_t kMaxPixels = 16384 * 28 * 28;
// GTA1 README: max_pixels = 4096 * 2160 (a 4K screen is sent at full size).
constexpr std::int64_t kGta1MaxPixels = 4096LL * 2160LL;
// H Company's Holo1.5 evaluation: max_pixels = 2560 * 1440 (3840x2160 is sent as 2548x1428).
constexpr std::int64_t kHolo15MaxPixels = 2560LL * 1440LL;
// Holo2 is built on Qwen3-VL (factor 32); its answers are relative, so the size only bounds the upload.
constexpr std::int64_t kQwen3MinPixels = 4 * 32 * 32;
constexpr std::int64_t kQwen3MaxPixels = 16384 * 32 * 32;

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
  s.image_size = qwen_sizing(28, kMinPixels, kGta1MaxPixels);
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

// Holo's localization prompt: a JSON click position following the ClickCoordinates schema. Holo1.5
// answers in pixels of the resized image; Holo2 and Holo3 in 0-1000 (the schema text says which).
// Holo1's older "Click(x, y)" answers parse too.
FamilySpec holo_spec(std::string name, CoordSpace space, std::function<Result<ImageSize>(ImageSize)> sizing) {
  FamilySpec s;
  s.name = std::move(name);
  s.space = space;
  s.image_size = std::move(sizing);
  s.prompt = [space](std::string_view instruction, ImageSize) {
    const bool pixels = space == CoordSpace::kSentPixels;
    const std::string x_desc = pixels ? "The x coordinate, number of pixels from the left edge."
                                      : "The x coordinate, normalized between 0 and 1000.";
    const std::string y_desc = pixels ? "The y coordinate, number of pixels from the top edge."
                                      : "The y coordinate, normalized between 0 and 1000.";
    const nlohmann::json schema = {
        {"properties",
         {{"x", {{"description", x_desc}, {"title", "X"}, {"type", "integer"}}},
          {"y", {{"description", y_desc}, {"title", "Y"}, {"type", "integer"}}}}},
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

FamilySpec holo15_family() { return holo_spec("holo1.5", CoordSpace::kSentPixels, qwen_sizing(28, kMinPixels, kHolo15MaxPixels)); }
FamilySpec holo2_family() { return holo_spec("holo2", CoordSpace::kThousandths, qwen_sizing(32, kQwen3MinPixels, kQwen3MaxPixels)); }
FamilySpec holo3_family() { return holo_spec("holo3", CoordSpace::kThousandths, qwen_sizing(32, kQwen3MinPixels, kQwen3MaxPixels)); }

// OpenCUA-7B/32B (model/README.md): a system prompt asking for pyautogui actions, the image, then the
// instruction; the answer is a python block with pyautogui.click(x=..., y=...) in pixels of the image
// smart_resized with factor 28, min_pixels 3136, max_pixels 12845056.
FamilySpec opencua_family() {
  FamilySpec s;
  s.name = "opencua";
  s.space = CoordSpace::kSentPixels;
  s.image_size = qwen_sizing(28, 3136, 12845056);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.system = "You are a GUI agent. You are given a task and a screenshot of the screen. You need to perform a series "
               "of pyautogui actions to complete the task.";
    p.prompt = std::string(instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, false);
    return text_answer("```python\npyautogui.click(x=" + SpaceTarget::num(t.box.center().x, d) +
                       ", y=" + SpaceTarget::num(t.box.center().y, d) + ")\n```");
  };
  return s;
}

// UI-Venus-Ground 1.0 (models/grounding before the 1.5 release): a box [x1,y1,x2,y2] in pixels of
// the image resized with min_pixels 2000000, max_pixels 4800000.
FamilySpec ui_venus_10_family() {
  FamilySpec s;
  s.name = "ui-venus-1.0";
  s.space = CoordSpace::kSentPixels;
  s.image_size = qwen_sizing(28, 2000000, 4800000);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill("Outline the position corresponding to the instruction: {}. The output should be only [x1,y1,x2,y2].",
                    instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, true);
    return text_answer("[" + SpaceTarget::num(t.box.x1, d) + "," + SpaceTarget::num(t.box.y1, d) + "," +
                       SpaceTarget::num(t.box.x2, d) + "," + SpaceTarget::num(t.box.y2, d) + "]");
  };
  return s;
}

// UI-Venus-1.5 (models/grounding/ui_venus1_5_gd.py): the centre point as [x,y] in 0-1000; the
// instruction loses a trailing period first. The refusal variant of the prompt ([-1,-1]) is not used.
FamilySpec ui_venus_15_family() {
  FamilySpec s;
  s.name = "ui-venus-1.5";
  s.space = CoordSpace::kThousandths;
  s.image_size = qwen_sizing(32, kQwen3MinPixels, kQwen3MaxPixels);
  s.prompt = [](std::string_view instruction, ImageSize) {
    if (!instruction.empty() && instruction.back() == '.') instruction.remove_suffix(1);
    PromptSpec p;
    p.prompt = fill("Output the center point of the position corresponding to the following instruction: \n{}. \n\n"
                    "The output should just be the coordinates of a point, in the format [x,y].",
                    instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, false);
    return text_answer("[" + SpaceTarget::num(t.box.center().x, d) + "," + SpaceTarget::num(t.box.center().y, d) + "]");
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
