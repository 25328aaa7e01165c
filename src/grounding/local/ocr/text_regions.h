// Finds text lines on a screenshot with OpenCV alone, so Tesseract only reads text, never the
// whole screen (whole-screen OCR of 1080p takes seconds; reading the lines takes milliseconds).
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace humain::local {

// A glyph-sized connected component: a letter, part of a word, or a small icon.
struct Glyph {
  cv::Rect rect;
  int pixels = 0;  // foreground pixels of the component
};

// A horizontal run of glyphs that probably is one line of text (or an icon standing alone).
struct TextRegion {
  cv::Rect rect;             // in screenshot pixels
  int glyphs = 0;            // components merged into it
  double glyph_height = 0;   // median height of its glyphs (about the font's cap height)
  std::vector<cv::Rect> parts;  // the glyphs' boxes, to split icon rows that are not text
};

struct TextRegionResult {
  std::vector<TextRegion> regions;
  std::vector<Glyph> glyphs;  // every glyph-sized component (icons are found among them)
  cv::Mat edges;              // binary edge map (CV_8U 0/255) of text-strength edges
  cv::Mat faint_edges;        // lower threshold: light borders of fields and outlined buttons
};

// Detects glyph components on both polarities (dark-on-light and light-on-dark) from a
// morphological gradient, and groups them into line regions. `gray` is CV_8U.
TextRegionResult detect_text_regions(const cv::Mat& gray);

}  // namespace humain::local
