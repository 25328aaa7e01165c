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

}  // namespace
}  // namespace humain::local
