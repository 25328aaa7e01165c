// Finds text lines on a screenshot with OpenCV alone, so Tesseract only reads text, never the
// whole screen (whole-screen OCR of 1080p takes seconds; reading the lines takes milliseconds).
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace humain::local {

// A horizontal run of glyphs that probably is one line of text (or an icon standing alone).
struct TextRegion {
  cv::Rect rect;             // in screenshot pixels
  int glyphs = 0;            // components merged into it
  double glyph_height = 0;   // median height of its glyphs (about the font's cap height)
  std::vector<cv::Rect> parts;  // the glyphs' boxes, to split icon rows that are not text
};

struct TextRegionResult {
  std::vector<TextRegion> regions;
  cv::Mat faint_edges;        // binary edge map (CV_8U 0/255) that keeps light borders of fields and buttons
};

// Light captions drawn over pictures (desktop icon names on a wallpaper, home-screen app names,
// titles over thumbnails): on a busy picture the gradient joins their letters with the texture, so
// the lines above miss them. `ink` holds only their strokes (light on black), for the OCR.
struct OverlayText {
  std::vector<TextRegion> regions;
  cv::Mat ink;
};
OverlayText detect_overlay_text(const cv::Mat& gray);

// Detects glyph components on both polarities (dark-on-light and light-on-dark) from a
// morphological gradient, groups them into lines and splits lines into items (menu entries,
// toolbar icons). Text taller than 64 px is found on a half-size copy. `gray` is CV_8U.
TextRegionResult detect_text_regions(const cv::Mat& gray);

}  // namespace humain::local
