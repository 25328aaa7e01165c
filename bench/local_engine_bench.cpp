// Local engine latency on a 1920x1080 screen: the first instruction (full screen parse: text
// detection + OCR + element detection) and another instruction on the same screen (cached parse).
// Screen: the first 1920x1080 image of data/dev (HUMAIN_BENCH_SCREEN overrides), else the
// committed synthetic fixture. Peak RSS is reported as a counter (getrusage).
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <filesystem>
#include <memory>

#include <opencv2/imgcodecs.hpp>

#include "humain/local_engine.h"

namespace {

std::string bench_screen() {
  if (const char* env = std::getenv("HUMAIN_BENCH_SCREEN")) return env;
  const std::filesystem::path dev = std::filesystem::path(HUMAIN_SOURCE_DIR) / "data/dev/images";
  std::error_code ec;
  if (std::filesystem::is_directory(dev, ec)) {
    std::vector<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(dev, ec)) files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      cv::Mat m = cv::imread(f);
      if (m.cols == 1920 && m.rows == 1080) return f;
    }
  }
  return std::string(HUMAIN_SOURCE_DIR) + "/tests/local/fixtures/settings_1920x1080.png";
}

struct Fixture {
  std::unique_ptr<humain::LocalEngine> engine;
  humain::Screenshot screen;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    x.engine = std::move(humain::make_local_engine().value());
    x.screen = std::move(humain::load_screenshot(bench_screen()).value());
    return x;
  }();
  return f;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

void BM_LocalFirstInstruction(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) {
    f.engine->clear_cache();
    auto p = f.engine->find_element(f.screen, "click Settings");
    benchmark::DoNotOptimize(p);
  }
  state.counters["peak_rss_mb"] = peak_rss_mb();
  state.SetLabel(f.screen.source);
}
BENCHMARK(BM_LocalFirstInstruction)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(1);

void BM_LocalCachedInstruction(benchmark::State& state) {
  Fixture& f = fixture();
  (void)f.engine->find_element(f.screen, "warm up the parse");
  for (auto _ : state) {
    auto p = f.engine->find_element(f.screen, "the search field below Password");
    benchmark::DoNotOptimize(p);
  }
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_LocalCachedInstruction)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
