// Candidates, ranking, withholding, drawing, and one request end to end with an in-process provider.
#include <gtest/gtest.h>

#include <mutex>

#include <opencv2/imgproc.hpp>

#include "core/screenshot_pixels.h"
#include "grounding/set_of_marks/mark_drawing.h"
#include "grounding/set_of_marks/marks.h"
#include "grounding/set_of_marks/marks_call.h"
#include "humain/image_encoding.h"

namespace humain::marks {
namespace {

ScreenElement element(ElementRole role, Box box, std::string text = "", std::string icon = "") {
  ScreenElement e;
  e.role = role;
  e.box = box;
  e.text = std::move(text);
  if (!icon.empty()) e.icon_guesses.push_back({icon, 0.8});
  return e;
}

ScreenParse sample_parse() {
  ScreenParse p;
  p.width = 800;
  p.height = 600;
  p.elements = {
      element(ElementRole::kText, {400, 100, 480, 120}, "Settings"),
      element(ElementRole::kContainer, {0, 0, 800, 600}),
      element(ElementRole::kButton, {100, 300, 200, 340}, "Save"),
      element(ElementRole::kText, {102, 301, 199, 339}, "Save"),  // the button's own label: merged
      element(ElementRole::kIcon, {20, 102, 44, 122}, "", "search"),
      element(ElementRole::kField, {250, 300, 500, 340}, "jane.doe@example.com"),
  };
  return p;
}

TEST(BuildMarks, ReadingOrderNoContainersNoDuplicates) {
  const auto marks = build_marks(sample_parse());
  ASSERT_EQ(marks.size(), 4u);
  EXPECT_EQ(marks[0].icon, "search");  // same row as "Settings", further left
  EXPECT_EQ(marks[1].text, "Settings");
  EXPECT_EQ(marks[2].role, "button");
  EXPECT_EQ(marks[2].text, "Save");
  EXPECT_EQ(marks[3].role, "field");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(marks[i].id, i + 1);
  MarkOptions capped;
  capped.max_marks = 2;
  EXPECT_EQ(build_marks(sample_parse(), capped).size(), 2u);
}

TEST(TopMarks, EnginePickFirstThenWords) {
  const auto marks = build_marks(sample_parse());
  auto top = top_marks(marks, "open the settings", std::nullopt, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].text, "Settings");
  top = top_marks(marks, "open the settings", Box{250, 300, 500, 340}, 2);
  EXPECT_EQ(top[0].role, "field");
  EXPECT_EQ(top[1].text, "Settings");
  EXPECT_EQ(top_marks(marks, "x", std::nullopt, 0).size(), marks.size());
}

TEST(WithholdText, RedactedTextNeverReachesThePrompt) {
  auto marks = build_marks(sample_parse());
  withhold_text(marks, {Box{300, 310, 420, 330}});
  EXPECT_EQ(marks[3].text, "[redacted]");
  EXPECT_EQ(marks[2].text, "Save");
}

TEST(OracleMark, SmallestMarkWhoseCentreHits) {
  const auto marks = build_marks(sample_parse());
  EXPECT_EQ(oracle_mark(marks, Box{90, 290, 210, 350})->text, "Save");
  EXPECT_FALSE(oracle_mark(marks, Box{600, 500, 700, 550}).has_value());
}

// Mark colours must show on white and on black: chips carry both a black and a white edge.
TEST(DrawMarks, ChipsReadOnLightAndDarkScreens) {
  const auto marks = build_marks(sample_parse());
  for (int background : {255, 0}) {
    cv::Mat screen(600, 800, CV_8UC3, cv::Scalar::all(background));
    const cv::Mat out = draw_marks(screen, marks, screen.size());
    ASSERT_EQ(out.size(), screen.size());
    cv::Mat diff;
    cv::absdiff(out, screen, diff);
    cv::cvtColor(diff, diff, cv::COLOR_BGR2GRAY);
    EXPECT_GT(cv::countNonZero(diff), 200);
    // The area above the button (where its chip goes: there is room) changed; the button's
    // inside did not (the label does not cover the element).
    const cv::Rect inside(110, 310, 80, 20);
    EXPECT_EQ(cv::countNonZero(diff(inside)), 0);
    EXPECT_GT(cv::countNonZero(diff(cv::Rect(100, 270, 40, 29))), 20);
    cv::Mat gray;
    cv::cvtColor(out, gray, cv::COLOR_BGR2GRAY);
    const cv::Mat chip_area = gray(cv::Rect(98, 268, 60, 32));
    double lo = 0, hi = 0;
    cv::minMaxLoc(chip_area, &lo, &hi);
    EXPECT_EQ(lo, 0) << "no black edge on background " << background;
    EXPECT_EQ(hi, 255) << "no white edge on background " << background;
  }
}

TEST(DrawMarks, ScalesBoxesToTheSentSize) {
  const auto marks = build_marks(sample_parse());
  cv::Mat half(300, 400, CV_8UC3, cv::Scalar::all(255));
  const cv::Mat out = draw_marks(half, marks, cv::Size(800, 600));
  // The button (100,300)-(200,340) lands at (50,150)-(100,170); its outline just outside it.
  EXPECT_NE(out.at<cv::Vec3b>(160, 48), cv::Vec3b(255, 255, 255));
  EXPECT_EQ(out.at<cv::Vec3b>(160, 50), cv::Vec3b(255, 255, 255));
  EXPECT_EQ(out.at<cv::Vec3b>(160, 75), cv::Vec3b(255, 255, 255));
}

// An in-process provider: records requests, answers a fixed text.
class FixedProvider : public Provider {
 public:
  explicit FixedProvider(std::string answer) : answer_(std::move(answer)) {}
  Result<ChatResponse> chat(const ChatRequest& request, const TokenCallback&) override {
    std::lock_guard lock(mu_);
    requests.push_back(request);
    ChatResponse r;
    r.text = answer_;
    return r;
  }
  std::string name() const override { return "fixed"; }
  std::string model() const override { return "fixed"; }
  std::vector<ChatRequest> requests;

