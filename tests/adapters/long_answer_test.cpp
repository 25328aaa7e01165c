// Long runs inside an answer (found by fuzz_answer_parsers, docs/FUZZING.md): libstdc++'s std::regex
// recursed once per character of a repetition, so a 30,000-byte run inside <|box_start|>...,
// a (x, y) group or an x=.., y=.. call overflowed the stack (SIGSEGV) before kMaxScan cut anything.
#include <gtest/gtest.h>

#include <string>

#include "adapters/coordinate_parsing.h"

namespace humain::adapters {
namespace {

constexpr std::size_t kRun = 30'000;  // below the 32 KiB the parser scans

Result<RawCoordinates> extract(const std::string& text) {
  ChatResponse r;
  r.text = text;
  return extract_coordinates(r, {});
}

void expect_values(const std::string& text, const std::vector<double>& want) {
  auto got = extract(text);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->values, want);
}

TEST(LongAnswer, LongRunsInsideTagsParseWithoutOverflowingTheStack) {
  const std::string spaces(kRun, ' ');
  expect_values("<|box_start|>(1,2)" + spaces + "(3,4)<|box_end|>", {1, 2, 3, 4});
  expect_values("<point>5 6" + spaces + "</point>", {5, 6});
  expect_values("<bbox>1 2 3" + spaces + "4</bbox>", {1, 2, 3, 4});
  expect_values("click(start_box='(7," + spaces + "8)')", {7, 8});
  // A tag whose content is one endless number has no usable coordinate, and says so.
  EXPECT_FALSE(extract("<|box_start|>" + std::string(kRun, '1') + "<|box_end|>").ok());
}

TEST(LongAnswer, LongRunsInsideCallsParseWithoutOverflowingTheStack) {
  const std::string spaces(kRun, ' ');
  const std::string half(kRun / 2, ' ');  // two runs in one answer
  expect_values("pyautogui.click(x" + half + "=" + half + "12, y=34)", {12, 34});
  expect_values("Click(" + half + "352," + half + "348)", {352, 348});
  expect_values("(1, 2)" + spaces + "to (3, 4)", {1, 2, 3, 4});
  expect_values("[1, 2, 3," + spaces + "4]", {1, 2, 3, 4});
  auto endless = extract("(" + std::string(kRun, '9') + ", 5)");
  ASSERT_TRUE(endless.ok());
  ASSERT_EQ(endless->values.size(), 2u);
  EXPECT_EQ(endless->values[1], 5);
  EXPECT_FALSE(extract("(" + spaces + "1" + spaces).ok());
  EXPECT_FALSE(extract(std::string(kRun, '(')).ok());
}

}  // namespace
}  // namespace humain::adapters
