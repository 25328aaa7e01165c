// Image encoding for VLMs: resize + PNG/JPEG + base64 of a 1080p and a 4K screenshot.
// Run: build/bench/humain_microbench --benchmark_filter=Encode
#include <benchmark/benchmark.h>

#include <opencv2/imgproc.hpp>

#include "humain/adapter.h"
#include "humain/image_encoding.h"
#include "core/mat_encoding.h"

namespace {

// A synthetic screen with UI-like content (flat panels, text, an image region), so PNG has real
// work to do: a flat image would compress trivially, pure noise would not compress at all.
cv::Mat synthetic_screen(int w, int h) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(245, 245, 245));
  cv::rectangle(m, cv::Rect(0, 0, w, h / 20), cv::Scalar(60, 60, 60), cv::FILLED);
  cv::rectangle(m, cv::Rect(0, h / 20, w / 6, h), cv::Scalar(230, 225, 220), cv::FILLED);
  for (int y = h / 10; y < h - 40; y += 28) {
    cv::putText(m, "The quick brown fox jumps over the lazy dog 0123456789", cv::Point(w / 6 + 20, y),
                cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(30, 30, 30), 1, cv::LINE_AA);
  }
  cv::Mat photo = m(cv::Rect(w * 2 / 3, h / 5, w / 4, h / 3));
  cv::randu(photo, cv::Scalar(0, 0, 0), cv::Scalar(255, 255, 255));
  cv::GaussianBlur(photo, photo, cv::Size(7, 7), 0);
  return m;
}

// args: width, height, format (0 png, 1 jpeg), resize (0 = send as is, 1 = Qwen2.5 smart_resize)
void BM_EncodeScreenshot(benchmark::State& state) {
  const int w = static_cast<int>(state.range(0)), h = static_cast<int>(state.range(1));
  const auto format = state.range(2) == 0 ? humain::ImageFormat::kPng : humain::ImageFormat::kJpeg;
  const cv::Mat screen = synthetic_screen(w, h);
  humain::ImageSize target{w, h};
  if (state.range(3) == 1) target = *humain::smart_resize(h, w, 28, 4 * 28 * 28, 16384 * 28 * 28);
  humain::EncodeOptions options;
  options.format = format;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto encoded = humain::encode_image(screen, target.width, target.height, options);
    if (!encoded.ok()) {
      state.SkipWithError(encoded.error().message.c_str());
      return;
    }
    bytes = encoded->base64.size();
    benchmark::DoNotOptimize(encoded->base64.data());
  }
  state.counters["base64_KB"] = static_cast<double>(bytes) / 1024.0;
  state.SetLabel(std::string(format == humain::ImageFormat::kPng ? "png" : "jpeg") + " " + std::to_string(target.width) +
                 "x" + std::to_string(target.height));
}

BENCHMARK(BM_EncodeScreenshot)
    ->ArgNames({"w", "h", "jpeg", "resize"})
    ->Args({1920, 1080, 0, 0})
    ->Args({1920, 1080, 1, 0})
    ->Args({1920, 1080, 0, 1})
    ->Args({1920, 1080, 1, 1})
    ->Args({3840, 2160, 0, 0})
    ->Args({3840, 2160, 1, 0})
    ->Args({3840, 2160, 0, 1})
    ->Args({3840, 2160, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Base64Encode4MB(benchmark::State& state) {
  std::vector<std::uint8_t> bytes(4 << 20);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 131 + 7);
  for (auto _ : state) {
    auto s = humain::base64_encode(bytes);
    benchmark::DoNotOptimize(s.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(BM_Base64Encode4MB)->Unit(benchmark::kMillisecond);

}  // namespace
