// The learned icon network (data/models/icon_net.onnx, tools/iconnet/train.py): the shipped model
// loads in OpenCV DNN, names re-rendered bank icons and icons drawn here with OpenCV, calls letters
// text, and a missing or corrupt model file is an error naming the file.
#include "grounding/local/detect/icon_net.h"
#include "grounding/local/detect/icon_classifier.h"
#include "core/data_files.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace humain::local {
namespace {

std::shared_ptr<const IconNet> shipped() {
  static const std::shared_ptr<const IconNet> net = [] {
    auto loaded = IconNet::load_default();
    if (!loaded.ok()) ADD_FAILURE() << loaded.error().message;
    return loaded.ok() ? loaded.value() : nullptr;
  }();
  return net;
}

// The network's best class for a screen crop (grey), or "" when the crop holds no glyph.
std::string top_class(const cv::Mat& grey_crop) {
  const auto glyph = IconClassifier::glyph_of(grey_crop);
  if (!glyph) return "";
  const cv::Mat p = shipped()->probabilities({*glyph});
  cv::Point best;
  cv::minMaxLoc(p, nullptr, nullptr, nullptr, &best);
  return shipped()->labels()[best.x];
}

// `ink` (0..255 coverage) scaled to `size` px, grey `fg` on `bg`, `pad` px of background around.
cv::Mat on_screen(const cv::Mat& ink, int size, int fg, int bg, int pad) {
  cv::Mat small, alpha;
  cv::resize(ink, small, {size, size}, 0, 0, cv::INTER_AREA);
  small.convertTo(alpha, CV_32F, 1.0 / 255);
  cv::Mat out(size + 2 * pad, size + 2 * pad, CV_32F, cv::Scalar(bg));
  out(cv::Rect(pad, pad, size, size)) = alpha * fg + (1 - alpha) * bg;
  out.convertTo(out, CV_8U);
  return out;
}

TEST(IconNet, ShippedModelLoads) {
  ASSERT_NE(shipped(), nullptr);
  EXPECT_GT(shipped()->labels().size(), 150u);
  EXPECT_EQ(shipped()->labels().back(), IconNet::kNotIcon);
  // Probabilities: one row per glyph, summing to 1.
  const cv::Mat p = shipped()->probabilities({cv::Mat::zeros(32, 32, CV_32F), cv::Mat::ones(32, 32, CV_32F)});
  ASSERT_EQ(p.rows, 2);
  EXPECT_NEAR(cv::sum(p.row(0))[0], 1.0, 1e-3);
  EXPECT_NEAR(cv::sum(p.row(1))[0], 1.0, 1e-3);
}

// Every 5th bank icon, drawn small in both polarities, is named by the network alone.
TEST(IconNet, NamesReRenderedBankIcons) {
  ASSERT_NE(shipped(), nullptr);
  auto atlas_path = find_data_file("icons/bank.png");
  auto index_path = find_data_file("icons/bank.tsv");
  ASSERT_TRUE(atlas_path.ok() && index_path.ok());
  const cv::Mat atlas = cv::imread(*atlas_path, cv::IMREAD_GRAYSCALE);
  std::ifstream index(*index_path);
  int tried = 0, right = 0;
  std::string line;
  while (std::getline(index, line)) {
    std::istringstream fields(line);
    int cell = 0;
    std::string concept_name;
    if (line.empty() || line[0] == '#' || !(fields >> cell >> concept_name) || cell % 5 != 0) continue;
    const cv::Mat ink = atlas(cv::Rect((cell % 32) * 32, (cell / 32) * 32, 32, 32));
    const bool dark = cell % 2 == 0;
    const cv::Mat crop = on_screen(ink, 16 + cell % 13, dark ? 30 : 230, dark ? 245 : 40, 3);
    ++tried;
    right += top_class(crop) == concept_name;
  }
  ASSERT_GT(tried, 300);
  std::printf("bank icons re-rendered at 16-28 px: network top-1 %d/%d\n", right, tried);
  EXPECT_GE(right, tried * 85 / 100);
}

// Icons no icon set drew: lines and circles from OpenCV, at phone and desktop sizes.
TEST(IconNet, NamesIconsDrawnWithOpenCV) {
  ASSERT_NE(shipped(), nullptr);
  cv::Mat x = cv::Mat::zeros(64, 64, CV_8U), plus = x.clone(), gear = x.clone(), magnifier = x.clone();
  cv::line(x, {14, 14}, {50, 50}, 255, 5, cv::LINE_AA);
  cv::line(x, {50, 14}, {14, 50}, 255, 5, cv::LINE_AA);
  cv::line(plus, {32, 10}, {32, 54}, 255, 5, cv::LINE_AA);
  cv::line(plus, {10, 32}, {54, 32}, 255, 5, cv::LINE_AA);
  for (int k = 0; k < 8; ++k) {  // a gear: eight square teeth on a disk with a hole
    const double a = k * CV_PI / 4;
    const cv::RotatedRect tooth({32 + 22 * float(std::cos(a)), 32 + 22 * float(std::sin(a))}, {12, 11}, float(a * 180 / CV_PI));
    cv::Point2f corners[4];
    tooth.points(corners);
    std::vector<cv::Point> polygon;
    for (const auto& c : corners) polygon.emplace_back(int(std::lround(c.x)), int(std::lround(c.y)));
    cv::fillConvexPoly(gear, polygon, 255, cv::LINE_AA);
  }
  cv::circle(gear, {32, 32}, 21, 255, cv::FILLED, cv::LINE_AA);
  cv::circle(gear, {32, 32}, 8, 0, cv::FILLED, cv::LINE_AA);
  cv::circle(magnifier, {27, 27}, 15, 255, 5, cv::LINE_AA);
  cv::line(magnifier, {38, 38}, {54, 54}, 255, 6, cv::LINE_AA);
  const std::vector<std::pair<cv::Mat, std::string>> drawn = {
      {x, "close"}, {plus, "add"}, {gear, "settings"}, {magnifier, "search"}};
  for (const auto& [ink, name] : drawn) {
    for (int size : {14, 20, 32, 48}) {
      EXPECT_EQ(top_class(on_screen(ink, size, 40, 250, 4)), name) << name << " at " << size << " px, dark on light";
      EXPECT_EQ(top_class(on_screen(ink, size, 235, 35, 3)), name) << name << " at " << size << " px, light on dark";
    }
  }
}

TEST(IconNet, CallsWordsText) {
  ASSERT_NE(shipped(), nullptr);
  int text = 0, tried = 0;
  for (const char* word : {"Save", "File", "Edit", "42", "View", "Help", "ok", "Name"}) {
    for (double scale : {0.6, 1.0}) {
      cv::Mat img(40, 120, CV_8U, cv::Scalar(250));
      int base = 0;
      const cv::Size size = cv::getTextSize(word, cv::FONT_HERSHEY_SIMPLEX, scale, 2, &base);
      cv::putText(img, word, {4, 4 + size.height}, cv::FONT_HERSHEY_SIMPLEX, scale, 20, 2, cv::LINE_AA);
      const cv::Mat crop = img(cv::Rect(0, 0, size.width + 8, size.height + base + 8));
      ++tried;
      text += top_class(crop) == IconNet::kNotIcon;
    }
  }
  std::printf("words called not-icon: %d/%d\n", text, tried);
  EXPECT_GE(text, tried * 3 / 4);
}

// A screen's candidates go through the network in one batch: the guesses are those of one at a time.
TEST(IconNet, BatchedGuessesEqualSingleOnes) {
  auto classifier = IconClassifier::load_default();
  ASSERT_TRUE(classifier.ok()) << classifier.error().message;
  ASSERT_TRUE(classifier->has_net());
  cv::Mat x = cv::Mat::zeros(64, 64, CV_8U);
  cv::line(x, {14, 14}, {50, 50}, 255, 5, cv::LINE_AA);
  cv::line(x, {50, 14}, {14, 50}, 255, 5, cv::LINE_AA);
  cv::Mat ring = cv::Mat::zeros(64, 64, CV_8U);
  cv::circle(ring, {32, 32}, 20, 255, 4, cv::LINE_AA);
  const std::vector<cv::Mat> crops = {on_screen(x, 20, 40, 250, 4), cv::Mat(), on_screen(ring, 30, 230, 30, 3),
                                      cv::Mat(12, 12, CV_8U, cv::Scalar(90)), on_screen(x, 48, 200, 20, 3)};
  const auto all = classifier->classify_all(crops);
  ASSERT_EQ(all.size(), crops.size());
  for (size_t i = 0; i < crops.size(); ++i) {
    const auto one = classifier->classify(crops[i]);
    ASSERT_EQ(all[i].size(), one.size()) << i;
    for (size_t k = 0; k < one.size(); ++k) {
      EXPECT_EQ(all[i][k].name, one[k].name);
      EXPECT_NEAR(all[i][k].score, one[k].score, 1e-5);
    }
  }
  EXPECT_TRUE(all[1].empty());
  EXPECT_TRUE(all[3].empty());
  ASSERT_FALSE(all[0].empty());
  EXPECT_EQ(all[0].front().name, "close");
}

TEST(IconNet, MissingOrCorruptModelIsAnErrorNamingTheFile) {
  const auto dir = std::filesystem::temp_directory_path() / "humain_icon_net_test";
  std::filesystem::create_directories(dir);
  const std::string onnx = (dir / "net.onnx").string(), labels = (dir / "net.labels").string();
  std::ofstream(labels) << "close\nnot-icon\n";
  auto missing = IconNet::load(onnx, labels);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find(onnx), std::string::npos) << missing.error().message;

  std::ofstream(onnx) << "this is not an ONNX model";
  auto corrupt = IconNet::load(onnx, labels);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_NE(corrupt.error().message.find(onnx), std::string::npos) << corrupt.error().message;

  // The real model with labels that do not match its outputs.
  auto real = find_data_file("models/icon_net.onnx");
  ASSERT_TRUE(real.ok()) << real.error().message;
  auto mismatch = IconNet::load(*real, labels);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message.find("labels"), std::string::npos) << mismatch.error().message;

  auto no_labels = IconNet::load(*real, (dir / "absent.labels").string());
  ASSERT_FALSE(no_labels.ok());
  EXPECT_NE(no_labels.error().message.find("absent.labels"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace humain::local
