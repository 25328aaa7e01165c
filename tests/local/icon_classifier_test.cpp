// The icon bank classifier: loads, survives size/colour/polarity changes, rejects a corrupt bank,
// and names the icons of the dev screenshots (accuracy printed, floor asserted).
#include "grounding/local/detect/icon_classifier.h"
#include "core/data_files.h"
#include "core/screenshot_pixels.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace humain::local {
namespace {

const IconClassifier& bank() {
  static const IconClassifier classifier = [] {
    auto loaded = IconClassifier::load_default();
    if (!loaded.ok()) ADD_FAILURE() << loaded.error().message;
    return std::move(loaded.value());
  }();
  return classifier;
}

bool in_top(const std::vector<IconGuess>& guesses, const std::string& concept_name, size_t k) {
  for (size_t i = 0; i < std::min(k, guesses.size()); ++i)
    if (guesses[i].name == concept_name) return true;
  return false;
}

// A glyph drawn the way a screen shows it: `ink` (0..255 coverage) scaled to `size` px, in colour
// `fg` on `bg`, with `pad` px of background around it.
cv::Mat on_screen(const cv::Mat& ink, int size, cv::Scalar fg, cv::Scalar bg, int pad) {
  cv::Mat small, alpha;
  cv::resize(ink, small, {size, size}, 0, 0, cv::INTER_AREA);
  small.convertTo(alpha, CV_32F, 1.0 / 255);
  cv::Mat out(size + 2 * pad, size + 2 * pad, CV_8UC3, bg);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const float a = alpha.at<float>(y, x);
      auto& px = out.at<cv::Vec3b>(y + pad, x + pad);
      for (int c = 0; c < 3; ++c) px[c] = cv::saturate_cast<uchar>(a * fg[c] + (1 - a) * bg[c]);
    }
  return out;
}

TEST(IconClassifier, BankLoads) {
  EXPECT_GT(bank().bank_size(), 1000u);
}

TEST(IconClassifier, DrawnGlyphsAtAnySizeAndPolarity) {
  cv::Mat x = cv::Mat::zeros(64, 64, CV_8U), plus = x.clone(), bars = x.clone(), magnifier = x.clone();
  cv::line(x, {12, 12}, {52, 52}, 255, 5, cv::LINE_AA);
  cv::line(x, {52, 12}, {12, 52}, 255, 5, cv::LINE_AA);
  cv::line(plus, {32, 10}, {32, 54}, 255, 5, cv::LINE_AA);
  cv::line(plus, {10, 32}, {54, 32}, 255, 5, cv::LINE_AA);
  for (int y : {16, 32, 48}) cv::line(bars, {10, y}, {54, y}, 255, 5, cv::LINE_AA);
  cv::circle(magnifier, {27, 27}, 15, 255, 5, cv::LINE_AA);
  cv::line(magnifier, {38, 38}, {54, 54}, 255, 6, cv::LINE_AA);
  const std::vector<std::pair<cv::Mat, std::string>> glyphs = {
      {x, "close"}, {plus, "add"}, {bars, "menu"}, {magnifier, "search"}};
  for (const auto& [ink, name] : glyphs) {
    for (int size : {12, 18, 24, 40}) {
      const cv::Mat dark_on_light = on_screen(ink, size, {40, 40, 40}, {250, 250, 250}, 4);
      const cv::Mat light_on_dark = on_screen(ink, size, {235, 230, 220}, {60, 30, 20}, 3);
      EXPECT_TRUE(in_top(bank().classify(dark_on_light), name, 1)) << name << " at " << size << " px, dark on light";
      EXPECT_TRUE(in_top(bank().classify(light_on_dark), name, 1)) << name << " at " << size << " px, light on dark";
    }
  }
}

// One icon of the bank as data/icons/bank.{png,tsv} hold it.
struct BankIcon {
  int cell = 0;
  std::string concept_name, style;
  cv::Mat ink;  // 32x32, 255 = ink
};