 private:
  std::string answer_;
  std::mutex mu_;
};

Screenshot noise_screen() {
  cv::Mat m(600, 800, CV_8UC3);
  cv::randu(m, cv::Scalar::all(0), cv::Scalar::all(255));
  return screenshot_from_mat(m).value();
}

TEST(MarksCall, ScreenViewMapsTheIdToTheElement) {
  FixedProvider provider("{\"mark\": 3}");
  const auto marks = build_marks(sample_parse());
  MarksCall call;
  call.source = "vlm:test/set-of-marks";
  MarksSent sent;
  auto p = run_marks_call(provider, nullptr, noise_screen(), marks, "click Save", call, &sent);
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_TRUE(p->point.has_value());
  EXPECT_EQ(*p->point, (Point{150, 320}));
  EXPECT_EQ(*p->box, (Box{100, 300, 200, 340}));
  EXPECT_DOUBLE_EQ(p->confidence, 0.9);
  ASSERT_EQ(provider.requests.size(), 1u);
  ASSERT_EQ(provider.requests[0].images.size(), 1u);
  EXPECT_EQ(provider.requests[0].images[0]->width, 800);
  EXPECT_EQ(sent.images, 1);
  EXPECT_GT(sent.image_bytes, 0u);
  EXPECT_EQ(sent.prompt_chars, provider.requests[0].prompt.size());
}

TEST(MarksCall, CropsViewSendsOnlyPaddedCrops) {
  FixedProvider provider("Mark 3");
  const Screenshot screen = noise_screen();
  const auto marks = build_marks(sample_parse());
  MarksCall call;
  call.view = MarkView::kCrops;
  call.crop_padding = 10;
  MarksSent sent;
  auto p = run_marks_call(provider, nullptr, screen, marks, "click Save", call, &sent);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(*p->point, (Point{150, 320}));
  const auto& images = provider.requests.at(0).images;
  ASSERT_EQ(images.size(), marks.size());
  ASSERT_EQ(sent.crops.size(), marks.size());
  for (std::size_t i = 0; i < images.size(); ++i) {
    const Box& w = sent.crops[i];
    EXPECT_EQ(w, crop_window(marks[i].box, 10, 800, 600));
    // Exactly the screen's pixels in that window (PNG is lossless): nothing else left.
    auto bytes = base64_decode(images[i]->base64);
    ASSERT_TRUE(bytes.ok());
    auto got = decode_screenshot(*bytes);
    ASSERT_TRUE(got.ok());
    const cv::Mat want = pixels_mat(screen)(cv::Rect(int(w.x1), int(w.y1), int(w.width()), int(w.height())));
    ASSERT_EQ(pixels_mat(*got).size(), want.size());
    EXPECT_EQ(cv::norm(pixels_mat(*got), want, cv::NORM_INF), 0) << "crop " << i;
  }
  EXPECT_NE(provider.requests[0].prompt.find("(screen 800x600)"), std::string::npos);
}

TEST(MarksCall, UnparseableAnswerIsAnErrorAndNoMarksIsNotFound) {
  FixedProvider provider("The Save button, I think.");
  MarksCall call;
  auto p = run_marks_call(provider, nullptr, noise_screen(), build_marks(sample_parse()), "click Save", call);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().kind, Error::Kind::kParse);
  auto none = run_marks_call(provider, nullptr, noise_screen(), {}, "click Save", call);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->point.has_value());
  EXPECT_EQ(provider.requests.size(), 1u);  // no request without candidates
}

}  // namespace
}  // namespace humain::marks
