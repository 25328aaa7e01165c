// A pool of Tesseract instances that read many short text lines in parallel (one TessBaseAPI per
// thread: an instance is not thread-safe, and loading one costs ~100 ms, so they are reused).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "grounding/local/ocr/text_regions.h"
#include "humain/result.h"

namespace tesseract {
class TessBaseAPI;
}

namespace humain::local {

struct OcrWord {
  cv::Rect rect;       // screenshot pixels
  std::string text;
  double confidence;   // 0..1
};

struct OcrLine {
  cv::Rect rect;               // the region that was read
  std::vector<OcrWord> words;  // empty when Tesseract saw no text
  double confidence = 0;       // mean word confidence, 0..1
  std::string text() const;    // words joined by single spaces
};

class OcrPool {
 public:
  // Loads `threads` Tesseract instances for `language`; an error when the model cannot be loaded.
  static Result<std::unique_ptr<OcrPool>> create(const std::string& tessdata_dir, const std::string& language,
                                                 int threads);
  ~OcrPool();
  OcrPool(const OcrPool&) = delete;
  OcrPool& operator=(const OcrPool&) = delete;

  // Reads each region of `gray` (CV_8U) as one line; result i belongs to regions[i].
  // Safe to call from several threads; callers share the instances.
  std::vector<OcrLine> read_lines(const cv::Mat& gray, const std::vector<TextRegion>& regions);

 private:
  OcrPool() = default;
  struct ApiDeleter {
    void operator()(tesseract::TessBaseAPI* api) const;
  };
  using Api = std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter>;
  Api acquire();
  void release(Api api);

  std::mutex mu_;
  std::condition_variable available_;
  std::vector<Api> free_;
  int size_ = 0;
};

// The line image Tesseract reads: padded, dark text on light, upscaled when the text is small.
// `scale` receives the factor applied; exposed for tests.
cv::Mat prepare_line_image(const cv::Mat& gray, const TextRegion& region, double* scale, int* pad);

}  // namespace humain::local
