#include "screen_text_reader.h"

#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>
#include "core/screenshot_pixels.h"

namespace humain::routing {

Result<std::unique_ptr<ScreenTextReader>> ScreenTextReader::create(const std::string& language) {
  std::unique_ptr<ScreenTextReader> r(new ScreenTextReader());
  r->api_ = new tesseract::TessBaseAPI();
  if (r->api_->Init(nullptr, language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Error::internal("cannot load Tesseract language \"" + language + "\" for the screen scan");
  }
  r->api_->SetPageSegMode(tesseract::PSM_SPARSE_TEXT);  // UI text is scattered, not a page
  return r;
}

ScreenTextReader::~ScreenTextReader() {
  if (api_) {
    api_->End();
    delete api_;
  }
}

Result<std::vector<ScreenText>> ScreenTextReader::read(const Screenshot& screen) {
  if (pixels_mat(screen).empty()) return Error::invalid("empty screenshot");
  cv::Mat gray;
  cv::cvtColor(pixels_mat(screen), gray, pixels_mat(screen).channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  // Small UI fonts read far better at 2x.
  const double scale = screen.width() * screen.height() <= 2'100'000 ? 2.0 : 1.0;
  if (scale != 1.0) cv::resize(gray, gray, {}, scale, scale, cv::INTER_CUBIC);
  std::lock_guard<std::mutex> lock(mu_);
  api_->SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  if (api_->Recognize(nullptr) != 0) return Error::internal("Tesseract failed on " + screen.source);
  std::vector<ScreenText> out;
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (!it) return out;
  do {
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
    if (!text) continue;
    std::string s(text.get());
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    if (s.empty()) continue;
    int x1, y1, x2, y2;
    if (!it->BoundingBox(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2)) continue;
    out.push_back({Box{x1 / scale, y1 / scale, x2 / scale, y2 / scale}, s, false});
  } while (it->Next(tesseract::RIL_TEXTLINE));
  api_->Clear();
  return out;
}

}  // namespace humain::routing
