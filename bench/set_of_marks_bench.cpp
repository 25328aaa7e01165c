// What set-of-marks adds before a request leaves, on a real 1920x1080 dev screen and its parse
// (the parse itself is the local engine's cost, measured in local_engine_bench.cpp):
//  - BM_MarksBuild: parse -> numbered candidates (dedupe, reading order)
//  - BM_MarksDraw: drawing every mark (outline + chip placement) on a copy of the screen
//  - BM_MarksEncodePlain / BM_MarksEncodeMarked: PNG encoding without / with the marks, for scale
//  - BM_MarksPrompt: the compact element list
//  - BM_MarksCrops: five padded crops encoded (send: crops)
// HUMAIN_BENCH_SCREEN=path.png measures that screen instead.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "core/mat_encoding.h"
#include "core/screenshot_pixels.h"
#include "grounding/set_of_marks/mark_drawing.h"
#include "grounding/set_of_marks/mark_prompt.h"
#include "grounding/set_of_marks/marks.h"
#include "grounding/set_of_marks/marks_call.h"
#include "humain/image.h"
#include "humain/image_encoding.h"
#include "humain/local_engine.h"

namespace {

struct MarksFixture {
  humain::Screenshot screen;
  std::shared_ptr<const humain::ScreenParse> parse;
  std::vector<humain::marks::Mark> marks;
};

const MarksFixture& marks_fixture() {
  static MarksFixture f = [] {
    MarksFixture x;
    const char* env = std::getenv("HUMAIN_BENCH_SCREEN");
    const std::string path = env ? env : std::string(HUMAIN_SOURCE_DIR) + "/data/dev/images/editor_1920.png";
    x.screen = humain::load_screenshot(path).value();
    auto engine = humain::make_local_engine().value();
    x.parse = engine->parse_screen(x.screen).value();
    x.marks = humain::marks::build_marks(*x.parse);
    return x;
  }();
  return f;
}

void BM_MarksBuild(benchmark::State& state) {
  const auto& f = marks_fixture();
  for (auto _ : state) benchmark::DoNotOptimize(humain::marks::build_marks(*f.parse));
  state.counters["marks"] = static_cast<double>(f.marks.size());
}
BENCHMARK(BM_MarksBuild)->Unit(benchmark::kMillisecond);

void BM_MarksDraw(benchmark::State& state) {
  const auto& f = marks_fixture();
  for (auto _ : state) benchmark::DoNotOptimize(humain::marks::draw_marks(humain::pixels_mat(f.screen), f.marks, humain::pixels_mat(f.screen).size()));
  state.counters["marks"] = static_cast<double>(f.marks.size());
}
BENCHMARK(BM_MarksDraw)->Unit(benchmark::kMillisecond);

void BM_MarksEncodePlain(benchmark::State& state) {
  const auto& f = marks_fixture();
  for (auto _ : state) benchmark::DoNotOptimize(humain::encode_image(humain::pixels_mat(f.screen), f.screen.width(), f.screen.height()));
}
BENCHMARK(BM_MarksEncodePlain)->Unit(benchmark::kMillisecond);

void BM_MarksEncodeMarked(benchmark::State& state) {
  const auto& f = marks_fixture();
  const cv::Mat marked = humain::marks::draw_marks(humain::pixels_mat(f.screen), f.marks, humain::pixels_mat(f.screen).size());
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto e = humain::encode_image(marked, marked.cols, marked.rows);
    bytes = e->base64.size();
    benchmark::DoNotOptimize(e);
  }
  state.counters["base64_kb"] = static_cast<double>(bytes) / 1024;
}
BENCHMARK(BM_MarksEncodeMarked)->Unit(benchmark::kMillisecond);

void BM_MarksPrompt(benchmark::State& state) {
  const auto& f = marks_fixture();
  const humain::ImageSize size{f.screen.width(), f.screen.height()};
  std::size_t chars = 0;
  for (auto _ : state) {
    auto spec = humain::marks::marks_prompt("click Settings", f.marks, humain::marks::MarkView::kScreen, size, size);
    chars = spec.prompt.size();
    benchmark::DoNotOptimize(spec);
  }
  state.counters["chars"] = static_cast<double>(chars);
}
BENCHMARK(BM_MarksPrompt)->Unit(benchmark::kMicrosecond);

void BM_MarksCrops(benchmark::State& state) {
  const auto& f = marks_fixture();
  const auto top = humain::marks::top_marks(f.marks, "click Settings", std::nullopt, 5);
  for (auto _ : state) {
    for (const auto& m : top) {
      const auto w = humain::marks::crop_window(m.box, 32, f.screen.width(), f.screen.height());
      const cv::Rect r(int(w.x1), int(w.y1), int(w.width()), int(w.height()));
      benchmark::DoNotOptimize(humain::encode_image(humain::pixels_mat(f.screen)(r), r.width, r.height));
    }
  }
}
BENCHMARK(BM_MarksCrops)->Unit(benchmark::kMillisecond);

}  // namespace
