#include "humain/image_encoding.h"

#include "core/mat_encoding.h"
#include "core/screenshot_pixels.h"

#include <array>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace humain {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kDecode = make_decode_table();

}  // namespace

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
  std::string out((size + 2) / 3 * 4, '=');
  char* o = out.data();
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t v = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    *o++ = kAlphabet[(v >> 18) & 63];
    *o++ = kAlphabet[(v >> 12) & 63];
    *o++ = kAlphabet[(v >> 6) & 63];
    *o++ = kAlphabet[v & 63];
  }
  if (i < size) {
    std::uint32_t v = std::uint32_t{data[i]} << 16;
    if (i + 1 < size) v |= std::uint32_t{data[i + 1]} << 8;
    o[0] = kAlphabet[(v >> 18) & 63];
    o[1] = kAlphabet[(v >> 12) & 63];
    if (i + 1 < size) o[2] = kAlphabet[(v >> 6) & 63];
  }
  return out;
}

Result<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
  if (text.starts_with("data:")) {
    const auto comma = text.find(',');
    if (comma == std::string_view::npos || text.substr(0, comma).find(";base64") == std::string_view::npos) {
      return Error::parse("base64: data URI without ';base64,'");
    }
    text.remove_prefix(comma + 1);
  }
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  int bits = 0, padding = 0;
  std::size_t symbols = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      ++symbols;
      continue;
    }
    const int v = kDecode[static_cast<unsigned char>(c)];
    if (v < 0 || padding > 0) {
      return Error::parse("base64: invalid character at offset " + std::to_string(i));
    }
    ++symbols;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFF));
    }
  }
  if (padding > 2 || (padding > 0 && symbols % 4 != 0) || symbols % 4 == 1) {
    return Error::parse("base64: bad length or padding");
  }
  return out;
}

Result<ImageFormat> parse_image_format(std::string_view name) {
  if (name == "png") return ImageFormat::kPng;
  if (name == "jpeg" || name == "jpg") return ImageFormat::kJpeg;
  return Error::invalid("unknown image format \"" + std::string(name) + "\" (png or jpeg)");
}

const char* media_type(ImageFormat format) { return format == ImageFormat::kPng ? "image/png" : "image/jpeg"; }

Result<cv::Mat> resize_for_model(const cv::Mat& pixels, int width, int height) {
  if (pixels.empty() || pixels.depth() != CV_8U) return Error::invalid("encode: empty or non-8-bit image");
  if (width < 1 || height < 1) {
    return Error::invalid("encode: target size " + std::to_string(width) + "x" + std::to_string(height) + " has no area");
  }
  if (pixels.cols == width && pixels.rows == height) return pixels;  // shares the data, no copy
  cv::Mat out;
  const bool shrinking = static_cast<double>(width) * height < static_cast<double>(pixels.cols) * pixels.rows;
  // INTER_AREA averages the source pixels under each target pixel: no aliasing of thin text strokes.
  cv::resize(pixels, out, cv::Size(width, height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_CUBIC);
  return out;
}

Result<EncodedImage> encode_image(const cv::Mat& pixels, int width, int height, const EncodeOptions& options) {
  auto resized = resize_for_model(pixels, width, height);
  if (!resized) return resized.error();
  std::vector<int> params;
  const char* ext = ".png";
  if (options.format == ImageFormat::kPng) {
    params = {cv::IMWRITE_PNG_COMPRESSION, std::clamp(options.png_compression, 0, 9)};
  } else {
    ext = ".jpg";
    params = {cv::IMWRITE_JPEG_QUALITY, std::clamp(options.jpeg_quality, 0, 100)};
  }
  std::vector<std::uint8_t> bytes;
  try {
    if (!cv::imencode(ext, *resized, bytes, params)) return Error::internal("encode: OpenCV could not encode the image");
  } catch (const cv::Exception& e) {
    return Error::internal(std::string("encode: ") + e.what());
  }
  EncodedImage image;
  image.media_type = media_type(options.format);
  image.base64 = base64_encode(bytes);
  image.width = width;
  image.height = height;
  return image;
}

Result<EncodedImage> encode_image(const Screenshot& screen, int width, int height, const EncodeOptions& options) {
  return encode_image(pixels_mat(screen), width, height, options);
}

}  // namespace humain
