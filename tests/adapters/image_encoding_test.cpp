#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "humain/image_encoding.h"
#include "core/mat_encoding.h"

namespace humain {
namespace {

cv::Mat test_screen(int w, int h) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(240, 240, 240));
  cv::rectangle(m, cv::Rect(w / 4, h / 4, w / 2, h / 8), cv::Scalar(200, 80, 20), cv::FILLED);
  cv::putText(m, "Save", cv::Point(w / 4 + 10, h / 4 + h / 16), cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(255, 255, 255), 2);
  return m;
}

TEST(Base64, KnownVectorsRfc4648) {
  auto enc = [](std::string s) { return base64_encode(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); };
  EXPECT_EQ(enc(""), "");
  EXPECT_EQ(enc("f"), "Zg==");
  EXPECT_EQ(enc("fo"), "Zm8=");
  EXPECT_EQ(enc("foo"), "Zm9v");
  EXPECT_EQ(enc("foob"), "Zm9vYg==");
  EXPECT_EQ(enc("fooba"), "Zm9vYmE=");
  EXPECT_EQ(enc("foobar"), "Zm9vYmFy");
  auto dec = base64_decode("Zm9v\nYmFy");
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(std::string(dec->begin(), dec->end()), "foobar");
  auto uri = base64_decode("data:image/png;base64,Zm8=");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(std::string(uri->begin(), uri->end()), "fo");
}

TEST(Base64, RoundTripsAllByteValues) {
  std::vector<std::uint8_t> bytes;
  for (int n = 0; n < 3 * 256 + 2; ++n) bytes.push_back(static_cast<std::uint8_t>((n * 37 + 11) & 0xFF));
  for (std::size_t len : {0ul, 1ul, 2ul, 3ul, 255ul, bytes.size()}) {
    std::vector<std::uint8_t> part(bytes.begin(), bytes.begin() + static_cast<long>(len));
    auto back = base64_decode(base64_encode(part));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, part);
  }
}

TEST(Base64, RejectsGarbage) {
  EXPECT_FALSE(base64_decode("Zm9v!").ok());
  EXPECT_FALSE(base64_decode("Zm=9v").ok());
  EXPECT_FALSE(base64_decode("Z").ok());
  EXPECT_FALSE(base64_decode("Zg===").ok());
  EXPECT_FALSE(base64_decode("data:image/png,Zg==").ok());
}

TEST(ImageEncoding, PngDecodesToTheResizedImage) {
  const cv::Mat screen = test_screen(1920, 1080);
  auto enc = encode_image(screen, 1932, 1092);
  ASSERT_TRUE(enc.ok()) << enc.error().message;
  EXPECT_EQ(enc->media_type, "image/png");
  EXPECT_EQ(enc->width, 1932);
  EXPECT_EQ(enc->height, 1092);
  auto bytes = base64_decode(enc->base64);
  ASSERT_TRUE(bytes.ok());
  cv::Mat back = cv::imdecode(*bytes, cv::IMREAD_COLOR);
  ASSERT_FALSE(back.empty());
  EXPECT_EQ(back.cols, 1932);
  EXPECT_EQ(back.rows, 1092);
  // PNG is lossless: the decoded pixels are exactly the resized ones.
  auto resized = resize_for_model(screen, 1932, 1092);
  ASSERT_TRUE(resized.ok());
  EXPECT_EQ(cv::norm(back, *resized, cv::NORM_INF), 0.0);
}

TEST(ImageEncoding, JpegIsSmallerAndClose) {
  const cv::Mat screen = test_screen(1280, 720);
  auto png = encode_image(screen, 1280, 720);
  auto jpg = encode_image(screen, 1280, 720, EncodeOptions{ImageFormat::kJpeg, 85, 1});
  ASSERT_TRUE(png.ok() && jpg.ok());
  EXPECT_EQ(jpg->media_type, "image/jpeg");
  auto bytes = base64_decode(jpg->base64);
  ASSERT_TRUE(bytes.ok());
  cv::Mat back = cv::imdecode(*bytes, cv::IMREAD_COLOR);
  ASSERT_EQ(back.size(), screen.size());
  EXPECT_LT(cv::norm(back, screen, cv::NORM_L1) / (screen.total() * 3), 4.0);  // mean abs error per channel
}

TEST(ImageEncoding, SameSizeSharesPixelsAndGrayAndBgraWork) {
  const cv::Mat screen = test_screen(300, 200);
  auto same = resize_for_model(screen, 300, 200);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->data, screen.data);
  cv::Mat gray, bgra;
  cv::cvtColor(screen, gray, cv::COLOR_BGR2GRAY);
  cv::cvtColor(screen, bgra, cv::COLOR_BGR2BGRA);
  EXPECT_TRUE(encode_image(gray, 150, 100).ok());
  EXPECT_TRUE(encode_image(bgra, 600, 400).ok());
}

TEST(ImageEncoding, BadInputIsAnError) {
  EXPECT_FALSE(encode_image(cv::Mat(), 10, 10).ok());
  EXPECT_FALSE(encode_image(test_screen(10, 10), 0, 10).ok());
  EXPECT_FALSE(encode_image(cv::Mat(10, 10, CV_32FC3), 10, 10).ok());
  EXPECT_TRUE(parse_image_format("jpg").ok());
  EXPECT_FALSE(parse_image_format("gif").ok());
}

}  // namespace
}  // namespace humain
