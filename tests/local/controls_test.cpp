// Check boxes, radio buttons and switches judged by shape and by size relative to their label, on real renders
// at 1x and 3x (crops of data/dev and data/mobile) and on drawn ones.
#include <optional>

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "grounding/local/detect/controls.h"
#include "grounding/local/ocr/text_regions.h"

namespace humain::local {
namespace {

struct FoundControl {
  cv::Rect rect;
  ControlShape shape;
};

// Every frame of `gray` that control_shape calls a control, the text regions standing in for labels.
std::vector<FoundControl> controls_in(const cv::Mat& gray) {
  const TextRegionResult text = detect_text_regions(gray);
  std::vector<cv::Rect> lines;
  for (const auto& r : text.regions) lines.push_back(r.rect);
  std::vector<FoundControl> found;
  for (const Frame& f : detect_frames(text.faint_edges, gray)) {
    const ControlShape shape = control_shape(f, gray, lines);
    if (shape != ControlShape::kNone) found.push_back({f.rect, shape});
  }
  return found;
}

std::vector<FoundControl> controls_in_fixture(const std::string& name) {
  const cv::Mat gray = cv::imread(std::string(HUMAIN_SOURCE_DIR) + "/tests/local/fixtures/" + name, cv::IMREAD_GRAYSCALE);
  EXPECT_FALSE(gray.empty()) << name;
  return gray.empty() ? std::vector<FoundControl>{} : controls_in(gray);
}

bool has_control_at(const std::vector<FoundControl>& found, ControlShape shape, cv::Point p) {
  return std::any_of(found.begin(), found.end(), [&](const FoundControl& c) { return c.shape == shape && c.rect.contains(p); });
}

TEST(Controls, SwitchesOnPhoneSettingsRowsInBothThemes) {
  // 156x96 px pill, dark knob on the right (iOS-like, on); 137x84 px pill, knob on the left (off).
  EXPECT_TRUE(has_control_at(controls_in_fixture("controls_switch_on_3x_dark.png"), ControlShape::kSwitch, {1053, 77}));
  EXPECT_TRUE(has_control_at(controls_in_fixture("controls_switch_off_3x.png"), ControlShape::kSwitch, {971, 76}));
}

TEST(Controls, DesktopSwitch) {
  // GTK 4 at 1x: a 52x29 pill, white knob on a light grey track (the insensitive one below has
  // no knob to tell apart and is not claimed).
  const auto found = controls_in_fixture("controls_switch_1x_gtk.png");
  EXPECT_TRUE(has_control_at(found, ControlShape::kSwitch, {154, 44}));
  EXPECT_FALSE(has_control_at(found, ControlShape::kSwitch, {154, 80}));
}

TEST(Controls, PhoneCheckBoxesEmptyAndTicked) {
  // 58 px boxes at 2.6x beside ~35 px labels: an empty outline and a filled box with a tick.
  const auto found = controls_in_fixture("controls_checkboxes_3x_dark.png");
  EXPECT_TRUE(has_control_at(found, ControlShape::kCheckBox, {71, 55}));
  EXPECT_TRUE(has_control_at(found, ControlShape::kCheckBox, {71, 212}));
}

TEST(Controls, DesktopCheckBoxesStillFound) {
  const auto found = controls_in_fixture("controls_checkboxes_1x.png");  // 13 px boxes
  EXPECT_TRUE(has_control_at(found, ControlShape::kCheckBox, {24, 13}));
  EXPECT_TRUE(has_control_at(found, ControlShape::kCheckBox, {24, 38}));
}

TEST(Controls, DesktopRadioButtonsAreRound) {
  const auto found = controls_in_fixture("controls_radios_1x.png");  // 15 px circles
  for (const int y : {14, 39, 64}) EXPECT_TRUE(has_control_at(found, ControlShape::kRadio, {31, y})) << "y " << y;
  EXPECT_FALSE(has_control_at(found, ControlShape::kCheckBox, {31, 14}));
}

cv::Mat row_with_label(int text_height) {
  cv::Mat g(240, 900, CV_8U, cv::Scalar(250));
  cv::putText(g, "Label", {300, 120 + text_height / 2}, cv::FONT_HERSHEY_SIMPLEX, text_height / 22.0, cv::Scalar(30), 2);
  return g;
}

TEST(Controls, SizeIsJudgedAgainstTheLabel) {
  // The same 60 px square (circle) is a check box (radio) beside 40 px text, too big for one
  // beside 14 px text.
  for (const int text_height : {40, 14}) {
    cv::Mat box = row_with_label(text_height), radio = row_with_label(text_height);
    cv::rectangle(box, {200, 90, 60, 60}, cv::Scalar(120), 3);
    cv::circle(radio, {230, 120}, 30, cv::Scalar(120), 3);
    EXPECT_EQ(has_control_at(controls_in(box), ControlShape::kCheckBox, {230, 120}), text_height == 40) << text_height;
    EXPECT_EQ(has_control_at(controls_in(radio), ControlShape::kRadio, {230, 120}), text_height == 40) << text_height;
  }
}

// A 150x90 stadium of `track` grey on a white page, with a knob of `knob` grey on its right (or none).
cv::Mat switch_row(int track, std::optional<int> knob) {
  cv::Mat g = row_with_label(40);
  cv::circle(g, {645, 117}, 45, cv::Scalar(track), cv::FILLED);
  cv::circle(g, {705, 117}, 45, cv::Scalar(track), cv::FILLED);
  cv::rectangle(g, {645, 72, 60, 91}, cv::Scalar(track), cv::FILLED);
  if (knob) cv::circle(g, {705, 117}, 34, cv::Scalar(*knob), cv::FILLED);
  return g;
}

TEST(Controls, PillNeedsAKnobToBeASwitch) {
  EXPECT_TRUE(has_control_at(controls_in(switch_row(200, 60)), ControlShape::kSwitch, {675, 117}));
  EXPECT_TRUE(has_control_at(controls_in(switch_row(233, 255)), ControlShape::kSwitch, {675, 117}));  // iOS, off
  cv::Mat ticked = switch_row(90, 250);  // Material 3, on: a tick in the knob
  cv::polylines(ticked, std::vector<cv::Point>{{690, 118}, {701, 129}, {722, 106}}, false, cv::Scalar(40), 5);
  EXPECT_TRUE(has_control_at(controls_in(ticked), ControlShape::kSwitch, {675, 117}));
  EXPECT_FALSE(has_control_at(controls_in(switch_row(200, std::nullopt)), ControlShape::kSwitch, {675, 117}));
}

}  // namespace
}  // namespace humain::local

