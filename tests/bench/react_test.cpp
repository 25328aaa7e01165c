#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "humain/bench.h"

namespace humain {
namespace {

const std::string kSamples = std::string(HUMAIN_SOURCE_DIR) + "/data/samples";

TEST(ReactSteps, SequenceRepeatsAndChangesScreens) {
  auto steps = react_steps_from_dataset(kSamples + "/samples.json", kSamples, 8);
  ASSERT_TRUE(steps.ok()) << steps.error().message;
  ASSERT_GE(steps->size(), 6u);
  int same_screen = 0, repeated_step = 0, changed = 0;
  for (size_t i = 1; i < steps->size(); ++i) {
    const auto& a = (*steps)[i - 1];
    const auto& b = (*steps)[i];
    if (a.image_path == b.image_path) ++same_screen;
    else ++changed;
    for (size_t j = 0; j < i; ++j) {
      if ((*steps)[j].image_path == b.image_path && (*steps)[j].instruction == b.instruction) {
        ++repeated_step;
        break;
      }
    }
  }
  EXPECT_GT(same_screen, 0);
  EXPECT_GT(changed, 0);
  EXPECT_GT(repeated_step, 0);
  EXPECT_FALSE(react_steps_from_dataset("/nonexistent.json", "/", 8).ok());
}

// A grounder that costs `ms` per call unless it has seen the exact request (a stand-in cache).
class FakeGrounder : public Grounder {
 public:
  FakeGrounder(double ms, bool cached) : ms_(ms), cached_(cached) {}
  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    Prediction p;
    p.point = Point{1, 1};
    p.source = "fake";
    const std::string key = std::to_string(screen.hash) + std::string(instruction);
    if (cached_ && seen_.count(key)) {
      p.timings.cache_hit = true;
      return p;
    }
    seen_[key] = 1;
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms_));
    p.timings.inference_ms = ms_;
    return p;
  }
  std::string name() const override { return "fake"; }

 private:
  double ms_;
  bool cached_;
  std::map<std::string, int> seen_;
};

TEST(ReactBenchmark, SpeedupsFollowTheVariants) {
  auto steps = react_steps_from_dataset(kSamples + "/samples.json", kSamples, 2);
  ASSERT_TRUE(steps.ok());
  ReactOptions o;
  o.iterations = int(steps->size());
  auto r = run_react_benchmark(*steps, o, [](const std::string& v) -> Result<std::unique_ptr<Grounder>> {
    const double ms = v == "cascade" || v == "combined" ? 10 : 40;
    return std::unique_ptr<Grounder>(std::make_unique<FakeGrounder>(ms, v == "cache" || v == "combined"));
  });
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->variants.size(), 4u);
  const auto& base = r->variants[0];
  EXPECT_DOUBLE_EQ(base.speedup, 1.0);
  EXPECT_EQ(base.cache_hits, 0);
  EXPECT_GT(base.inference_ms, 35);
  EXPECT_GT(base.capture_ms, 0);  // real PNG decode
  // Inference time is what the variants change (whole-iteration speed-ups also carry the PNG
  // decode, which a busy machine makes noisy).
  EXPECT_GT(r->variants[1].cache_hits, 0);
  EXPECT_EQ(r->variants[1].cache_hits, r->variants[3].cache_hits);
  EXPECT_LT(r->variants[1].inference_ms, 0.9 * base.inference_ms);
  EXPECT_NEAR(r->variants[2].inference_ms, base.inference_ms / 4, 1e-9);
  EXPECT_LT(r->variants[3].inference_ms, r->variants[2].inference_ms);
  EXPECT_GT(r->variants[2].speedup, 1.0);
  const std::string table = format_react_table(*r);
  EXPECT_NE(table.find("With faster engine"), std::string::npos);
  EXPECT_NE(table.find("Combined"), std::string::npos);
  auto j = to_json(*r);
  EXPECT_EQ(j["variants"][0]["iterations"].size(), steps->size());
}

TEST(ReactBenchmark, GrounderErrorsAreCountedNotHidden) {
  std::vector<ReactStep> steps = {{kSamples + "/login.png", "x"}, {"/nonexistent.png", "y"}};
  ReactOptions o;
  o.iterations = 2;
  o.variants = {"baseline"};
  auto r = run_react_benchmark(steps, o, [](const std::string&) -> Result<std::unique_ptr<Grounder>> {
    return std::unique_ptr<Grounder>(std::make_unique<FakeGrounder>(1, false));
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->variants[0].failed, 1);
  EXPECT_FALSE(r->variants[0].iterations[1].error.empty());
  o.variants = {"turbo"};
  EXPECT_FALSE(run_react_benchmark(steps, o, nullptr).ok());
}

}  // namespace
}  // namespace humain
