// Slider tracks found in pixels: a thin bar with a round thumb, either polarity; not progress
// bars (no thumb), not coloured chips with text on them.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "grounding/local/detect/element_detector.h"

namespace humain::local {
namespace {

cv::Mat screen(int background) { return cv::Mat(200, 600, CV_8U, cv::Scalar(background)); }

void draw_slider(cv::Mat& g, int y, int filled, int empty, int thumb) {
  cv::rectangle(g, {100, y - 3, 200, 6}, cv::Scalar(filled), cv::FILLED);
  cv::rectangle(g, {300, y - 3, 200, 6}, cv::Scalar(empty), cv::FILLED);
  cv::circle(g, {300, y}, 8, cv::Scalar(thumb), cv::FILLED);
}

TEST(SliderDetector, FindsTrackWithThumbOnLightAndDark) {
  for (const int bg : {250, 40}) {
    cv::Mat g = screen(bg);
    draw_slider(g, 100, 110, bg > 128 ? 200 : 120, 110);
    const auto sliders = detect_sliders(g, {});
    ASSERT_EQ(sliders.size(), 1u) << "background " << bg;
    const cv::Rect& s = sliders[0];
    EXPECT_LE(s.x, 100);
    EXPECT_GE(s.br().x, 499);
    EXPECT_LE(s.y, 93);   // the thumb's top, not the track's
    EXPECT_GE(s.br().y, 107);
  }
}

TEST(SliderDetector, IgnoresProgressBarsChipsAndRules) {
  cv::Mat g = screen(250);
  cv::rectangle(g, {100, 40, 400, 6}, cv::Scalar(110), cv::FILLED);    // progress bar: no thumb
  cv::line(g, {100, 100}, {500, 100}, cv::Scalar(120), 1);              // a rule
  cv::rectangle(g, {100, 140, 150, 18}, cv::Scalar(90), cv::FILLED);   // an event chip with text
  cv::putText(g, "9:30 Stand-up", {104, 154}, cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(255), 1);
  EXPECT_TRUE(detect_sliders(g, {}).empty());
  // Text lines lying on a bar make it a labelled chip, not a slider.
  cv::Mat s = screen(250);
  draw_slider(s, 100, 110, 200, 110);
  EXPECT_TRUE(detect_sliders(s, {cv::Rect(150, 95, 100, 12)}).empty());
  EXPECT_TRUE(detect_sliders(cv::Mat(10, 600, CV_8U, cv::Scalar(250)), {}).empty());
}

}  // namespace
}  // namespace humain::local
