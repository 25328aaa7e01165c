// Recognises common icon glyphs (close X, minimise bar, maximise square, plus, hamburger, search
// magnifier, chevrons, three dots, check mark) from their binary shape, with no trained model:
// each test is a few normalised features of the glyph's foreground mask.
#pragma once

#include <opencv2/core.hpp>

#include "humain/local_engine.h"

namespace humain::local {

// `glyph` is a small CV_8U crop of the icon (any polarity). Returns kNone when no shape fits.
IconKind classify_icon(const cv::Mat& glyph);

}  // namespace humain::local
