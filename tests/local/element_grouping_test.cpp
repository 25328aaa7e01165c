// Parts grouped into one element (issue 10, session 5): an app icon glued to its label on one line
// is split off before OCR; an icon with its caption below or its label beside it is answered as
// one box; two closely stacked short lines are also one label. Synthetic screens drawn with OpenCV.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/screenshot_pixels.h"
#include "grounding/local/ocr/text_regions.h"
#include "humain/local_engine.h"

namespace humain {
namespace {

// fixtures/glued_icons.png (make_glued_icons.py, DejaVu Sans): a 24x24 app icon at x 20-43 with
// its title 4 px to the right (closer than a word space: one line before the split), "Gas" at 3x
// with its letters apart, and "Access rights" at 1x.
const std::string kGlued = std::string(HUMAIN_SOURCE_DIR) + "/tests/local/fixtures/glued_icons.png";

const local::TextRegion* region_containing(const local::TextRegionResult& r, cv::Point p) {
  for (const auto& region : r.regions)
    if (region.rect.contains(p)) return &region;
  return nullptr;
}

TEST(ElementGrouping, IconGluedToItsLabelIsItsOwnRegion) {
  const cv::Mat gray = cv::imread(kGlued, cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(gray.empty()) << kGlued;
  const local::TextRegionResult r = local::detect_text_regions(gray);
  const local::TextRegion* icon = region_containing(r, {21, 32});
  const local::TextRegion* label = region_containing(r, {60, 32});
  ASSERT_NE(icon, nullptr);
  ASSERT_NE(label, nullptr);
  EXPECT_NE(icon, label) << "the icon must not be read as part of the title";
  EXPECT_LE(icon->rect.br().x, 46);
  EXPECT_GE(label->rect.x, 46);
}

// A capital before lower-case letters is taller than they are, as an icon is, but it is a letter
// of the word: at 3x with the letters apart ("Gas") and at 1x ("Access").
TEST(ElementGrouping, CapitalBeforeLowerCaseStaysInItsWord) {
  const cv::Mat gray = cv::imread(kGlued, cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(gray.empty()) << kGlued;
  const local::TextRegionResult r = local::detect_text_regions(gray);
  const local::TextRegion* gas = region_containing(r, {44, 115});
  ASSERT_NE(gas, nullptr);
  EXPECT_GE(gas->rect.br().x, 145) << "G split from 'as'";
  const local::TextRegion* access = region_containing(r, {21, 208});
  ASSERT_NE(access, nullptr);
  EXPECT_GE(access->rect.br().x, 65) << "A split from 'ccess'";
}

class ElementGroupingEngine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto e = make_local_engine();
    ASSERT_TRUE(e.ok()) << e.error().message;
    engine_ = std::move(e.value()).release();
  }
  static void TearDownTestSuite() { delete engine_; }
  static std::shared_ptr<const ScreenParse> parse(const cv::Mat& bgr) {
    auto screen = screenshot_from_mat(bgr);
    EXPECT_TRUE(screen.ok());
    auto p = engine_->parse_screen(*screen);
    EXPECT_TRUE(p.ok());
    return p.ok() ? *p : std::make_shared<const ScreenParse>();
  }
  static const ScreenElement* find(const ScreenParse& p, ElementRole role, cv::Point inside) {
    for (const auto& e : p.elements)
      if (e.role == role && contains(e.text_box, {double(inside.x), double(inside.y)})) return &e;
    return nullptr;
  }
  static LocalEngine* engine_;
};
LocalEngine* ElementGroupingEngine::engine_ = nullptr;

// Desktop shortcuts, home-screen apps, tab bars: the icon and the caption under it are one element.
TEST_F(ElementGroupingEngine, IconAndCaptionBelowShareOneBox) {
  cv::Mat img(300, 400, CV_8UC3, cv::Scalar(250, 250, 250));
  cv::rectangle(img, cv::Rect(150, 60, 56, 56), cv::Scalar(200, 120, 30), cv::FILLED);
  cv::circle(img, {178, 88}, 14, cv::Scalar(255, 255, 255), 4);
  cv::putText(img, "Documents", {128, 142}, cv::FONT_HERSHEY_SIMPLEX, 0.55, cv::Scalar(30, 30, 30), 1, cv::LINE_AA);
  const auto p = parse(img);
  const ScreenElement* caption = find(*p, ElementRole::kText, {175, 136});
  const ScreenElement* icon = find(*p, ElementRole::kIcon, {178, 88});
  ASSERT_NE(caption, nullptr);
  ASSERT_NE(icon, nullptr);
  EXPECT_EQ(caption->box, icon->box);
  EXPECT_LE(caption->box.y1, 74);
  EXPECT_GE(caption->box.y2, 140);
}

// Sidebar entries: an icon left of a label answers the label's box, whichever the instruction names.
TEST_F(ElementGroupingEngine, LeadingIconSharesItsLabelsBox) {
  cv::Mat img(120, 400, CV_8UC3, cv::Scalar(245, 245, 245));
  cv::rectangle(img, cv::Rect(30, 50, 22, 16), cv::Scalar(40, 40, 40), 2);
  cv::line(img, {36, 70}, {46, 70}, cv::Scalar(40, 40, 40), 2);
  cv::putText(img, "Display", {70, 66}, cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
  const auto p = parse(img);
  const ScreenElement* label = find(*p, ElementRole::kText, {100, 60});
  const ScreenElement* icon = find(*p, ElementRole::kIcon, {41, 58});
  ASSERT_NE(label, nullptr);
  ASSERT_NE(icon, nullptr);
  EXPECT_EQ(label->box, icon->box);
  EXPECT_LE(label->box.x1, 31);
}

// A search field: its magnifier answers the field's box, as its placeholder does.
TEST_F(ElementGroupingEngine, MagnifierInAFieldIsTheField) {
  cv::Mat img(120, 520, CV_8UC3, cv::Scalar(240, 240, 240));
  cv::rectangle(img, cv::Rect(40, 40, 420, 36), cv::Scalar(255, 255, 255), cv::FILLED);
  cv::rectangle(img, cv::Rect(40, 40, 420, 36), cv::Scalar(150, 150, 150), 1);
  cv::circle(img, {59, 56}, 6, cv::Scalar(60, 60, 60), 2, cv::LINE_AA);
  cv::line(img, {64, 61}, {69, 66}, cv::Scalar(60, 60, 60), 2, cv::LINE_AA);
  cv::putText(img, "Search entries", {84, 63}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(120, 120, 120), 1, cv::LINE_AA);
  const auto p = parse(img);
  const ScreenElement* field = find(*p, ElementRole::kField, {120, 58});
  ASSERT_NE(field, nullptr);
  const ScreenElement* magnifier = nullptr;
  for (const auto& e : p->elements) {
    const bool search = !e.icon_guesses.empty() && e.icon_guesses.front().name == "search";
    if (e.role == ElementRole::kIcon && search && contains(e.text_box, {59, 56})) magnifier = &e;
  }
  ASSERT_NE(magnifier, nullptr) << "the magnifier was not read as one";
  EXPECT_EQ(magnifier->box, field->box);
}

// A pause button at 3x: two bars, each too thin to be an icon, are one icon together.
TEST_F(ElementGroupingEngine, IconOfSeparateStrokesIsOneIcon) {
  cv::Mat img(160, 300, CV_8UC3, cv::Scalar(238, 238, 238));
  cv::rectangle(img, cv::Rect(130, 50, 14, 46), cv::Scalar(20, 20, 20), cv::FILLED);
  cv::rectangle(img, cv::Rect(156, 50, 14, 46), cv::Scalar(20, 20, 20), cv::FILLED);
  const auto p = parse(img);
  const ScreenElement* pause = nullptr;
  for (const auto& e : p->elements)
    if (e.role == ElementRole::kIcon && contains(e.text_box, {131, 52}) && contains(e.text_box, {168, 94})) pause = &e;
  ASSERT_NE(pause, nullptr) << "the two bars are no icon";
}

// Header links and two-line captions ("Deliver to / Singapore"): a closely stacked pair of short
// lines is also one label; an evenly stacked menu is not.
TEST_F(ElementGroupingEngine, TwoLineLabelJoinsButAMenuDoesNot) {
  cv::Mat img(220, 480, CV_8UC3, cv::Scalar(250, 250, 250));
  cv::putText(img, "Deliver to", {40, 60}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(90, 90, 90), 1, cv::LINE_AA);
  cv::putText(img, "Singapore", {40, 80}, cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
  int y = 50;
  for (const char* item : {"Open file", "Save file", "Close file"}) {
    cv::putText(img, item, {300, y}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
    y += 20;
  }
  const auto p = parse(img);
  const auto has = [](const ScreenElement& e, const char* a, const char* b) {
    return e.text.find(a) != std::string::npos && e.text.find(b) != std::string::npos;
  };
  const ScreenElement* pair = nullptr;
  for (const auto& e : p->elements) {
    if (has(e, "Deliver", "Singapore")) pair = &e;
    EXPECT_FALSE(has(e, "Open", "Save") || has(e, "Save", "Close")) << "menu items joined: " << e.text;
  }
  ASSERT_NE(pair, nullptr) << "the two lines were not joined";
  EXPECT_LE(pair->box.y1, 50);
  EXPECT_GE(pair->box.y2, 80);
}

}  // namespace
}  // namespace humain
