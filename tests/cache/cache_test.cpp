// PredictionCache: LRU bound, TTL, key parts, thread safety, and the aggressive near match.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "humain/cache.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

Screenshot sample(const char* name = "login.png") {
  auto s = load_screenshot(std::string(HUMAIN_SOURCE_DIR) + "/data/samples/" + name);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? s.value() : Screenshot{};
}

Screenshot edited(const Screenshot& base, const std::function<void(cv::Mat&)>& draw) {
  cv::Mat m = pixels_mat(base).clone();
  draw(m);
  return screenshot_from_mat(m, "edited").value();
}

Prediction answer(double x, double y) {
  Prediction p;
  p.point = Point{x, y};
  p.box = Box{x - 20, y - 10, x + 20, y + 10};
  p.confidence = 0.9;
  p.source = "test";
  return p;
}

CacheConfig options(int max_size = 10, double ttl = 300, bool aggressive = false) {
  CacheConfig c;
  c.enabled = true;
  c.max_size = max_size;
  c.ttl_s = ttl;
  c.aggressive = aggressive;
  return c;
}

TEST(PredictionCache, HitsOnSameKeyAndMissesOnEachKeyPart) {
  auto cache = make_prediction_cache(options());
  const auto s = sample();
  const auto k = make_cache_key(s, "ollama", "m", "qwen2.5-vl", "click Sign in", false);
  EXPECT_FALSE(cache->lookup(k));
  cache->insert(k, answer(100, 50));
  auto hit = cache->lookup(k);
  ASSERT_TRUE(hit);
  EXPECT_TRUE(hit->timings.cache_hit);
  EXPECT_DOUBLE_EQ(hit->point->x, 100);
  for (auto other : {make_cache_key(s, "vllm", "m", "qwen2.5-vl", "click Sign in", false),
                     make_cache_key(s, "ollama", "m2", "qwen2.5-vl", "click Sign in", false),
                     make_cache_key(s, "ollama", "m", "ui-tars", "click Sign in", false),
                     make_cache_key(s, "ollama", "m", "qwen2.5-vl", "click Cancel", false),
                     make_cache_key(sample("settings.png"), "ollama", "m", "qwen2.5-vl", "click Sign in", false)}) {
    EXPECT_FALSE(cache->lookup(other)) << other.provider << " " << other.model << " " << other.adapter << " " << other.prompt;
  }
  const auto st = cache->stats();
  EXPECT_EQ(st.hits, 1u);
  EXPECT_EQ(st.misses, 6u);
  EXPECT_EQ(st.size, 1u);
}

TEST(PredictionCache, KeyPartsCannotBeForgedBySeparators) {
  auto cache = make_prediction_cache(options());
  const auto s = sample();
  cache->insert(make_cache_key(s, "a", "b:c", "", "p", false), answer(1, 1));
  EXPECT_FALSE(cache->lookup(make_cache_key(s, "a:b", "c", "", "p", false)));
}

TEST(PredictionCache, EvictsLeastRecentlyUsed) {
  auto cache = make_prediction_cache(options(2));
  const auto s = sample();
  auto key = [&](const char* p) { return make_cache_key(s, "p", "m", "a", p, false); };
  cache->insert(key("one"), answer(1, 1));
  cache->insert(key("two"), answer(2, 2));
  ASSERT_TRUE(cache->lookup(key("one")));  // "two" is now least recent
  cache->insert(key("three"), answer(3, 3));
  EXPECT_TRUE(cache->lookup(key("one")));
  EXPECT_FALSE(cache->lookup(key("two")));
  EXPECT_TRUE(cache->lookup(key("three")));
  EXPECT_EQ(cache->stats().evictions, 1u);
  EXPECT_EQ(cache->stats().size, 2u);
}

TEST(PredictionCache, ExpiresAfterTtl) {
  auto now = std::chrono::steady_clock::time_point{};
  auto cache = make_prediction_cache(options(10, 5), [&] { return now; });
  const auto k = make_cache_key(sample(), "p", "m", "a", "x", false);
  cache->insert(k, answer(1, 1));
  now += std::chrono::seconds(4);
  EXPECT_TRUE(cache->lookup(k));
  now += std::chrono::seconds(2);  // 6 s after insert
  EXPECT_FALSE(cache->lookup(k));
  EXPECT_EQ(cache->stats().expirations, 1u);
  EXPECT_EQ(cache->stats().size, 0u);
}

TEST(PredictionCache, OnlySuccessfulAnswersAreKept) {
  auto cache = make_prediction_cache(options());
  const auto k = make_cache_key(sample(), "p", "m", "a", "x", false);
  cache->insert(k, Prediction{});  // "not found" may be a parse failure: not worth keeping
  EXPECT_FALSE(cache->lookup(k));
  EXPECT_EQ(cache->stats().inserts, 0u);
}

