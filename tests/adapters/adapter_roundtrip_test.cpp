// render() then parse() for every family on screens of several sizes and aspect ratios: the
// answer a model gives for a box must map back inside that box, within a pixel or two.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "humain/adapter.h"

namespace humain {
namespace {

const std::vector<ImageSize> kScreens = {{1920, 1080}, {2560, 1440}, {3840, 2160}, {1366, 768}, {1080, 2400}, {1280, 800}};

std::vector<Box> boxes_for(ImageSize s) {
  const double w = s.width, h = s.height;
  return {Box{10, 10, 60, 40},                             // top-left icon
          Box{w - 40, 3, w - 4, 27},                        // small close button in the corner
          Box{w * 0.4, h * 0.45, w * 0.6, h * 0.55},        // large central element
          Box{w * 0.7 + 0.5, h * 0.9, w * 0.7 + 12.5, h * 0.9 + 9},  // 12 x 9 px icon, fractional edges
          Box{0, h - 30, w, h}};                            // full-width taskbar
}

TEST(AdapterRoundTrip, EveryFamilyEveryScreen) {
  for (const auto& family : adapter_families()) {
    auto adapter = make_adapter(family);
    ASSERT_TRUE(adapter.ok());
    for (const auto& screen : kScreens) {
      auto sent = (*adapter)->image_size(screen);
      ASSERT_TRUE(sent.ok()) << family << ": " << sent.error().message;
      for (const auto& box : boxes_for(screen)) {
        const ChatResponse answer = (*adapter)->render(box, screen, *sent);
        auto g = (*adapter)->parse(answer, screen, *sent);
        ASSERT_TRUE(g.ok()) << family << " " << screen.width << "x" << screen.height << ": " << g.error().message
                            << " for \"" << answer.text << "\"";
        EXPECT_TRUE(contains(box, g->point))
            << family << " " << screen.width << "x" << screen.height << " answer \"" << answer.text << "\" -> ("
            << g->point.x << ", " << g->point.y << ") outside [" << box.x1 << "," << box.y1 << "," << box.x2 << ","
            << box.y2 << "]";
        // Integer pixel / 0-1000 answers land within 2 px of the centre; two-decimal 0-1 answers
        // (ShowUI, SeeClick) within half a hundredth of the screen.
        const bool unit = family == "showui" || family == "seeclick";
        const double tol_x = unit ? 0.005 * screen.width + 0.5 : 2.0;
        const double tol_y = unit ? 0.005 * screen.height + 0.5 : 2.0;
        EXPECT_NEAR(g->point.x, box.center().x, tol_x) << family << " " << answer.text;
        EXPECT_NEAR(g->point.y, box.center().y, tol_y) << family << " " << answer.text;
      }
    }
  }
}

TEST(AdapterRoundTrip, RenderAnswerComputesTheSentSize) {
  // 1920x1080 through qwen2.5-vl: the answer is in the 1932x1092 space.
  auto r = render_answer("qwen2.5-vl", Box{950, 530, 970, 550}, ImageSize{1920, 1080});
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("\"bbox_2d\": [956, 536, 976, 556]"), std::string::npos) << r->text;
  auto claude = render_answer("claude-computer-use", Box{950, 530, 970, 550}, ImageSize{1920, 1080});
  ASSERT_TRUE(claude.ok());
  ASSERT_EQ(claude->tool_calls.size(), 1u);
  EXPECT_EQ(claude->tool_calls[0].arguments["coordinate"], nlohmann::json({728, 410}));
  EXPECT_FALSE(render_answer("nope", Box{}, ImageSize{10, 10}).ok());
  EXPECT_FALSE(render_answer("gta1", Box{0, 0, 1, 1}, ImageSize{0, 10}).ok());
}

TEST(AdapterSizes, PerFamilyPolicies) {
  auto size = [](const std::string& f, ImageSize s) { return *(*make_adapter(f))->image_size(s); };
  EXPECT_EQ(size("qwen2.5-vl", {1920, 1080}), (ImageSize{1932, 1092}));
  EXPECT_EQ(size("qwen3-vl", {3840, 2160}), (ImageSize{3840, 2176}));
  EXPECT_EQ(size("ui-tars-1.5", {3840, 2160}), (ImageSize{3836, 2156}));
  EXPECT_EQ(size("showui", {1920, 1080}), (ImageSize{1344, 756}));
  EXPECT_EQ(size("seeclick", {1920, 1080}), (ImageSize{1920, 1080}));
  EXPECT_EQ(size("claude-computer-use", {1920, 1080}), (ImageSize{1456, 819}));
  EXPECT_EQ(size("claude-computer-use", {3840, 2160}), (ImageSize{1456, 819}));
  EXPECT_EQ(size("claude-computer-use", {1080, 2400}), (ImageSize{705, 1568}));  // long-edge limit binds
  EXPECT_EQ(size("claude-computer-use", {1024, 768}), (ImageSize{1024, 768}));   // XGA fits: sent as is
  EXPECT_EQ(size("openai-computer-use", {3840, 2160}), (ImageSize{2048, 1152}));
  EXPECT_EQ(size("gemini", {1920, 1080}), (ImageSize{1920, 1080}));
  EXPECT_FALSE((*make_adapter("generic"))->image_size({0, 0}).ok());
  EXPECT_FALSE((*make_adapter("gemini"))->image_size({5000, 10}).ok());
}

}  // namespace
}  // namespace humain
