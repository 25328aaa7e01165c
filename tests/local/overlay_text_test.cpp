// Light captions over a busy picture (desktop icon names on a wallpaper): the gradient lines join
// their letters with the texture; detect_overlay_text finds them from their bright thin strokes.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/screenshot_pixels.h"
#include "grounding/local/ocr/text_regions.h"
#include "humain/local_engine.h"

namespace humain {
namespace {

// Blurred noise (a rock-like wallpaper, grey 40-200) with "Recycle Bin" in white with a dark
// shadow at x 100-190, y 106-125, as Windows draws desktop icon names.
cv::Mat wallpaper_with_caption() {
  cv::Mat noise(200, 400, CV_32F);
  cv::RNG rng(7);
  rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
  cv::GaussianBlur(noise, noise, {0, 0}, 1.2);
  cv::Mat gray;
  cv::normalize(noise, gray, 40, 200, cv::NORM_MINMAX, CV_8U);
  cv::Mat bgr;
  cv::cvtColor(gray, bgr, cv::COLOR_GRAY2BGR);
  // Hershey's word space is wider than a UI font's: the words are placed 5 px apart.
  int x = 100;
  for (const char* word : {"Recycle", "Bin"}) {
    int base = 0;
    const int w = cv::getTextSize(word, cv::FONT_HERSHEY_SIMPLEX, 0.5, 1, &base).width;
    cv::putText(bgr, word, {x + 1, 121}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
    cv::putText(bgr, word, {x, 120}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
    x += w + 5;
  }
  return bgr;
}

const Box kCaption{98, 103, 212, 128};

TEST(OverlayText, FindsLightCaptionOnTexture) {
  cv::Mat gray;
  cv::cvtColor(wallpaper_with_caption(), gray, cv::COLOR_BGR2GRAY);
  const local::OverlayText o = local::detect_overlay_text(gray);
  ASSERT_EQ(o.ink.size(), gray.size());
  int inside = 0;
  for (const auto& r : o.regions) {
    const Box b{double(r.rect.x), double(r.rect.y), double(r.rect.br().x), double(r.rect.br().y)};
    inside += b.x1 >= kCaption.x1 && b.y1 >= kCaption.y1 && b.x2 <= kCaption.x2 && b.y2 <= kCaption.y2;
  }
  EXPECT_GE(inside, 1);
  // The ink flattens the picture: the caption's strokes stand out, the texture beside it does not.
  EXPECT_GT(cv::mean(o.ink(cv::Rect(100, 108, 110, 14)))[0], 2 * cv::mean(o.ink(cv::Rect(100, 150, 110, 14)))[0]);
}

TEST(OverlayText, NothingOnAPlainLightScreen) {
  cv::Mat gray(200, 400, CV_8UC1, cv::Scalar(245));
  cv::putText(gray, "Save changes", {40, 100}, cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(30), 1, cv::LINE_AA);
  for (const auto& r : local::detect_overlay_text(gray).regions) {
    EXPECT_LT(r.rect.width, 40) << "at most letter counters, never a line: " << r.rect;
  }
}

TEST(OverlayText, EngineReadsTheCaption) {
  auto engine = make_local_engine();
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  auto screen = screenshot_from_mat(wallpaper_with_caption());
  ASSERT_TRUE(screen.ok());
  auto p = (*engine)->find_element(*screen, "Open the Recycle Bin");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->point.has_value()) << "caption not read";
  EXPECT_TRUE(contains(kCaption, *p->point)) << p->point->x << "," << p->point->y;
}

// The desktop icon above the caption is boxed with it (GT of desktop shortcuts: icon + caption),
// while the click stays on the caption's words.
TEST(OverlayText, CaptionAnswersTheIconAboveIt) {
  cv::Mat bgr = wallpaper_with_caption();
  cv::rectangle(bgr, cv::Rect(121, 50, 48, 48), cv::Scalar(40, 140, 230), cv::FILLED);
  cv::circle(bgr, {145, 74}, 14, cv::Scalar(255, 255, 255), 4);
  auto engine = make_local_engine();
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  auto screen = screenshot_from_mat(bgr);
  ASSERT_TRUE(screen.ok());
  auto p = (*engine)->find_element(*screen, "Open the Recycle Bin");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->point.has_value() && p->box.has_value());
  EXPECT_TRUE(contains(kCaption, *p->point));
  EXPECT_LE(p->box->y1, 70) << "the icon above is not in the answer";
  EXPECT_GE(p->box->y2, 118);
}

}  // namespace
}  // namespace humain
