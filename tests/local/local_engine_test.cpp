// The engine end to end on a committed synthetic screen (tests/local/fixtures/make_screen.sh
// draws it; boxes below are the rectangles that script draws).
#include <gtest/gtest.h>

#include <thread>

#include "humain/local_engine.h"

namespace humain {
namespace {

const std::string kScreen = std::string(HUMAIN_SOURCE_DIR) + "/tests/local/fixtures/settings_1920x1080.png";

class LocalEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto e = make_local_engine();
    ASSERT_TRUE(e.ok()) << e.error().message;
    engine_ = std::move(e.value()).release();
    auto s = load_screenshot(kScreen);
    ASSERT_TRUE(s.ok()) << s.error().message;
    screen_ = new Screenshot(std::move(s.value()));
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete screen_;
  }
  static Point click(const std::string& instruction) {
    auto p = engine_->find_element(*screen_, instruction);
    EXPECT_TRUE(p.ok()) << instruction;
    if (!p.ok() || !p->point) {
      ADD_FAILURE() << "no answer for: " << instruction;
      return {-1, -1};
    }
    return *p->point;
  }
  static LocalEngine* engine_;
  static Screenshot* screen_;
};
LocalEngine* LocalEngineTest::engine_ = nullptr;
Screenshot* LocalEngineTest::screen_ = nullptr;

TEST_F(LocalEngineTest, ClicksButtonsByLabel) {
  EXPECT_TRUE(contains(Box{300, 360, 420, 394}, click("Click the Sign in button")));  // white on blue
  EXPECT_TRUE(contains(Box{440, 360, 560, 394}, click("cancel")));
  EXPECT_TRUE(contains(Box{1700, 1020, 1800, 1056}, click("press Apply")));
}

TEST_F(LocalEngineTest, ReadsLightOnDarkSidebar) {
  const Point p = click("open Privacy and Security");
  EXPECT_TRUE(contains(Box{20, 165, 175, 186}, p)) << p.x << "," << p.y;
  EXPECT_TRUE(contains(Box{20, 245, 170, 266}, click("keyboard shortcuts")));
}

TEST_F(LocalEngineTest, FindsFieldsByPlaceholderAndByLabel) {
  EXPECT_TRUE(contains(Box{300, 170, 700, 202}, click("the user name field")));
  EXPECT_TRUE(contains(Box{300, 250, 700, 282}, click("click the Password field")));
}

TEST_F(LocalEngineTest, FindsCheckboxBesideItsLabel) {
  EXPECT_TRUE(contains(Box{298, 308, 316, 326}, click("tick the Remember me checkbox")));
}

TEST_F(LocalEngineTest, FindsTitleBarCloseIconByShape) {
  EXPECT_TRUE(contains(Box{1884, 6, 1912, 34}, click("close the window")));
}

TEST_F(LocalEngineTest, AnswersNotFoundForAbsentLabels) {
  auto p = engine_->find_element(*screen_, "click the Quantum Flux Capacitor");
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->point.has_value());
}

TEST_F(LocalEngineTest, SecondInstructionUsesCachedParse) {
  engine_->clear_cache();
  const size_t before = engine_->parses_computed();
  auto a = engine_->find_element(*screen_, "Apply");
  auto b = engine_->find_element(*screen_, "Cancel");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(a->timings.cache_hit);
  EXPECT_TRUE(b->timings.cache_hit);
  EXPECT_EQ(engine_->parses_computed(), before + 1);
}

TEST_F(LocalEngineTest, ConcurrentCallsShareOneParse) {
  engine_->clear_cache();
  const size_t before = engine_->parses_computed();
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto p = engine_->find_element(*screen_, "Close");
      if (p.ok() && p->point) ++found;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(found.load(), 4);
  EXPECT_EQ(engine_->parses_computed(), before + 1);
}

TEST_F(LocalEngineTest, ParseScreenListsTextForRedaction) {
  auto parse = engine_->parse_screen(*screen_);
  ASSERT_TRUE(parse.ok());
  auto hits = find_text(**parse, {"europe/berlin", "Enter your usr name"});
  ASSERT_EQ(hits.size(), 2u);
  for (const auto& h : hits) EXPECT_GT(h.box.area(), 0);
}

TEST(LocalEngine, RejectsEmptyScreenshotAndBadModel) {
  auto e = make_local_engine();
  ASSERT_TRUE(e.ok());
  Screenshot empty;
  auto p = (*e)->find_element(empty, "anything");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().kind, Error::Kind::kInvalidInput);

  LocalEngineOptions bad;
  bad.languages = {"no-such-language"};
  auto invalid = make_local_engine(bad);
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.error().message.find("no-such-language"), std::string::npos);
}

TEST(LocalEngine, MissingLanguagePackNamesFileAndPackage) {
  for (const char* dir : {"", "/usr/share/tesseract-ocr/5/tessdata"}) {
    LocalEngineOptions options;
    options.tessdata_dir = dir;
    options.languages = {"eng", "chi_zzz"};  // a CJK-style name: checked at creation although read on demand
    auto missing = make_local_engine(options);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("chi_zzz.traineddata"), std::string::npos) << missing.error().message;
    EXPECT_NE(missing.error().message.find("tesseract-ocr-chi-zzz"), std::string::npos) << missing.error().message;
  }
}

}  // namespace
}  // namespace humain
