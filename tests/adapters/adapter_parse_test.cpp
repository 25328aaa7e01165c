// Each family's parser on answers written the way the model's documentation shows them.
#include <gtest/gtest.h>

#include "humain/adapter.h"

namespace humain {
namespace {

constexpr ImageSize kFullHd{1920, 1080};

struct Parsed {
  Result<Grounding> g;
  ImageSize sent;
};

Parsed parse_text(const std::string& family, const std::string& text, ImageSize original = kFullHd) {
  auto adapter = make_adapter(family);
  EXPECT_TRUE(adapter.ok()) << family;
  auto sent = (*adapter)->image_size(original);
  EXPECT_TRUE(sent.ok()) << family;
  ChatResponse r;
  r.text = text;
  return {(*adapter)->parse(r, original, *sent), *sent};
}

Grounding must_parse(const std::string& family, const std::string& text, ImageSize original = kFullHd) {
  auto p = parse_text(family, text, original);
  EXPECT_TRUE(p.g.ok()) << family << ": " << (p.g.ok() ? "" : p.g.error().message);
  return p.g.ok() ? *p.g : Grounding{};
}

#define EXPECT_POINT(g, X, Y, TOL)      \
  do {                                  \
    EXPECT_NEAR((g).point.x, (X), (TOL)); \
    EXPECT_NEAR((g).point.y, (Y), (TOL)); \
  } while (0)

TEST(AdapterParse, Qwen2VlBoxTokensInThousandths) {
  auto g = must_parse("qwen2-vl",
                      "<|object_ref_start|>the search bar<|object_ref_end|><|box_start|>(100,200),(300,400)<|box_end|>");
  ASSERT_TRUE(g.box.has_value());
  EXPECT_NEAR(g.box->x1, 192, 1e-9);
  EXPECT_NEAR(g.box->y1, 216, 1e-9);
  EXPECT_NEAR(g.box->x2, 576, 1e-9);
  EXPECT_NEAR(g.box->y2, 432, 1e-9);
  EXPECT_POINT(g, 384, 324, 1e-9);
  // Servers that skip special tokens leave only the pairs.
  auto plain = must_parse("qwen2-vl", "the search bar(100,200),(300,400)");
  EXPECT_POINT(plain, 384, 324, 1e-9);
}

TEST(AdapterParse, Qwen25VlJsonInResizedPixels) {
  // 1920x1080 is sent as 1932x1092; 966/1932*1920 = 960, 546/1092*1080 = 540.
  auto g = must_parse("qwen2.5-vl", "```json\n[\n\t{\"bbox_2d\": [916, 496, 1016, 596], \"label\": \"OK button\"}\n]\n```");
  EXPECT_POINT(g, 960, 540, 1e-9);
  ASSERT_TRUE(g.box.has_value());
  EXPECT_NEAR(g.box->x1, 916.0 * 1920 / 1932, 1e-9);
  auto p = must_parse("qwen2.5-vl", "[{\"point_2d\": [966, 546], \"label\": \"OK\"}]");
  EXPECT_POINT(p, 960, 540, 1e-9);
  EXPECT_FALSE(p.box.has_value());
  // The computer_use tool call the Qwen2.5-VL cookbook shows, inside <tool_call> tags.
  auto t = must_parse("qwen2.5-vl",
                      "<tool_call>\n{\"name\": \"computer_use\", \"arguments\": {\"action\": \"left_click\", "
                      "\"coordinate\": [966, 546]}}\n</tool_call>");
  EXPECT_POINT(t, 960, 540, 1e-9);
  // Several candidates: the first wins.
  auto several = must_parse("qwen2.5-vl", "[{\"bbox_2d\": [916, 496, 1016, 596]}, {\"bbox_2d\": [0, 0, 10, 10]}]");
  EXPECT_POINT(several, 960, 540, 1e-9);
}

TEST(AdapterParse, Qwen3VlThousandths) {
  auto g = must_parse("qwen3-vl", "```json\n[{\"bbox_2d\": [450, 450, 550, 550], \"label\": \"icon\"}]\n```");
  EXPECT_POINT(g, 960, 540, 1e-9);
  auto p = must_parse("qwen3-vl", "{\"point_2d\": [500, 500]}");
  EXPECT_POINT(p, 960, 540, 1e-9);
}

TEST(AdapterParse, UiTarsV1Thousandths) {
  EXPECT_POINT(must_parse("ui-tars-1.0", "(500,500)"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("ui-tars-1.0", "click(start_box='(500,500)')"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("ui-tars-1.0", "click(start_box='<|box_start|>(250,750)<|box_end|>')"), 480, 810, 1e-9);
}

TEST(AdapterParse, UiTars15WorkedExampleFromGroundingFacts) {
  // README_coordinates: 1920x1080 is seen as 1932x1092; (197,525) there is (195.8, 519.2) on screen.
  auto p = parse_text("ui-tars-1.5", "click(start_box='(197,525)')");
  ASSERT_TRUE(p.g.ok()) << p.g.error().message;
  EXPECT_EQ(p.sent, (ImageSize{1932, 1092}));
  EXPECT_NEAR(p.g->point.x, 197.0 * 1920 / 1932, 1e-9);
  EXPECT_NEAR(p.g->point.y, 525.0 * 1080 / 1092, 1e-9);
  EXPECT_NEAR(p.g->point.x, 195.8, 0.05);
  EXPECT_NEAR(p.g->point.y, 519.2, 0.05);
}

TEST(AdapterParse, UiTars15Variants) {
  auto thought = must_parse("ui-tars-1.5",
                            "Thought: The settings gear is at the top right (next to the 2 tabs).\n"
                            "Action: click(start_box='<|box_start|>(966,546)<|box_end|>')");
  EXPECT_POINT(thought, 960, 540, 1e-9);
  EXPECT_POINT(must_parse("ui-tars-1.5", "Action: click(point='<point>966 546</point>')"), 960, 540, 1e-9);
  // A box where a point was asked: centre, and the box is kept.
  auto box = must_parse("ui-tars-1.5", "click(start_box='(916,496,1016,596)')");
  EXPECT_POINT(box, 960, 540, 1e-9);
  EXPECT_TRUE(box.box.has_value());
}

TEST(AdapterParse, ShowUiAndSeeClickUnitCoordinates) {
  EXPECT_POINT(must_parse("showui", "[0.5, 0.5]"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("showui", "[0.25,0.75]"), 480, 810, 1e-9);
  EXPECT_POINT(must_parse("seeclick", "(0.50,0.50)"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("seeclick", "(0.49, 0.40)"), 0.49 * 1920, 0.40 * 1080, 1e-9);
}

TEST(AdapterParse, OsAtlasAndUGround) {
  auto g = must_parse("os-atlas", "<|object_ref_start|>Settings<|object_ref_end|><|box_start|>(450,450),(550,550)<|box_end|>");
  EXPECT_POINT(g, 960, 540, 1e-9);
  EXPECT_TRUE(g.box.has_value());
  EXPECT_POINT(must_parse("uground", "(500, 500)"), 960, 540, 1e-9);
}

TEST(AdapterParse, Gta1HoloInfiGuiResizedPixels) {
  EXPECT_POINT(must_parse("gta1", "(966,546)"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("holo1.5", "{\"x\": 966, \"y\": 546}"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("holo1.5", "Click(966, 546)"), 960, 540, 1e-9);
  // Holo2 and Holo3 answer in 0-1000.
  EXPECT_POINT(must_parse("holo2", "{\"x\": 500, \"y\": 500}"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("holo3", "Click(250, 750)"), 480, 810, 1e-9);
  EXPECT_POINT(must_parse("infigui-g1",
                          "<think>The gear icon (settings) is in the toolbar.</think>\n```json\n"
                          "[{\"point_2d\": [966, 546]}, {\"point_2d\": [10, 10]}]\n```"),
               960, 540, 1e-9);
}

TEST(AdapterParse, GeminiBox2dIsYFirst) {
  // box_2d = [ymin, xmin, ymax, xmax]: y 450-550 -> 486-594 px, x 400-600 -> 768-1152 px.
  auto g = must_parse("gemini", "```json\n[\n  {\"box_2d\": [450, 400, 550, 600], \"label\": \"Save button\"}\n]\n```");
  ASSERT_TRUE(g.box.has_value());
  EXPECT_NEAR(g.box->x1, 768, 1e-9);
  EXPECT_NEAR(g.box->x2, 1152, 1e-9);
  EXPECT_NEAR(g.box->y1, 486, 1e-9);
  EXPECT_NEAR(g.box->y2, 594, 1e-9);
  EXPECT_POINT(g, 960, 540, 1e-9);
  EXPECT_POINT(must_parse("gemini", "[{\"point\": [250, 500], \"label\": \"x\"}]"), 960, 270, 1e-9);
}

TEST(AdapterParse, ClaudeComputerUseToolCall) {
  auto adapter = make_adapter("claude-computer-use");
  ASSERT_TRUE(adapter.ok());
  auto sent = (*adapter)->image_size(kFullHd);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, (ImageSize{1456, 819}));  // Anthropic's 16:9 size
  ChatResponse r;
  r.tool_calls.push_back(ToolCall{"computer", {{"action", "left_click"}, {"coordinate", {728, 410}}}});
  auto g = (*adapter)->parse(r, kFullHd, *sent);
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_NEAR(g->point.x, 960, 1e-9);
  EXPECT_NEAR(g->point.y, 410.0 * 1080 / 819, 1e-9);
  // The tool definition declares the size actually sent.
  auto spec = (*adapter)->prompt("Save", *sent);
  ASSERT_TRUE(spec.tools.is_array());
  EXPECT_EQ(spec.tools[0]["type"], "computer_20251124");
  EXPECT_EQ(spec.tools[0]["display_width_px"], 1456);
  EXPECT_EQ(spec.tools[0]["display_height_px"], 819);
}

TEST(AdapterParse, OpenAiComputerUseClick) {
  auto adapter = make_adapter("openai-computer-use");
  ASSERT_TRUE(adapter.ok());
  ChatResponse r;
  r.tool_calls.push_back(
      ToolCall{"computer_use_preview", {{"action", {{"type", "click"}, {"button", "left"}, {"x", 960}, {"y", 540}}}}});
  auto g = (*adapter)->parse(r, kFullHd, kFullHd);
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_POINT(*g, 960, 540, 1e-9);
  // Arguments as a JSON string (OpenAI function-call style) and a text answer.
  ChatResponse s;
  s.tool_calls.push_back(ToolCall{"computer_use_preview", "{\"type\": \"click\", \"x\": 100, \"y\": 200}"});
  auto gs = (*adapter)->parse(s, kFullHd, kFullHd);
  ASSERT_TRUE(gs.ok()) << gs.error().message;
  EXPECT_POINT(*gs, 100, 200, 1e-9);
  EXPECT_POINT(must_parse("openai-computer-use", "click{\"x\": 300, \"y\": 400}"), 300, 400, 1e-9);
}

TEST(AdapterParse, OpenAiGaComputerCallActionsBatch) {
  // The GA computer tool answers with a computer_call item whose `actions` may start with a non-click.
  auto adapter = make_adapter("openai-computer-use");
  ASSERT_TRUE(adapter.ok());
  ChatResponse r;
  r.tool_calls.push_back(ToolCall{"computer_call",
                                  {{"type", "computer_call"}, {"call_id", "call_1"},
                                   {"actions", {{{"type", "screenshot"}}, {{"type", "click"}, {"button", "left"}, {"x", 700}, {"y", 300}}}}}});
  auto g = (*adapter)->parse(r, ImageSize{2800, 1200}, ImageSize{1400, 600});
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_POINT(*g, 1400, 600, 1e-9);
  auto spec = (*adapter)->prompt("Save", ImageSize{1400, 600});
  EXPECT_EQ(spec.tools, nlohmann::json::array({{{"type", "computer"}}}));
  auto preview = (*make_adapter("openai-computer-use", "preview"))->prompt("Save", ImageSize{1400, 600});
  EXPECT_EQ(preview.tools[0]["type"], "computer_use_preview");
  EXPECT_EQ(preview.tools[0]["display_width"], 1400);
}

TEST(AdapterParse, NewFamiliesReadTheirOwnFormats) {
  // OpenCUA: pyautogui keyword arguments in a python fence, smart_resized pixels (1920x1080 -> 1932x1092).
  EXPECT_POINT(must_parse("opencua", "```python\npyautogui.click(x=966, y=546)\n```"), 960, 540, 1e-9);
  // UI-Venus-1.5: [x,y] in 0-1000.
  EXPECT_POINT(must_parse("ui-venus-1.5", "[500,250]"), 960, 270, 1e-9);
  // UI-TARS Doubao: the <point> form in 0-1000; UI-TARS-1.5: the same form in sent pixels.
  EXPECT_POINT(must_parse("ui-tars-doubao", "Action: click(point='<point>500 500</point>')"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("ui-tars-1.5", "Action: click(point='<point>966 546</point>')"), 960, 540, 1e-9);
  // Reasoning that quotes coordinates does not count: the action after "Action:" does.
  EXPECT_POINT(must_parse("ui-tars-1.0", "Thought: not swipe(start_box='(10,10)')\nAction: click(start_box='(500,500)')"), 960, 540, 1e-9);
  EXPECT_POINT(must_parse("ui-tars-doubao", "<thinkt>maybe <point>10 10</point></thinkt><point>500 500</point>"), 960, 540, 1e-9);
}

TEST(AdapterRegistry, VersionsDefaultToTodaysModel) {
  auto family = [](const std::string& f, const std::string& v = "") { return (*make_adapter(f, v))->family(); };
  EXPECT_EQ(family("ui-tars"), "ui-tars-1.5");
  EXPECT_EQ(family("ui-tars", "1.0"), "ui-tars-1.0");
  EXPECT_EQ(family("ui-tars", "doubao"), "ui-tars-doubao");
  EXPECT_EQ(family("holo"), "holo3");
  EXPECT_EQ(family("holo", "1.5"), "holo1.5");
  EXPECT_EQ(family("holo", "2"), "holo2");
  EXPECT_EQ(family("ui-venus"), "ui-venus-1.5");
  EXPECT_EQ(family("claude-computer-use"), "claude-computer-use-20251124");
  EXPECT_EQ(family("claude-computer-use", "20250124"), "claude-computer-use-20250124");
  EXPECT_EQ(family("openai-computer-use"), "openai-computer-use");
  EXPECT_EQ(family("openai-computer-use", "ga"), "openai-computer-use");
  EXPECT_EQ(family("openai-computer-use", "preview"), "openai-computer-use-preview");
  auto bad = make_adapter("holo", "4");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("versions: 3, 2, 1.5"), std::string::npos) << bad.error().message;
  auto none = make_adapter("gta1", "2");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("takes no family_version"), std::string::npos) << none.error().message;
  // Claude's tool version decides the tool type (and the anthropic-beta header the provider sends).
  auto old = (*make_adapter("claude-computer-use", "20250124"))->prompt("Save", ImageSize{1456, 819});
  EXPECT_EQ(old.tools[0]["type"], "computer_20250124");
}

TEST(AdapterSizes, FollowEachFamilysOwnEvaluation) {
  auto size = [](const std::string& f, ImageSize s) { return *(*make_adapter(f))->image_size(s); };
  EXPECT_EQ(size("holo1.5", {3840, 2160}), (ImageSize{2548, 1428}));  // H Company: max_pixels 2560*1440
  EXPECT_EQ(size("gta1", {3840, 2160}), (ImageSize{3836, 2156}));     // GTA1: max_pixels 4096*2160
  EXPECT_EQ(size("opencua", {1920, 1080}), (ImageSize{1932, 1092}));
  EXPECT_EQ(size("claude-computer-use-20251124-hires", {3840, 2160}), (ImageSize{2525, 1420}));
}

TEST(AdapterParse, GenericJson) {
  EXPECT_POINT(must_parse("generic", "{\"point_2d\": [960, 540]}"), 960, 540, 1e-9);
  auto g = must_parse("generic", "Sure! Here it is:\n```json\n{\"bbox_2d\": [900, 500, 1020, 580]}\n```\nHope that helps.");
  EXPECT_POINT(g, 960, 540, 1e-9);
}

TEST(AdapterParse, UnparseableAnswersAreErrors) {
  for (const auto& family : adapter_families()) {
    for (const std::string text : {"", "I cannot find that element on the screen.", "The answer is 42.",
                                   "```json\n{\"label\": \"Save\"}\n```", "(abc, def)", "[1, 2, 3]",
                                   "{\"bbox_2d\": [1, 2, 3]", "<|box_start|><|box_end|>"}) {
      auto p = parse_text(family, text);
      ASSERT_FALSE(p.g.ok()) << family << " accepted \"" << text << "\"";
      EXPECT_EQ(p.g.error().kind, Error::Kind::kParse);
      EXPECT_NE(p.g.error().message.find("unparseable"), std::string::npos) << p.g.error().message;
    }
  }
}

TEST(AdapterParse, RunawayOutputIsAnErrorQuickly) {
  // A model stuck repeating brackets or digits: an error, without a quadratic scan or regex blow-up.
  for (const std::string& text : {std::string(200000, '['), std::string(200000, '('), std::string(100000, '7')}) {
    auto p = parse_text("generic", text);
    ASSERT_FALSE(p.g.ok());
    EXPECT_NE(p.g.error().message.find("unparseable"), std::string::npos);
  }
}

TEST(AdapterParse, AbsurdNumbersAreErrorsNotCrashes) {
  const std::string huge(400, '9');
  for (const std::string& text : {"(" + huge + ", 5)", "[" + huge + ".5, 1]", "<point>" + huge + " 1</point>",
                                  std::string("(1e400, 2)"), std::string("{\"x\": 1e400, \"y\": 3}")}) {
    auto p = parse_text("gta1", text);
    EXPECT_FALSE(p.g.ok()) << text.substr(0, 40);
  }
}

TEST(AdapterParse, ToolCallWithoutCoordinateIsAnError) {
  auto adapter = make_adapter("claude-computer-use");
  ASSERT_TRUE(adapter.ok());
  ChatResponse r;
  r.tool_calls.push_back(ToolCall{"computer", {{"action", "screenshot"}}});
  auto g = (*adapter)->parse(r, kFullHd, ImageSize{1456, 819});
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.error().message.find("tool call without a coordinate"), std::string::npos);
}

TEST(AdapterParse, CoordinatesOutsideTheFamilyRangeAreErrors) {
  // A 0-1 family answering in 0-1000, a 0-1000 family answering in 4K pixels: never guess.
  auto unit = parse_text("showui", "[500, 300]");
  ASSERT_FALSE(unit.g.ok());
  EXPECT_NE(unit.g.error().message.find("outside the image"), std::string::npos);
  EXPECT_FALSE(parse_text("qwen2-vl", "(2000,100),(2100,200)").g.ok());
  EXPECT_FALSE(parse_text("gta1", "(5000, 20)").g.ok());
  EXPECT_FALSE(parse_text("uground", "(-50, 20)").g.ok());
  // Within 1% slack it is a rounding slip, clamped to the image.
  auto slip = must_parse("uground", "(1005, 1000)");
  EXPECT_NEAR(slip.point.x, 1920, 1e-9);
  EXPECT_NEAR(slip.point.y, 1080, 1e-9);
}

TEST(AdapterRegistry, KnowsEveryFamilyAndRejectsUnknown) {
  EXPECT_EQ(adapter_families().size(), 25u);
  for (const auto& f : adapter_families()) {
    auto a = make_adapter(f);
    ASSERT_TRUE(a.ok()) << f;
    EXPECT_EQ((*a)->family(), f);
  }
  EXPECT_TRUE(make_adapter("UI_TARS-1.5").ok());
  auto bad = make_adapter("llava");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("qwen2.5-vl"), std::string::npos);
}

TEST(AdapterPrompts, UseEachFamilysOwnWording) {
  auto prompt = [](const std::string& f) { return (*make_adapter(f))->prompt("the Save button", ImageSize{1932, 1092}); };
  EXPECT_EQ(prompt("qwen2-vl").prompt,
            "Output the bounding box in the image corresponding to the instruction \"the Save button\" with grounding.");
  EXPECT_EQ(prompt("seeclick").prompt,
            "In this UI screenshot, what is the position of the element corresponding to the command \"the Save "
            "button\" (with point)?");
  EXPECT_NE(prompt("os-atlas").prompt.find("(with bbox)?"), std::string::npos);
  EXPECT_NE(prompt("ui-tars-1.0").prompt.find("Output only the coordinate of one point"), std::string::npos);
  EXPECT_NE(prompt("ui-tars-1.5").prompt.find("## User Instruction\nthe Save button"), std::string::npos);
  EXPECT_NE(prompt("ui-tars-1.5").prompt.find("click(point='<point>x1 y1</point>'"), std::string::npos);
  // ShowUI: its _SYSTEM text goes in the user turn before the image, not in a system message.
  EXPECT_NE(prompt("showui").pre_image_text.find("scaled from 0 to 1"), std::string::npos);
  EXPECT_TRUE(prompt("showui").system.empty());
  EXPECT_EQ(prompt("showui").prompt, "the Save button");
  EXPECT_NE(prompt("opencua").system.find("pyautogui actions"), std::string::npos);
  EXPECT_NE(prompt("ui-venus-1.5").prompt.find("in the format [x,y]."), std::string::npos);
  EXPECT_NE(prompt("gta1").system.find("height 1092 and width 1932"), std::string::npos);
  EXPECT_NE(prompt("infigui-g1").prompt.find("resolution is 1932x1092"), std::string::npos);
  EXPECT_TRUE(prompt("holo").json_schema.has_value());
  EXPECT_NE(prompt("holo1.5").prompt.find("number of pixels"), std::string::npos);
  EXPECT_TRUE(prompt("generic").json_schema.has_value());
  EXPECT_NE(prompt("gemini").prompt.find("[ymin, xmin, ymax, xmax]"), std::string::npos);
}

}  // namespace
}  // namespace humain
