// The ocr-baseline grounder: its word matching on hand-made OCR output, and the real Tesseract
// path on a screenshot drawn with OpenCV, reached through the grounder factory.
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "grounding/ocr_baseline/word_matcher.h"
#include "humain/grounder.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

using ocr_baseline::OcrWord;

TEST(WordMatcher, TokenizeAndQueryTerms) {
  EXPECT_EQ(ocr_baseline::tokenize("Sign-in, NOW!"), (std::vector<std::string>{"sign", "in", "now"}));
  EXPECT_EQ(ocr_baseline::query_terms("Click the Save button"), (std::vector<std::string>{"save"}));
  EXPECT_EQ(ocr_baseline::query_terms("open the File menu"), (std::vector<std::string>{"file", "menu"}));
  // Only stop words left: keep them all rather than match nothing.
  EXPECT_EQ(ocr_baseline::query_terms("click the button"), (std::vector<std::string>{"click", "the", "button"}));
  EXPECT_TRUE(ocr_baseline::query_terms("  !! ").empty());
}

TEST(WordMatcher, Similarity) {
  EXPECT_DOUBLE_EQ(ocr_baseline::word_similarity("save", "save"), 1.0);
  EXPECT_DOUBLE_EQ(ocr_baseline::word_similarity("settings", "setfings"), 1.0 - 1.0 / 8.0);  // one OCR slip
  EXPECT_DOUBLE_EQ(ocr_baseline::word_similarity("ok", "on"), 0.0);  // short words must match exactly
  EXPECT_DOUBLE_EQ(ocr_baseline::word_similarity("", "x"), 0.0);
}

std::vector<OcrWord> sample_words() {
  return {
      {"File", {10, 10, 40, 25}, 95, 0},    {"Edit", {50, 10, 80, 25}, 95, 0},
      {"Sign", {100, 100, 130, 120}, 90, 1}, {"in", {135, 100, 150, 120}, 90, 1},
      {"Sign", {100, 200, 130, 220}, 90, 2}, {"up", {135, 200, 150, 220}, 80, 2},
  };
}

TEST(WordMatcher, PrefersTheRunCoveringEveryTerm) {
  const auto m = ocr_baseline::best_match(ocr_baseline::query_terms("click Sign up"), sample_words());
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->box, (Box{100, 200, 150, 220}));
  EXPECT_DOUBLE_EQ(m->score, 1.0);
  EXPECT_EQ(m->text, "Sign up");
  EXPECT_NEAR(m->ocr_confidence, 0.85, 1e-9);
}

TEST(WordMatcher, TiesGoToReadingOrderAndMissesAreNullopt) {
  const auto sign = ocr_baseline::best_match({"sign"}, sample_words());
  ASSERT_TRUE(sign.has_value());
  EXPECT_EQ(sign->box, (Box{100, 100, 130, 120}));  // the first "Sign"
  EXPECT_FALSE(ocr_baseline::best_match({"quantum"}, sample_words()).has_value());
  EXPECT_FALSE(ocr_baseline::best_match({}, sample_words()).has_value());
  EXPECT_FALSE(ocr_baseline::best_match({"file"}, {}).has_value());
}

TEST(WordMatcher, RunsDoNotCrossLines) {
  // "Edit" ends line 0 and "Sign" starts line 1: "edit sign" must not join them into one run.
  const auto m = ocr_baseline::best_match({"edit", "sign"}, sample_words());
  ASSERT_TRUE(m.has_value());
  EXPECT_DOUBLE_EQ(m->score, 0.5);
}

// A light window with two text buttons, drawn large enough for Tesseract to read reliably.
Screenshot drawn_screen() {
  cv::Mat img(400, 900, CV_8UC3, cv::Scalar(245, 245, 245));
  cv::rectangle(img, {80, 150}, {380, 230}, cv::Scalar(200, 200, 200), cv::FILLED);
  cv::putText(img, "Cancel", {120, 205}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(20, 20, 20), 3, cv::LINE_AA);
  cv::rectangle(img, {480, 150}, {820, 230}, cv::Scalar(200, 200, 200), cv::FILLED);
  cv::putText(img, "Continue", {510, 205}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(20, 20, 20), 3, cv::LINE_AA);
  auto s = screenshot_from_mat(img, "drawn");
  EXPECT_TRUE(s.ok());
  return *s;
}

TEST(OcrBaselineGrounder, FindsTheNamedButtonWithTesseract) {
  auto g = make_grounder("ocr-baseline", nullptr);
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ((*g)->name(), "ocr-baseline");
  const Screenshot screen = drawn_screen();

  auto p = (*g)->find_element(screen, "click the Continue button");
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_TRUE(p->point.has_value()) << "Tesseract read nothing matching";
  EXPECT_TRUE(contains(Box{480, 150, 820, 230}, *p->point)) << p->point->x << "," << p->point->y;
  EXPECT_GT(p->confidence, 0.5);
  EXPECT_LE(p->confidence, 1.0);
  EXPECT_EQ(p->source, "ocr-baseline");
  EXPECT_FALSE(p->timings.cache_hit);

  // Same pixels again: the words come from the grounder's cache, and a different answer is found.
  auto q = (*g)->find_element(screen, "Cancel");
  ASSERT_TRUE(q.ok()) << q.error().message;
  ASSERT_TRUE(q->point.has_value());
  EXPECT_TRUE(contains(Box{80, 150, 380, 230}, *q->point));
  EXPECT_TRUE(q->timings.cache_hit);

  auto none = (*g)->find_element(screen, "open the Quantum Flux settings");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->point.has_value());
  EXPECT_DOUBLE_EQ(none->confidence, 0.0);
}

TEST(OcrBaselineGrounder, EmptyScreenshotIsAnError) {
  auto g = make_grounder("ocr-baseline", nullptr);
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_FALSE((*g)->find_element(Screenshot{}, "Save").ok());
}

TEST(GrounderFactory, UnknownNameListsTheKnownOnes) {
  auto g = make_grounder("no-such-grounder", nullptr);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.error().message.find("ocr-baseline"), std::string::npos) << g.error().message;
  const auto names = grounder_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "ocr-baseline"), names.end());
  const std::string def = default_grounder_name();
  EXPECT_TRUE(def == "local" || def == "ocr-baseline") << def;
}

}  // namespace
}  // namespace humain
