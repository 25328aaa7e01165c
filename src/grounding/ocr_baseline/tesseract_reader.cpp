#include "grounding/ocr_baseline/tesseract_reader.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

namespace humain::ocr_baseline {
namespace {

bool has_language(const std::filesystem::path& dir, const std::string& language) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / (language + ".traineddata"), ec);
}

// Tesseract hands out new[]-allocated strings.
struct TessTextDeleter {
  void operator()(char* p) const { delete[] p; }
};

}  // namespace

std::string tesseract_package(const std::string& language) {
  std::string package = "tesseract-ocr-";
  for (char c : language) package += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return package;
}

Result<std::string> find_tessdata(const std::string& language) {
  std::vector<std::filesystem::path> candidates;
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix && *prefix) {
    candidates.emplace_back(prefix);
    candidates.emplace_back(std::filesystem::path(prefix) / "tessdata");
  }
  for (const char* dir : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                          "/usr/share/tessdata", "/usr/local/share/tessdata"}) {
    candidates.emplace_back(dir);
  }
  std::string tried;
  for (const auto& dir : candidates) {
    if (has_language(dir, language)) return dir.string();
    tried += (tried.empty() ? "" : ", ") + dir.string();
  }
  return Error::not_found("Tesseract data " + language + ".traineddata not found (looked in " + tried +
                          "); install the Debian package " + tesseract_package(language) + " or set TESSDATA_PREFIX");
}

void TesseractReader::ApiDeleter::operator()(tesseract::TessBaseAPI* api) const {
  if (!api) return;
  api->End();
  delete api;
}

TesseractReader::TesseractReader(std::string tessdata, std::string language, int upscale_below)
    : tessdata_(std::move(tessdata)), language_(std::move(language)), upscale_below_(upscale_below) {}

TesseractReader::~TesseractReader() = default;

Result<std::unique_ptr<TesseractReader>> TesseractReader::create(const std::string& language, int upscale_below) {
  auto dir = find_tessdata(language);
  if (!dir) return dir.error();
  std::unique_ptr<TesseractReader> reader(new TesseractReader(*dir, language, upscale_below));
  auto api = reader->acquire();  // fail now, not on the first screenshot
  if (!api) return api.error();
  reader->release(std::move(*api));
  return reader;
}

Result<TesseractReader::Api> TesseractReader::acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      Api api = std::move(idle_.back());
      idle_.pop_back();
      return api;
    }
  }
  Api api(new tesseract::TessBaseAPI());
  if (api->Init(tessdata_.c_str(), language_.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
    return Error::internal("Tesseract failed to initialise with " + tessdata_ + "/" + language_ + ".traineddata");
  api->SetPageSegMode(tesseract::PSM_SPARSE_TEXT);
  // Screenshots carry no DPI; saying 96 stops Tesseract guessing and warning on stderr.
  api->SetVariable("user_defined_dpi", "96");
  return api;
}

void TesseractReader::release(Api api) {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(api));
}

Result<std::vector<OcrWord>> TesseractReader::read_words(const cv::Mat& image) {
  if (image.empty() || image.depth() != CV_8U) return Error::invalid("OCR needs a non-empty 8-bit image");
  cv::Mat gray;
  if (image.channels() == 3) {
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  } else if (image.channels() == 4) {
    cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
  } else {
    gray = image;
  }
  const double scale = gray.cols < upscale_below_ ? 2.0 : 1.0;
  if (scale != 1.0) cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_CUBIC);
  if (!gray.isContinuous()) gray = gray.clone();

  auto api = acquire();
  if (!api) return api.error();
  tesseract::TessBaseAPI& tess = **api;
  tess.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  if (tess.Recognize(nullptr) != 0) {
    tess.Clear();
    release(std::move(*api));
    return Error::internal("Tesseract could not recognise the image");
  }

  std::vector<OcrWord> words;
  std::unique_ptr<tesseract::ResultIterator> it(tess.GetIterator());
  int line = -1;
  const auto level = tesseract::RIL_WORD;
  if (it) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
      std::unique_ptr<char[], TessTextDeleter> text(it->GetUTF8Text(level));
      int l = 0, t = 0, r = 0, b = 0;
      if (!text || !it->BoundingBox(level, &l, &t, &r, &b)) continue;
      OcrWord w;
      w.text = text.get();
      w.box = {l / scale, t / scale, r / scale, b / scale};
      w.confidence = it->Confidence(level);
      w.line = std::max(line, 0);
      if (!w.text.empty()) words.push_back(std::move(w));
    } while (it->Next(level));
  }
  it.reset();
  tess.Clear();
  release(std::move(*api));
  return words;
}

}  // namespace humain::ocr_baseline
