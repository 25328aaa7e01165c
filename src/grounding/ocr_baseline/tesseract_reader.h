// Word boxes from Tesseract for a whole screenshot. Owns a small pool of TessBaseAPI instances so
// several threads can read at once (one TessBaseAPI is not thread-safe).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "grounding/ocr_baseline/word_matcher.h"
#include "humain/result.h"

namespace tesseract {
class TessBaseAPI;
}

namespace humain::ocr_baseline {

// The folder holding eng.traineddata: $TESSDATA_PREFIX (or its tessdata/), then Debian's and
// the usual install locations. Error when none has the language file.
Result<std::string> find_tessdata(const std::string& language = "eng");

// The Debian package that ships `language`.traineddata ("chi_sim" -> "tesseract-ocr-chi-sim").
std::string tesseract_package(const std::string& language);

class TesseractReader {
 public:
  // Checks that the language data exists and that one engine initialises. `upscale_below`:
  // screenshots narrower than this many pixels are read at 2x (small UI fonts read badly at 1x).
  static Result<std::unique_ptr<TesseractReader>> create(const std::string& language = "eng", int upscale_below = 1600);
  ~TesseractReader();
  TesseractReader(const TesseractReader&) = delete;
  TesseractReader& operator=(const TesseractReader&) = delete;

  // Every word on a BGR or gray 8-bit image (PSM 11, sparse text), boxes in the image's pixels.
  Result<std::vector<OcrWord>> read_words(const cv::Mat& image);

 private:
  struct ApiDeleter {
    void operator()(tesseract::TessBaseAPI* api) const;
  };
  using Api = std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter>;

  TesseractReader(std::string tessdata, std::string language, int upscale_below);
  Result<Api> acquire();         // an idle engine from the pool, or a new one
  void release(Api api);         // back to the pool

  const std::string tessdata_;
  const std::string language_;
  const int upscale_below_;
  std::mutex mu_;
  std::vector<Api> idle_;        // guarded by mu_
};

}  // namespace humain::ocr_baseline
