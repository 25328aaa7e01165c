// A pool of Tesseract instances that read many short text lines in parallel (one TessBaseAPI per
// thread: an instance is not thread-safe, and loading one costs ~100 ms, so they are reused).
#pragma once

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
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
  // Checks that every model of `language` ("eng", "chi_sim+eng") is installed (the error names the
  // .traineddata file and the Debian package), then loads one Tesseract instance in the background
  // (~0.1 s of CPU, overlapping decoding and text detection); the other `threads` - 1 start loading
  // when a second screen is read, and join the reading as they become ready.
  static Result<std::unique_ptr<OcrPool>> create(const std::string& tessdata_dir, const std::string& language,
                                                 int threads);

  // The tessdata folder holding every model of `language` (`tessdata_dir` when given); an error
  // naming the missing .traineddata file and its Debian package otherwise.
  static Result<std::string> find_models(const std::string& tessdata_dir, const std::string& language);

  // Waits for the background loading; an error when an instance could not be loaded.
  Status ready();
  ~OcrPool();
  OcrPool(const OcrPool&) = delete;
  OcrPool& operator=(const OcrPool&) = delete;

  // Reads each region of `gray` (CV_8U) as one line; result i belongs to regions[i].
  // Safe to call from several threads; callers share the instances. `more_of_this_screen`: a
  // second read of the screen read last (a few extra lines) does not count as a new screen.
  std::vector<OcrLine> read_lines(const cv::Mat& gray, const std::vector<TextRegion>& regions,
                                  bool more_of_this_screen = false);

 private:
  OcrPool() = default;
  struct ApiDeleter {
    void operator()(tesseract::TessBaseAPI* api) const;
  };
  using Api = std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter>;
  Api acquire();
  void release(Api api);
  static Result<Api> load(const std::string& dir, const std::string& language);
  // Starts loading the extra instances from the second screen on; returns how many instances this
  // read may use (loaded or loading).
  int start_extra_instances(bool more_of_this_screen);

  std::mutex mu_;
  std::condition_variable available_;
  std::vector<Api> free_;
  std::vector<std::future<Result<Api>>> loading_;  // instances still being loaded
  std::optional<Error> load_error_;
  int size_ = 0;                                    // instances wanted
  int extra_ = 0;                                   // of them, not started yet
  int reads_ = 0;                                   // screens read so far
  std::string dir_, language_;
  std::vector<std::future<void>> extra_loading_;  // they release() themselves when loaded
};

// The line image Tesseract reads: padded, dark text on light, upscaled when the text is small.
// `scale` receives the factor applied; exposed for tests.
cv::Mat prepare_line_image(const cv::Mat& gray, const TextRegion& region, double* scale, int* pad);

}  // namespace humain::local