namespace humain::local {
namespace {

// A page of `page` grey with a label above a 3x-sized box (150 px tall, 40 px text) of `inside` grey.
bool empty_field_found(int page, int inside, int border) {
  cv::Mat g(400, 1100, CV_8U, cv::Scalar(page));
  const cv::Rect box(60, 150, 960, 150);
  cv::rectangle(g, box, cv::Scalar(inside), cv::FILLED);
  cv::rectangle(g, box, cv::Scalar(border), 3);
  const std::vector<cv::Rect> lines = {{60, 80, 200, 40}, {60, 330, 300, 40}};
  const TextRegionResult text = detect_text_regions(g);
  for (const Frame& f : detect_frames(text.faint_edges, g))
    if ((f.rect & box).area() > 0.9 * box.area() && is_empty_field(f, g, lines)) return true;
  return false;
}

TEST(Controls, EmptyFieldsInLightAndDarkThemesNotFilledBars) {
  EXPECT_TRUE(empty_field_found(250, 255, 180));  // light: white box, grey outline
  EXPECT_TRUE(empty_field_found(20, 35, 90));     // dark: a little lighter than the page
  EXPECT_FALSE(empty_field_found(250, 60, 60));   // a dark filled bar on a light page
}

TEST(Controls, ThickPhoneSliderFoundWhenTheTextIsBig) {
  // A 3x slider: 21 px track, 40 px thumb. Beside 36 px text it is a slider; beside 1x text
  // (12 px lines) it is too thick to be one.
  for (const int text_height : {36, 12}) {
    cv::Mat g(300, 1100, CV_8U, cv::Scalar(250));
    cv::rectangle(g, {80, 140, 920, 21}, cv::Scalar(60), cv::FILLED);
    cv::circle(g, {430, 150}, 20, cv::Scalar(150), cv::FILLED);
    const std::vector<cv::Rect> lines = {{80, 200, 120, text_height}, {880, 200, 120, text_height}, {80, 20, 400, text_height}};
    const auto sliders = detect_sliders(g, lines);
    const bool found = std::any_of(sliders.begin(), sliders.end(), [](const cv::Rect& s) { return s.contains({500, 150}); });
    EXPECT_EQ(found, text_height == 36) << "text height " << text_height;
  }
}

}  // namespace
}  // namespace humain::local
