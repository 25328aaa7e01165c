// Local engine latency on 1920x1080 screens, the size the targets are set for:
//  - BM_LocalFirstInstruction: the first instruction on a new screen (full parse: text detection,
//    OCR, elements), over every 1920x1080 screenshot of data/dev and data/val; counters give the
//    median and p90 over the screens and the median of each stage.
//  - BM_LocalCachedInstruction: another instruction on a screen already parsed (matching only).
// HUMAIN_BENCH_SCREEN=path.png measures that one screen instead. Peak RSS is a counter (getrusage).
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "humain/image.h"
#include "humain/local_engine.h"
#include "humain/metrics.h"
#include "core/screenshot_pixels.h"

namespace {

std::vector<humain::Screenshot> bench_screens() {
  std::vector<std::string> files;
  if (const char* env = std::getenv("HUMAIN_BENCH_SCREEN")) {
    files.push_back(env);
  } else {
    for (const char* set : {"data/dev/images", "data/val/images"}) {
      const std::filesystem::path dir = std::filesystem::path(HUMAIN_SOURCE_DIR) / set;
      std::error_code ec;
      for (const auto& f : std::filesystem::directory_iterator(dir, ec)) files.push_back(f.path().string());
    }
    std::sort(files.begin(), files.end());
  }
  std::vector<humain::Screenshot> screens;
  for (const auto& f : files) {
    auto s = humain::load_screenshot(f);
    if (!s.ok()) continue;
    const bool wanted = std::getenv("HUMAIN_BENCH_SCREEN") || (pixels_mat(*s).cols == 1920 && pixels_mat(*s).rows == 1080);
    if (wanted) screens.push_back(std::move(s.value()));
  }
  return screens;
}

struct Fixture {
  std::unique_ptr<humain::LocalEngine> engine;
  std::vector<humain::Screenshot> screens;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    x.engine = std::move(humain::make_local_engine().value());
    x.screens = bench_screens();
    return x;
  }();
  return f;
}

// CPU time of the whole process (every OCR thread), which a loaded machine inflates less than
// wall time: on an idle machine wall time is about cpu / ocr_threads plus the serial steps.
double process_cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

void BM_LocalFirstInstruction(benchmark::State& state) {
  Fixture& f = fixture();
  if (f.screens.empty()) {
    state.SkipWithError("no 1920x1080 screenshot found (data/dev, data/val or HUMAIN_BENCH_SCREEN)");
    return;
  }
  std::vector<double> total, cpu, detect, ocr, lines;
  for (auto _ : state) {
    for (const auto& screen : f.screens) {
      f.engine->clear_cache();
      const auto t0 = std::chrono::steady_clock::now();
      const double cpu0 = process_cpu_ms();
      auto p = f.engine->find_element(screen, "click Settings");
      total.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      cpu.push_back(process_cpu_ms() - cpu0);
      benchmark::DoNotOptimize(p);
      if (auto parse = f.engine->parse_screen(screen); parse.ok()) {
        detect.push_back((*parse)->detect_ms);
        ocr.push_back((*parse)->ocr_ms);
        lines.push_back((*parse)->ocr_lines);
      }
    }
  }
  state.counters["screens"] = static_cast<double>(f.screens.size());
  const auto latency = humain::summarize_latency(total);
  state.counters["p50_ms"] = latency.p50;
  state.counters["p90_ms"] = latency.p90;
  state.counters["cpu_p50_ms"] = humain::summarize_latency(cpu).p50;
  state.counters["detect_p50_ms"] = humain::summarize_latency(detect).p50;
  state.counters["ocr_p50_ms"] = humain::summarize_latency(ocr).p50;
  state.counters["lines_p50"] = humain::summarize_latency(lines).p50;
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_LocalFirstInstruction)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

void BM_LocalCachedInstruction(benchmark::State& state) {
  Fixture& f = fixture();
  if (f.screens.empty()) {
    state.SkipWithError("no 1920x1080 screenshot found");
    return;
  }
  const auto& screen = f.screens.front();
  (void)f.engine->find_element(screen, "warm up the parse");
  for (auto _ : state) {
    auto p = f.engine->find_element(screen, "the search field below Password");
    benchmark::DoNotOptimize(p);
  }
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_LocalCachedInstruction)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