TEST(PredictionCache, SafeUnderConcurrentUse) {
  auto cache = make_prediction_cache(options(100));  // holds all 80 keys: a sequential scan would thrash a smaller LRU
  const auto s = sample();
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const auto k = make_cache_key(s, "p", "m", "a", std::to_string((i * 7 + t) % 80), false);
        if (cache->lookup(k)) ++found;
        else cache->insert(k, answer(i, t));
      }
    });
  }
  for (auto& th : threads) th.join();
  const auto st = cache->stats();
  EXPECT_EQ(st.hits + st.misses, 2000u);
  EXPECT_EQ(st.hits, std::uint64_t(found.load()));
  EXPECT_LE(st.size, 80u);
  EXPECT_GT(st.hits, 0u);
}

TEST(AggressiveCache, ClockChangeHitsDialogMisses) {
  const auto base = sample("dashboard.png");
  ASSERT_GT(base.width(), 200);
  auto cache = make_prediction_cache(options(10, 300, true));
  const auto prompt = std::string("click Save");
  // The answer sits in the middle-left; the clock is drawn in the bottom-right corner.
  const auto target = answer(base.width() * 0.3, base.height() * 0.5);
  cache->insert(make_cache_key(base, "p", "m", "a", prompt, true), target);

  auto clock_a = edited(base, [](cv::Mat& m) {
    cv::putText(m, "10:41", {m.cols - 90, m.rows - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.6, {0, 0, 0}, 1);
  });
  auto clock_b = edited(base, [](cv::Mat& m) {
    cv::putText(m, "10:42", {m.cols - 90, m.rows - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.6, {0, 0, 0}, 1);
  });
  auto caret = edited(base, [](cv::Mat& m) { cv::line(m, {m.cols / 2 + 150, 40}, {m.cols / 2 + 150, 58}, {0, 0, 0}, 2); });
  auto dialog = edited(base, [](cv::Mat& m) {
    const cv::Rect r(m.cols / 4, m.rows / 4, m.cols / 2, m.rows / 2);
    cv::rectangle(m, r, {250, 250, 250}, cv::FILLED);
    cv::rectangle(m, r, {60, 60, 60}, 2);
    cv::putText(m, "Delete all files?", {r.x + 20, r.y + 40}, cv::FONT_HERSHEY_SIMPLEX, 0.8, {0, 0, 0}, 2);
  });
  auto on_target = edited(base, [&](cv::Mat& m) {
    cv::rectangle(m, cv::Rect(int(target.point->x) - 15, int(target.point->y) - 8, 30, 16), {0, 0, 255}, cv::FILLED);
  });
  ASSERT_NE(clock_a.hash, base.hash);
  ASSERT_NE(clock_a.hash, clock_b.hash);

  EXPECT_TRUE(cache->lookup(make_cache_key(clock_a, "p", "m", "a", prompt, true))) << "clock changed: should hit";
  EXPECT_TRUE(cache->lookup(make_cache_key(clock_b, "p", "m", "a", prompt, true))) << "clock ticked: should hit";
  EXPECT_TRUE(cache->lookup(make_cache_key(caret, "p", "m", "a", prompt, true))) << "caret: should hit";
  EXPECT_FALSE(cache->lookup(make_cache_key(dialog, "p", "m", "a", prompt, true))) << "dialog: must miss";
  EXPECT_FALSE(cache->lookup(make_cache_key(on_target, "p", "m", "a", prompt, true))) << "target changed: must miss";
  EXPECT_FALSE(cache->lookup(make_cache_key(clock_a, "p", "m", "a", "click Cancel", true))) << "other prompt";
  EXPECT_EQ(cache->stats().near_hits, 3u);

  // Without aggressive the same clock change is a miss.
  auto strict = make_prediction_cache(options(10, 300, false));
  strict->insert(make_cache_key(base, "p", "m", "a", prompt, false), target);
  EXPECT_FALSE(strict->lookup(make_cache_key(clock_a, "p", "m", "a", prompt, false)));
}

class CountingGrounder : public Grounder {
 public:
  explicit CountingGrounder(bool fail) : fail_(fail) {}
  Result<Prediction> find_element(const Screenshot&, std::string_view) override {
    ++calls;
    if (fail_) return Error::server("boom");
    return answer(5, 5);
  }
  std::string name() const override { return "counting"; }
  int calls = 0;

 private:
  bool fail_;
};

TEST(CachingGrounder, SecondCallIsFreeAndErrorsAreNotCached) {
  auto cache = make_prediction_cache(options());
  auto inner = std::make_unique<CountingGrounder>(false);
  auto* raw = inner.get();
  auto g = make_caching_grounder(std::move(inner), cache);
  const auto s = sample();
  ASSERT_TRUE(g->find_element(s, "x").ok());
  auto second = g->find_element(s, "x");
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->timings.cache_hit);
  EXPECT_EQ(raw->calls, 1);

  auto failing = std::make_unique<CountingGrounder>(true);
  auto* fraw = failing.get();
  auto fg = make_caching_grounder(std::move(failing), make_prediction_cache(options()));
  EXPECT_FALSE(fg->find_element(s, "x").ok());
  EXPECT_FALSE(fg->find_element(s, "x").ok());
  EXPECT_EQ(fraw->calls, 2);
}

}  // namespace
}  // namespace humain
