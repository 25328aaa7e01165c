// Text-line detection on a real rendered screen: menu items and toolbar icons that share a line
// become separate regions, while the words of one label stay together.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "grounding/local/ocr/text_regions.h"

namespace humain::local {
namespace {

// data/dev/images/editor_1920.png: menu bar "File Edit View Insert Format Tools Help" at y 19-32,
// toolbar "100%  Normal text  Liberation Serif" at y 63-86 (boxes read off the screenshot).
const std::string kEditor = std::string(HUMAIN_SOURCE_DIR) + "/data/dev/images/editor_1920.png";

bool has_region(const TextRegionResult& r, int x1, int x2, int y) {
  for (const auto& region : r.regions) {
    const cv::Rect& b = region.rect;
    if (std::abs(b.x - x1) <= 3 && std::abs(b.x + b.width - x2) <= 3 && b.y <= y && b.y + b.height >= y) return true;
  }
  return false;
}

TEST(TextRegions, SplitsMenuItemsButKeepsMultiWordLabels) {
  const cv::Mat gray = cv::imread(kEditor, cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(gray.empty()) << kEditor;
  const TextRegionResult r = detect_text_regions(gray);
  EXPECT_TRUE(has_region(r, 385, 411, 25)) << "Edit";
  EXPECT_TRUE(has_region(r, 420, 453, 25)) << "View";
  EXPECT_TRUE(has_region(r, 463, 504, 25)) << "Insert";
  EXPECT_TRUE(has_region(r, 246, 331, 74)) << "Normal text (and its chevron) stays one label";
  EXPECT_TRUE(has_region(r, 358, 464, 74)) << "Liberation Serif (and its chevron) stays one label";
  // The toolbar icons left of "100%" are no longer glued to the text.
  EXPECT_FALSE(has_region(r, 30, 504, 74));
}

// Phone screens at 3x carry glyphs taller than the full-size glyph filter allows (PIN pads,
// headings); they are found on the half-size pass and reported in screenshot pixels.
// fixtures/phone_big_text.png (ImageMagick, DejaVu Sans): digits at 88 pt (~65 px), "Pay now" at
// 100 pt (~95 px with the descender), "Forgot your PIN?" at 30 pt.
TEST(TextRegions, FindsTextTallerThanTheGlyphFilter) {
  const std::string path = std::string(HUMAIN_SOURCE_DIR) + "/tests/local/fixtures/phone_big_text.png";
  const cv::Mat gray = cv::imread(path, cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(gray.empty()) << path;
  const TextRegionResult r = detect_text_regions(gray);
  auto region_at = [&](int x, int y) -> cv::Rect {
    for (const auto& region : r.regions) {
      if (region.rect.contains({x, y})) return region.rect;
    }
    return {};
  };
  EXPECT_GT(region_at(530, 190).height, 60) << "the digit 2";
  EXPECT_GT(region_at(200, 460).height, 64) << "Pay now";
  EXPECT_GT(region_at(200, 460).width, 400) << "Pay now is one item";
  EXPECT_GT(region_at(200, 790).height, 15) << "ordinary text still found at full size";
}

// data/dev/images/gtk_widget_factory_light.png: the header bar's hamburger (three 16x4 bars at
// x 1183, y 20-34) and the minimise bar (x 1234-1244, y 27-33) are items, padded to icon shape.
TEST(TextRegions, BarIconsBecomeItems) {
  const std::string path = std::string(HUMAIN_SOURCE_DIR) + "/data/dev/images/gtk_widget_factory_light.png";
  const cv::Mat gray = cv::imread(path, cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(gray.empty()) << path;
  const TextRegionResult r = detect_text_regions(gray);
  bool hamburger = false, minimise = false;
  for (const auto& region : r.regions) {
    hamburger |= region.rect.contains({1190, 27}) && region.rect.height >= 12 && region.rect.width <= 20;
    minimise |= region.rect.contains({1239, 30}) && region.rect.height >= 6 && region.rect.width <= 14;
  }
  EXPECT_TRUE(hamburger);
  EXPECT_TRUE(minimise);
}

}  // namespace
}  // namespace humain::local
