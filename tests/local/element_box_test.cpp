// The clickable element around a label or glyph, found from drawn pixels: filled and outlined
// buttons, selected rows, open backgrounds, panels too big to be the element.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "grounding/local/detect/element_box.h"

namespace humain::local {
namespace {

constexpr int kWhite = 250;

// Dark "letters" (solid blocks with gaps, like glyphs of a word) filling `ink`.
void draw_word(cv::Mat& img, const cv::Rect& ink, int ink_grey = 20) {
  for (int x = ink.x; x + 6 <= ink.br().x; x += 9) cv::rectangle(img, cv::Rect(x, ink.y, 6, ink.height), ink_grey, cv::FILLED);
}

TEST(ElementBox, FilledButtonAroundItsLabel) {
  cv::Mat img(200, 400, CV_8UC1, cv::Scalar(kWhite));
  const cv::Rect button(100, 80, 120, 36);
  cv::rectangle(img, button, 90, cv::FILLED);
  const cv::Rect ink(124, 91, 69, 14);
  draw_word(img, ink, 240);  // light label on a dark fill
  const cv::Rect found = visible_container(img, ink, {60, 20});
  EXPECT_EQ(found, button);
}

TEST(ElementBox, OutlinedFieldWithPlaceholder) {
  cv::Mat img(200, 600, CV_8UC1, cv::Scalar(kWhite));
  const cv::Rect field(50, 60, 420, 32);
  cv::rectangle(img, field, 170, 1);  // 1 px light-grey border
  const cv::Rect ink(60, 70, 87, 12);
  draw_word(img, ink, 120);
  EXPECT_EQ(visible_container(img, ink, {400, 18}), field);
}

TEST(ElementBox, NoElementOnAnOpenBackground) {
  cv::Mat img(200, 400, CV_8UC1, cv::Scalar(kWhite));
  const cv::Rect ink(150, 90, 60, 14);
  draw_word(img, ink);
  EXPECT_TRUE(visible_container(img, ink, {300, 20}).empty());
}

TEST(ElementBox, PanelTallerThanTheReachIsNotTheElement) {
  cv::Mat img(400, 400, CV_8UC1, cv::Scalar(kWhite));
  cv::rectangle(img, cv::Rect(20, 20, 360, 360), 200, cv::FILLED);  // a card, far above and below the line
  const cv::Rect ink(150, 190, 60, 14);
  draw_word(img, ink);
  EXPECT_TRUE(visible_container(img, ink, {300, 20}).empty());
}

TEST(ElementBox, NeighbouringGlyphIsContentNotAnEdge) {
  cv::Mat img(100, 200, CV_8UC1, cv::Scalar(kWhite));
  const cv::Rect glyph(80, 40, 20, 20);
  cv::circle(img, {90, 50}, 9, 30, 2);
  cv::line(img, {112, 44}, {112, 56}, 30, 2);  // a thin neighbour 10 px to the right
  // No visible button: the glyph padded a little, same centre.
  const cv::Rect box = icon_button_box(img, glyph);
  EXPECT_EQ(box, cv::Rect(77, 37, 26, 26));
}

TEST(ElementBox, RoundButtonAroundAGlyph) {
  cv::Mat img(120, 120, CV_8UC1, cv::Scalar(kWhite));
  cv::circle(img, {60, 60}, 24, 60, cv::FILLED);
  cv::rectangle(img, cv::Rect(50, 50, 20, 20), 255, 1);  // light square glyph on the dark disc, ink 50..69
  cv::line(img, {50, 50}, {69, 69}, 255, 1);
  const cv::Rect box = icon_button_box(img, cv::Rect(50, 50, 20, 20));
  // The disc's extent along the glyph's middle rows and columns: ~48 px across, centred.
  EXPECT_NEAR(box.width, 48, 3);
  EXPECT_NEAR(box.height, 48, 3);
  EXPECT_NEAR(box.x + box.width / 2.0, 60, 2);
}

TEST(ElementBox, BadInputIsEmpty) {
  EXPECT_TRUE(visible_container(cv::Mat(), cv::Rect(0, 0, 5, 5), {10, 10}).empty());
  cv::Mat img(20, 20, CV_8UC1, cv::Scalar(kWhite));
  EXPECT_TRUE(visible_container(img, cv::Rect(0, 0, 0, 0), {10, 10}).empty());
  EXPECT_TRUE(visible_container(img, cv::Rect(-5, -5, 40, 40), {10, 10}).empty());
  EXPECT_EQ(icon_button_box(img, cv::Rect(0, 0, 20, 20)), cv::Rect(0, 0, 20, 20));
}

}  // namespace
}  // namespace humain::local
