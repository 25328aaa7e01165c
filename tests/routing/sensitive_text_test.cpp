// The screen scan: what counts as confidential text, and what must not (ordinary numbers).
#include <gtest/gtest.h>

#include "humain/router.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

std::vector<SensitiveItem> scan(const std::string& text, bool field = false) {
  return find_sensitive_text({{Box{100, 10, 100 + 10.0 * text.size(), 30}, text, field}}, {"salary"});
}

std::string kinds(const std::vector<SensitiveItem>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ",") + i.kind;
  return s;
}

TEST(SensitiveText, CardNumbersNeedLuhn) {
  EXPECT_EQ(kinds(scan("Card 4111 1111 1111 1111")), "card");
  EXPECT_EQ(kinds(scan("5500-0000-0000-0004")), "card");
  EXPECT_EQ(kinds(scan("4111111111111112")), "") << "fails Luhn: an order number, not a card";
  EXPECT_EQ(kinds(scan("Order 20240115")), "");
}

TEST(SensitiveText, SsnIbanEmailPhone) {
  EXPECT_EQ(kinds(scan("SSN: 123-45-6789")), "ssn");
  EXPECT_EQ(kinds(scan("000-12-3456")), "") << "area 000 is never issued";
  EXPECT_EQ(kinds(scan("IBAN DE89 3704 0044 0532 0130 00")), "iban");
  EXPECT_EQ(kinds(scan("IBAN DE89 3704 0044 0532 0130 01")), "") << "bad mod-97 check";
  EXPECT_EQ(kinds(scan("mail jane.doe@example.com now")), "email");
  EXPECT_EQ(kinds(scan("Call +1 (415) 555-0123")), "phone");
  EXPECT_EQ(kinds(scan("Version 2.4.1 released 2024-01-15")), "");
}

TEST(SensitiveText, LevelsAndBoxesCoverTheValue) {
  const auto items = scan("Card 4111 1111 1111 1111");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].level, Sensitivity::kConfidential);
  // The value starts at character 5 of 24 on a 240 px line: the mask covers it, not the whole label.
  EXPECT_LE(items[0].box.x1, 100 + 5 * 10);
  EXPECT_GE(items[0].box.x2, 100 + 24 * 10);
  EXPECT_EQ(scan("a@b.io")[0].level, Sensitivity::kInternal);
}

TEST(SensitiveText, PasswordFields) {
  EXPECT_EQ(kinds(scan("\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022")), "password");
  EXPECT_EQ(kinds(scan("********")), "password");
  // A "Password" label masks the field to its right.
  std::vector<ScreenText> lines = {{Box{10, 100, 90, 120}, "Password", false},
                                   {Box{100, 95, 400, 125}, "", true},
                                   {Box{100, 300, 400, 330}, "", true}};
  const auto items = find_sensitive_text(lines, {});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, "password");
  EXPECT_EQ(items[0].box, (Box{100, 95, 400, 125}));
}

TEST(SensitiveText, ScreenKeywordsAreInternal) {
  const auto items = scan("Salary review 2024");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, "keyword");
  EXPECT_EQ(items[0].level, Sensitivity::kInternal);
}

TEST(Redaction, FillsBoxesSolidAndKeepsTheRest) {
  cv::Mat m(100, 200, CV_8UC3, cv::Scalar(200, 180, 160));
  auto screen = screenshot_from_mat(m).value();
  auto red = redact(screen, {Box{10, 10, 50, 30}, Box{190, 90, 260, 140}}, 2);
  ASSERT_TRUE(red.ok());
  EXPECT_NE(red->hash, screen.hash);
  EXPECT_EQ(pixels_mat(*red).at<cv::Vec3b>(20, 30), cv::Vec3b(0, 0, 0));
  EXPECT_EQ(pixels_mat(*red).at<cv::Vec3b>(8, 8), cv::Vec3b(0, 0, 0)) << "padding";
  EXPECT_EQ(pixels_mat(*red).at<cv::Vec3b>(99, 199), cv::Vec3b(0, 0, 0)) << "clipped box still masks";
  EXPECT_EQ(pixels_mat(*red).at<cv::Vec3b>(60, 100), cv::Vec3b(200, 180, 160));
  EXPECT_EQ(pixels_mat(screen).at<cv::Vec3b>(20, 30), cv::Vec3b(200, 180, 160)) << "the original is untouched";
}

}  // namespace
}  // namespace humain