std::vector<BankIcon> bank_icons() {
  auto atlas_path = find_data_file("icons/bank.png");
  auto index_path = find_data_file("icons/bank.tsv");
  if (!atlas_path.ok() || !index_path.ok()) return {};
  const cv::Mat atlas = cv::imread(*atlas_path, cv::IMREAD_GRAYSCALE);
  std::ifstream index(*index_path);
  std::vector<BankIcon> icons;
  std::string line;
  while (std::getline(index, line)) {
    std::istringstream fields(line);
    BankIcon icon;
    if (line.empty() || line[0] == '#' || !(fields >> icon.cell >> icon.concept_name >> icon.style)) continue;
    icon.ink = atlas(cv::Rect((icon.cell % 32) * 32, (icon.cell / 32) * 32, 32, 32));
    icons.push_back(std::move(icon));
  }
  return icons;
}

// Every 7th bank icon, re-drawn small, coloured, inverted and padded, still names its concept.
TEST(IconClassifier, BankIconsSurviveScreenRendering) {
  int tried = 0, top1 = 0, top3 = 0;
  for (const BankIcon& icon : bank_icons()) {
    if (icon.cell % 7 != 0) continue;
    const cv::Mat screen = on_screen(icon.ink, 18 + icon.cell % 11, {230, 240, 250}, {70, 40, 30}, 3);
    const auto guesses = bank().classify(screen);
    ++tried;
    top1 += in_top(guesses, icon.concept_name, 1);
    top3 += in_top(guesses, icon.concept_name, 3);
  }
  ASSERT_GT(tried, 100);
  std::printf("bank icons re-rendered light on dark at 18-28 px: top-1 %d/%d, top-3 %d/%d\n", top1, tried, top3, tried);
  EXPECT_GE(top1, tried * 9 / 10);  // measured 234/239
  EXPECT_GE(top3, tried * 95 / 100);  // measured 237/239
}

// A dark outline glyph on a white disk on a grey photo (wishlist hearts on product cards).
TEST(IconClassifier, GlyphOnABadge) {
  int tried = 0;
  for (const BankIcon& icon : bank_icons()) {
    const std::string& name = icon.concept_name;
    if (icon.style != "lucide" || (name != "heart" && name != "notifications" && name != "search" && name != "user"))
      continue;
    const cv::Mat glyph = on_screen(icon.ink, 22, {30, 30, 30}, {255, 255, 255}, 0);
    cv::Mat badge(44, 44, CV_8UC3, cv::Scalar(150, 160, 140));
    cv::circle(badge, {22, 22}, 20, cv::Scalar(255, 255, 255), cv::FILLED, cv::LINE_AA);
    glyph.copyTo(badge(cv::Rect(11, 11, 22, 22)));
    EXPECT_TRUE(in_top(bank().classify(badge), name, 1)) << name;
    ++tried;
  }
  EXPECT_GE(tried, 4);
}

TEST(IconClassifier, FlatOrTinyCropHasNoGuess) {
  EXPECT_TRUE(bank().classify(cv::Mat(20, 20, CV_8U, cv::Scalar(128))).empty());
  EXPECT_TRUE(bank().classify(cv::Mat(3, 3, CV_8U, cv::Scalar(0))).empty());
  EXPECT_TRUE(bank().classify(cv::Mat()).empty());
}

TEST(IconClassifier, CorruptBankIsAnError) {
  const auto dir = std::filesystem::temp_directory_path() / "humain_icon_bank_test";
  std::filesystem::create_directories(dir);
  const std::string png = (dir / "bank.png").string(), tsv = (dir / "bank.tsv").string();
  std::ofstream(png) << "not a png";
  std::ofstream(tsv) << "0\tclose\tlucide\tx\n";
  auto garbage = IconClassifier::load(png, tsv);
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.error().message.find("bank.png"), std::string::npos);

  cv::Mat atlas = cv::Mat::zeros(32, 64, CV_8U);
  cv::line(atlas, {4, 4}, {28, 28}, 255, 3);
  cv::imwrite(png, atlas);
  std::ofstream(tsv) << "0\tclose\tlucide\tx\n1\tclose\tlucide\tx\n";  // cell 1 is blank
  auto blank_cell = IconClassifier::load(png, tsv);
  ASSERT_FALSE(blank_cell.ok());
  EXPECT_NE(blank_cell.error().message.find("empty"), std::string::npos);

  std::ofstream(tsv) << "5\tclose\tlucide\tx\n";
  EXPECT_FALSE(IconClassifier::load(png, tsv).ok());
  EXPECT_FALSE(IconClassifier::load(png, (dir / "missing.tsv").string()).ok());
  std::ofstream(tsv) << "# nothing\n";
  EXPECT_FALSE(IconClassifier::load(png, tsv).ok());
  std::filesystem::remove_all(dir);
}

