// Screenshot -> ScreenParse: text lines (OpenCV detection + Tesseract), the frames around them
// (buttons, fields, check boxes) and icons (glyphs that are not text).
#pragma once

#include "grounding/local/detect/icon_classifier.h"
#include "grounding/local/ocr/ocr_pool.h"
#include "humain/image.h"
#include "humain/local_engine.h"

namespace humain::local {

// Builds the parse of `screen`. Uses `ocr` for the text lines and `icons` to name icon glyphs.
Result<ScreenParse> parse_screenshot(const Screenshot& screen, OcrPool& ocr, const IconClassifier& icons);

}  // namespace humain::local
