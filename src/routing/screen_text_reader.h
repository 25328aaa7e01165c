// Reading a screen's text lines for the sensitivity scan when the local engine's parse_screen is
// not available: one Tesseract page pass, line level. RAII over TessBaseAPI; one call at a time.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "humain/router.h"

namespace tesseract {
class TessBaseAPI;
}

namespace humain::routing {

class ScreenTextReader {
 public:
  static Result<std::unique_ptr<ScreenTextReader>> create(const std::string& language = "eng");
  ~ScreenTextReader();
  Result<std::vector<ScreenText>> read(const Screenshot& screen);

 private:
  ScreenTextReader() = default;
  std::mutex mu_;
  tesseract::TessBaseAPI* api_ = nullptr;  // owned: End() + delete in the destructor
};

}  // namespace humain::routing