// The engine refuses to start on a broken bank, with a message naming it (not a crash later).
TEST(IconClassifier, EngineReportsACorruptBank) {
  const auto dir = std::filesystem::temp_directory_path() / "humain_icon_engine_test";
  std::filesystem::create_directories(dir / "icons");
  auto concepts = find_data_file("icons/concepts.tsv");
  ASSERT_TRUE(concepts.ok());
  std::filesystem::copy_file(*concepts, dir / "icons/concepts.tsv", std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "icons/bank.png") << "not a png";
  std::ofstream(dir / "icons/bank.tsv") << "0\tclose\tlucide\tx\n";
  const char* previous = std::getenv("HUMAIN_DATA_DIR");
  const std::string saved = previous ? previous : "";
  setenv("HUMAIN_DATA_DIR", dir.c_str(), 1);
  auto engine = make_local_engine();
  if (saved.empty()) {
    unsetenv("HUMAIN_DATA_DIR");
  } else {
    setenv("HUMAIN_DATA_DIR", saved.c_str(), 1);
  }
  // The bank loads in the background: a corrupt one is reported by the first parse (a missing
  // one by make_local_engine), in both cases naming the file.
  std::string message;
  if (!engine.ok()) {
    message = engine.error().message;
  } else {
    auto screen = screenshot_from_mat(cv::Mat(40, 60, CV_8UC3, cv::Scalar(255, 255, 255)));
    ASSERT_TRUE(screen.ok());
    auto parse = (*engine)->parse_screen(*screen);
    ASSERT_FALSE(parse.ok());
    message = parse.error().message;
  }
  std::filesystem::remove_all(dir);
  EXPECT_NE(message.find("bank.png"), std::string::npos) << message;
}

// The measurement: ground-truth icon boxes of data/dev, labelled by hand with the drawn concept.
TEST(IconClassifier, DevIconCrops) {
  std::ifstream labels(std::string(HUMAIN_SOURCE_DIR) + "/tests/local/fixtures/dev_icon_concepts.tsv");
  ASSERT_TRUE(labels) << "missing fixture";
  std::string line;
  int n = 0, top1 = 0, top3 = 0;
  double classify_ms = 0;
  std::map<std::string, cv::Mat> images;
  while (std::getline(labels, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string image, concept_name;
    int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    std::getline(fields, image, '\t');
    fields >> x1 >> y1 >> x2 >> y2 >> concept_name;
    cv::Mat& grey = images[image];
    const std::string path = std::string(HUMAIN_SOURCE_DIR) + "/data/dev/images/" + image;
    if (grey.empty()) grey = cv::imread(path, cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(grey.empty()) << image;
    const cv::Rect box = cv::Rect(x1, y1, x2 - x1, y2 - y1) & cv::Rect(0, 0, grey.cols, grey.rows);
    const auto t0 = std::chrono::steady_clock::now();
    const auto guesses = bank().classify(grey(box));
    classify_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ++n;
    top1 += in_top(guesses, concept_name, 1);
    top3 += in_top(guesses, concept_name, 3);
    if (!in_top(guesses, concept_name, 3)) {
      std::string read;
      for (const auto& g : guesses) read += " " + g.name;
      std::printf("  miss %s [%d %d %d %d] %s ->%s\n", image.c_str(), x1, y1, x2, y2, concept_name.c_str(),
                  read.c_str());
    }
  }
  ASSERT_GT(n, 100);
  std::printf("dev icon crops: top-1 %d/%d (%.1f%%), top-3 %d/%d (%.1f%%), %.3f ms per crop\n", top1, n,
              100.0 * top1 / n, top3, n, 100.0 * top3 / n, classify_ms / n);
  EXPECT_GE(top1, n * 80 / 100);  // measured 110/126
  EXPECT_GE(top3, n * 88 / 100);  // measured 118/126
}

}  // namespace
}  // namespace humain::local
