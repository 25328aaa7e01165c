#include "humain/image.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include "core/screenshot_pixels.h"

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
    EXPECT_EQ(pixels_mat(*s).type(), CV_8UC3);
  }
}

TEST(Image, DecodesWebpBmpAndTiff) {
  cv::Mat m(40, 60, CV_8UC3, cv::Scalar(10, 200, 30));
  for (const char* ext : {".webp", ".bmp", ".tiff"}) {
    auto bytes = encode(m, ext);
    ASSERT_FALSE(bytes.empty()) << "OpenCV cannot encode " << ext;
    auto s = decode_screenshot(bytes, ext);
    ASSERT_TRUE(s.ok()) << ext << ": " << s.error().message;
    EXPECT_EQ(s->width(), 60) << ext;
    EXPECT_EQ(s->height(), 40) << ext;
    EXPECT_EQ(pixels_mat(*s).type(), CV_8UC3);
  }
  // Lossless WebP has its own header layout (VP8L).
  auto lossless = std::vector<std::uint8_t>();
  cv::imencode(".webp", m, lossless, {cv::IMWRITE_WEBP_QUALITY, 101});
  auto s = decode_screenshot(lossless, "lossless.webp");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->width(), 60);
}

// Rewrites the size fields of an encoded header so it claims 20000 x 20000 pixels.
void claim_huge(std::vector<std::uint8_t>& b, const std::string& ext) {
  auto put_le = [&](size_t at, std::uint32_t v, int n) {
    for (int k = 0; k < n; ++k) b[at + k] = std::uint8_t(v >> (8 * k));
  };
  if (ext == ".bmp") {
    put_le(18, 20000, 4);
    put_le(22, 20000, 4);
  } else if (ext == ".webp") {
    // 14-bit fields: 16000 x 16000 = 256 MP.
    const std::string chunk(b.begin() + 12, b.begin() + 16);
    if (chunk == "VP8 ") {
      put_le(26, 16000, 2);
      put_le(28, 16000, 2);
    } else {
      ASSERT_EQ(chunk, "VP8L");
      const std::uint32_t bits = (16000u - 1) | ((16000u - 1) << 14) | (std::uint32_t(b[24]) >> 4 << 28);
      put_le(21, bits, 4);
    }
  } else if (ext == ".tiff") {
    ASSERT_EQ(b[0], 'I');
    const std::uint32_t ifd = b[4] | (b[5] << 8) | (b[6] << 16) | (std::uint32_t(b[7]) << 24);
    const std::uint32_t n = b[ifd] | (b[ifd + 1] << 8);
    for (std::uint32_t k = 0; k < n; ++k) {
      const size_t at = ifd + 2 + 12 * k;
      const std::uint32_t tag = b[at] | (b[at + 1] << 8);
      if (tag == 256 || tag == 257) {
        put_le(at + 2, 4, 2);  // LONG
        put_le(at + 8, 20000, 4);
      }
    }
  }
}

TEST(Image, RefusesWebpBmpTiffBombsByHeader) {
  cv::Mat m(8, 8, CV_8UC3, cv::Scalar(0));
  for (const char* ext : {".webp", ".bmp", ".tiff"}) {
    auto bytes = encode(m, ext);
    claim_huge(bytes, ext);
    if (std::string(ext) == ".webp") {  // both WebP layouts: lossy (VP8) and lossless (VP8L)
      std::vector<std::uint8_t> lossy;
      cv::imencode(ext, m, lossy, {cv::IMWRITE_WEBP_QUALITY, 80});
      claim_huge(lossy, ext);
      auto s = decode_screenshot(lossy, "bomb-lossy.webp");
      ASSERT_FALSE(s.ok());
      EXPECT_NE(s.error().message.find("megapixel"), std::string::npos) << s.error().message;
    }
    auto s = decode_screenshot(bytes, std::string("bomb") + ext);
    ASSERT_FALSE(s.ok()) << ext;
    EXPECT_NE(s.error().message.find("megapixel"), std::string::npos) << ext << ": " << s.error().message;
  }
}

TEST(Image, UnknownFormatNamesTheAcceptedOnes) {
  const std::string gif = "GIF89a\x01\x00\x01\x00";
  auto s = decode_screenshot(std::vector<std::uint8_t>(gif.begin(), gif.end()), "x.gif");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("WebP"), std::string::npos) << s.error().message;
}

TEST(Image, TruncatedWebpBmpTiffAreErrors) {
  cv::Mat m(64, 64, CV_8UC3);
  cv::randu(m, 0, 255);
  for (const char* ext : {".webp", ".bmp", ".tiff"}) {
    auto bytes = encode(m, ext);
    for (size_t keep : {size_t(5), size_t(13), bytes.size() / 2}) {
      std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + std::min(keep, bytes.size()));
      EXPECT_FALSE(decode_screenshot(cut, ext).ok()) << ext << " cut to " << keep;
    }
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
