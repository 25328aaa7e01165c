// The VLM grounder end to end with an in-process provider that answers like each model family
// would (render_answer): any coordinate bug between resize, prompt and parse shows up as a miss.
#include <atomic>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "grounding/vlm/vlm_grounder.h"
#include "humain/adapter.h"
#include "humain/config.h"
#include "humain/image_encoding.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

// Answers every request with the rendered answer for `target`, and records what it was sent.
class ScriptedProvider final : public Provider {
 public:
  ScriptedProvider(std::string family, Box target, ImageSize original)
      : family_(std::move(family)), target_(target), original_(original) {}

  Result<ChatResponse> chat(const ChatRequest& request, const TokenCallback&) override {
    std::lock_guard lock(mu_);
    ++calls_;
    last_ = request;
    if (!reply_override_.empty()) {
      ChatResponse r;
      r.text = reply_override_;
      return r;
    }
    return render_answer(family_, target_, original_);
  }
  std::string name() const override { return "scripted"; }
  std::string model() const override { return "scripted-model"; }

  std::mutex mu_;
  int calls_ = 0;
  ChatRequest last_;
  std::string reply_override_;

 private:
  std::string family_;
  Box target_;
  ImageSize original_;
};

Screenshot screen_of(int w, int h, int seed = 0) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(200, 200, 200 - seed));
  cv::rectangle(m, cv::Rect(w / 3, h / 3, w / 10, h / 20), cv::Scalar(20, 120, 220), cv::FILLED);
  auto s = screenshot_from_mat(m);
  EXPECT_TRUE(s.ok());
  return *s;
}

TEST(VlmGrounder, EveryFamilyHitsTheTargetOnSeveralScreens) {
  for (const auto& family : adapter_families()) {
    // JPEG keeps this loop fast (48 encodes, also under ASan); PNG is covered by the tests below.
    grounding::VlmGrounderOptions options;
    options.encode.format = ImageFormat::kJpeg;
    for (ImageSize size : {ImageSize{1920, 1080}, ImageSize{1080, 2400}}) {
      const Box target{size.width * 0.61, size.height * 0.22, size.width * 0.61 + 24, size.height * 0.22 + 18};
      auto provider = std::make_unique<ScriptedProvider>(family, target, size);
      ScriptedProvider* raw = provider.get();
      auto grounder = grounding::make_vlm_grounder(std::move(provider), make_adapter(family).value(), options);
      const Screenshot screen = screen_of(size.width, size.height);
      auto p = grounder->find_element(screen, "the blue button");
      ASSERT_TRUE(p.ok()) << family << ": " << p.error().message;
      ASSERT_TRUE(p->point.has_value());
      EXPECT_TRUE(contains(target, *p->point)) << family << " " << size.width << "x" << size.height << " -> ("
                                               << p->point->x << ", " << p->point->y << ")";
      EXPECT_EQ(p->source, "vlm:scripted/" + family);
      // The image sent is the family's size, and the prompt names the instruction.
      ASSERT_EQ(raw->last_.images.size(), 1u);
      const auto want = (make_adapter(family).value())->image_size(size);
      EXPECT_EQ(raw->last_.images[0]->width, want->width) << family;
      EXPECT_EQ(raw->last_.images[0]->height, want->height) << family;
      EXPECT_NE(raw->last_.prompt.find("the blue button"), std::string::npos) << family;
    }
  }
}

TEST(VlmGrounder, EncodesEachScreenshotOnce) {
  const ImageSize size{1280, 720};
  auto provider = std::make_unique<ScriptedProvider>("qwen2.5-vl", Box{10, 10, 50, 50}, size);
  ScriptedProvider* raw = provider.get();
  auto grounder = grounding::make_vlm_grounder(std::move(provider), make_adapter("qwen2.5-vl").value());
  const Screenshot a = screen_of(1280, 720, 0), b = screen_of(1280, 720, 50);
  ASSERT_TRUE(grounder->find_element(a, "x").ok());
  const EncodedImage* first = raw->last_.images[0].get();
  ASSERT_TRUE(grounder->find_element(a, "y").ok());
  EXPECT_EQ(raw->last_.images[0].get(), first);  // the same encoded bytes, shared
  ASSERT_TRUE(grounder->find_element(b, "x").ok());
  EXPECT_NE(raw->last_.images[0].get(), first);  // another screenshot, another encoding
  EXPECT_EQ(raw->calls_, 3);
}

TEST(VlmGrounder, ConcurrentCallsAreSafe) {
  const ImageSize size{800, 600};
  const Box target{100, 100, 140, 130};
  auto grounder = grounding::make_vlm_grounder(std::make_unique<ScriptedProvider>("gta1", target, size),
                                               make_adapter("gta1").value());
  const Screenshot screen = screen_of(800, 600);
  std::atomic<int> hits{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto p = grounder->find_element(screen, "target");
        if (p.ok() && p->point && contains(target, *p->point)) ++hits;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(hits.load(), 40);
}

TEST(VlmGrounder, UnparseableAnswerIsAnErrorNotAGuess) {
  auto provider = std::make_unique<ScriptedProvider>("uground", Box{}, ImageSize{640, 480});
  provider->reply_override_ = "Sorry, I don't see such an element.";
  auto grounder = grounding::make_vlm_grounder(std::move(provider), make_adapter("uground").value());
  auto p = grounder->find_element(screen_of(640, 480), "missing");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().kind, Error::Kind::kParse);
  EXPECT_NE(p.error().message.find("unparseable"), std::string::npos);
}

TEST(VlmGrounder, ConfigWithoutEndpointOrWithUnknownFamilyIsAnError) {
  Config empty;
  auto none = grounding::make_vlm_grounder(empty);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("VLM endpoint"), std::string::npos);
  EndpointConfig bad;
  bad.provider = "ollama";
  bad.model = "m";
  bad.family = "not-a-family";
  EXPECT_FALSE(grounding::make_vlm_grounder(bad).ok());
}

TEST(VlmGrounder, LocalOnlyNeverUsesTheCloudEndpoint) {
  Config c;
  c.mode = "local_only";
  EndpointConfig cloud;
  cloud.provider = "anthropic";
  cloud.model = "claude";
  cloud.family = "claude-computer-use";
  c.cloud = cloud;
  auto g = grounding::make_vlm_grounder(c);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().kind, Error::Kind::kPolicy);
}

}  // namespace
}  // namespace humain
