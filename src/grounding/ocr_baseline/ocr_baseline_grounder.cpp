#include "grounding/ocr_baseline/ocr_baseline_grounder.h"

#include <chrono>
#include <deque>
#include <mutex>
#include <utility>

#include "grounding/ocr_baseline/tesseract_reader.h"
#include "grounding/ocr_baseline/word_matcher.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

class OcrBaselineGrounder final : public Grounder {
 public:
  explicit OcrBaselineGrounder(std::unique_ptr<ocr_baseline::TesseractReader> reader) : reader_(std::move(reader)) {}

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    const auto t0 = Clock::now();
    if (pixels_mat(screen).empty()) return Error::invalid("ocr-baseline: empty screenshot");
    Prediction p;
    p.source = name();

    auto words = cached_words(screen.hash);
    p.timings.cache_hit = words != nullptr;
    if (!words) {
      const auto t_ocr = Clock::now();
      auto read = reader_->read_words(pixels_mat(screen));
      if (!read) return read.error();
      words = std::make_shared<const std::vector<ocr_baseline::OcrWord>>(std::move(*read));
      p.timings.inference_ms = ms_since(t_ocr);
      remember(screen.hash, words);
    }

    const auto t_match = Clock::now();
    const auto terms = ocr_baseline::query_terms(instruction);
    const auto match = ocr_baseline::best_match(terms, *words);
    p.timings.parse_ms = ms_since(t_match);
    if (match) {
      p.box = match->box;
      p.point = match->box.center();
      // How much of the instruction was found, discounted by how sure Tesseract was of the words.
      p.confidence = match->score * (0.5 + 0.5 * match->ocr_confidence);
      p.raw_output = match->text;
    }
    p.timings.total_ms = ms_since(t0);
    return p;
  }

  std::string name() const override { return "ocr-baseline"; }

 private:
  using Words = std::shared_ptr<const std::vector<ocr_baseline::OcrWord>>;
  static constexpr std::size_t kCachedScreens = 4;  // eval asks several questions per screenshot

  Words cached_words(std::uint64_t hash) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [h, w] : recent_) {
      if (h == hash) return w;
    }
    return nullptr;
  }

  void remember(std::uint64_t hash, Words words) {
    std::lock_guard<std::mutex> lock(mu_);
    recent_.emplace_back(hash, std::move(words));
    if (recent_.size() > kCachedScreens) recent_.pop_front();
  }

  std::unique_ptr<ocr_baseline::TesseractReader> reader_;
  std::mutex mu_;
  std::deque<std::pair<std::uint64_t, Words>> recent_;  // guarded by mu_
};

}  // namespace

Result<std::unique_ptr<Grounder>> make_ocr_baseline_grounder() {
  auto reader = ocr_baseline::TesseractReader::create();
  if (!reader) return reader.error();
  return std::unique_ptr<Grounder>(new OcrBaselineGrounder(std::move(*reader)));
}

}  // namespace humain
