#include "humain/image.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

namespace humain {
namespace {

std::vector<std::uint8_t> encode(const cv::Mat& m, const std::string& ext) {
  std::vector<std::uint8_t> out;
  cv::imencode(ext, m, out);
  return out;
}

TEST(Image, DecodesPngAndJpegToBgr) {
  cv::Mat m(40, 60, CV_8UC3, cv::Scalar(10, 200, 30));
  for (const char* ext : {".png", ".jpg"}) {
    auto s = decode_screenshot(encode(m, ext), ext);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->width(), 60);
    EXPECT_EQ(s->height(), 40);
    EXPECT_EQ(s->pixels.type(), CV_8UC3);
  }
}

TEST(Image, HashDependsOnPixels) {
  cv::Mat a(40, 60, CV_8UC3, cv::Scalar(1, 2, 3));
  cv::Mat b = a.clone();
  EXPECT_EQ(hash_pixels(a), hash_pixels(b));
  b.at<cv::Vec3b>(39, 59)[2] = 4;
  EXPECT_NE(hash_pixels(a), hash_pixels(b));
}

TEST(Image, CorruptAndTruncatedFilesAreErrors) {
  cv::Mat m(100, 100, CV_8UC3, cv::Scalar(0, 0, 255));
  auto png = encode(m, ".png");
  png.resize(png.size() / 2);
  EXPECT_FALSE(decode_screenshot(png).ok());
  EXPECT_FALSE(decode_screenshot({1, 2, 3, 4, 5}).ok());
  EXPECT_FALSE(decode_screenshot({}).ok());
  EXPECT_FALSE(load_screenshot("/nonexistent/file.png").ok());
}

TEST(Image, RefusesDecompressionBombByHeader) {
  // A valid PNG header claiming 20000 x 20000 pixels: refused before decoding.
  cv::Mat m(8, 8, CV_8UC3, cv::Scalar(0));
  auto png = encode(m, ".png");
  const std::uint32_t big = 20000;
  for (int i : {16, 20}) {
    png[i] = std::uint8_t(big >> 24); png[i + 1] = std::uint8_t(big >> 16);
    png[i + 2] = std::uint8_t(big >> 8); png[i + 3] = std::uint8_t(big);
  }
  auto s = decode_screenshot(png, "bomb.png");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("megapixel"), std::string::npos) << s.error().message;
}

TEST(Image, RefusesOversizedFile) {
  ImageLimits limits;
  limits.max_file_bytes = 100;
  cv::Mat m(64, 64, CV_8UC3);
  cv::randu(m, 0, 255);
  auto s = decode_screenshot(encode(m, ".png"), "big.png", limits);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("limit"), std::string::npos);
}

}  // namespace
}  // namespace humain
