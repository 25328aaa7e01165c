#include "humain/image.h"

#include "core/screenshot_pixels.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace humain {
namespace {

struct Dimensions {
  std::uint64_t width = 0, height = 0;
};

std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

std::uint32_t le16(const std::uint8_t* p) { return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8); }
std::uint32_t le24(const std::uint8_t* p) { return le16(p) | (std::uint32_t(p[2]) << 16); }
std::uint32_t le32(const std::uint8_t* p) { return le24(p) | (std::uint32_t(p[3]) << 24); }

std::optional<Dimensions> png_dimensions(const std::vector<std::uint8_t>& b) {
  static const std::uint8_t kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (b.size() >= 24 && std::memcmp(b.data(), kPng, 8) == 0 && std::memcmp(b.data() + 12, "IHDR", 4) == 0) {
    return Dimensions{be32(&b[16]), be32(&b[20])};
  }
  return std::nullopt;
}

std::optional<Dimensions> jpeg_dimensions(const std::vector<std::uint8_t>& b) {
  size_t i = 2;
  while (i + 9 < b.size()) {
    if (b[i] != 0xFF) return std::nullopt;
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) { ++i; continue; }  // fill byte
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { i += 2; continue; }
    const size_t len = (size_t(b[i + 2]) << 8) | b[i + 3];
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      const std::uint64_t h = (std::uint64_t(b[i + 5]) << 8) | b[i + 6];
      const std::uint64_t w = (std::uint64_t(b[i + 7]) << 8) | b[i + 8];
      return Dimensions{w, h};
    }
    if (len < 2) return std::nullopt;
    i += 2 + len;
  }
  return std::nullopt;
}

// RIFF container; the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size).
std::optional<Dimensions> webp_dimensions(const std::vector<std::uint8_t>& b) {
  if (b.size() < 30 || std::memcmp(b.data() + 8, "WEBP", 4) != 0) return std::nullopt;
  const std::uint8_t* c = b.data() + 12;
  if (std::memcmp(c, "VP8X", 4) == 0) return Dimensions{le24(c + 12) + 1ull, le24(c + 15) + 1ull};
  if (std::memcmp(c, "VP8 ", 4) == 0) {
    if (c[11] != 0x9D || c[12] != 0x01 || c[13] != 0x2A) return std::nullopt;  // key-frame start code
    return Dimensions{le16(c + 14) & 0x3FFFu, le16(c + 16) & 0x3FFFu};
  }
  if (std::memcmp(c, "VP8L", 4) == 0) {
    if (c[8] != 0x2F) return std::nullopt;  // lossless signature
    const std::uint32_t bits = le32(c + 9);
    return Dimensions{(bits & 0x3FFFu) + 1ull, ((bits >> 14) & 0x3FFFu) + 1ull};
  }
  return std::nullopt;
}

// BITMAPCOREHEADER (12 bytes, 16-bit sizes) or BITMAPINFOHEADER and later (signed 32-bit sizes;
// a negative height means top-down rows).
std::optional<Dimensions> bmp_dimensions(const std::vector<std::uint8_t>& b) {
  if (b.size() < 26) return std::nullopt;
  const std::uint32_t header = le32(&b[14]);
  if (header == 12) return Dimensions{le16(&b[18]), le16(&b[20])};
  if (header < 40) return std::nullopt;
  const std::int64_t w = std::int32_t(le32(&b[18])), h = std::int32_t(le32(&b[22]));
  if (w < 0) return std::nullopt;
  return Dimensions{std::uint64_t(w), std::uint64_t(h < 0 ? -h : h)};
}

// The first image file directory's ImageWidth (256) and ImageLength (257) tags, either byte order.
// OpenCV decodes only that first page.
std::optional<Dimensions> tiff_dimensions(const std::vector<std::uint8_t>& b) {
  if (b.size() < 8) return std::nullopt;
  const bool little = b[0] == 'I';
  auto u16 = [&](size_t at) { return little ? le16(&b[at]) : (std::uint32_t(b[at]) << 8) | b[at + 1]; };
  auto u32 = [&](size_t at) { return little ? le32(&b[at]) : be32(&b[at]); };
  const std::uint64_t ifd = u32(4);
  if (ifd + 2 > b.size()) return std::nullopt;
  const std::uint32_t entries = u16(size_t(ifd));
  Dimensions d;
  for (std::uint32_t k = 0; k < entries; ++k) {
    const std::uint64_t at = ifd + 2 + 12ull * k;
    if (at + 12 > b.size()) return std::nullopt;
    const std::uint32_t tag = u16(size_t(at)), type = u16(size_t(at + 2));
    if (tag != 256 && tag != 257) continue;
    const std::uint64_t value = type == 3 ? u16(size_t(at + 8)) : type == 4 ? u32(size_t(at + 8)) : 0;
    (tag == 256 ? d.width : d.height) = value;
  }
  if (d.width == 0 && d.height == 0) return std::nullopt;
  return d;
}

enum class Container { kPng, kJpeg, kWebp, kBmp, kTiff, kUnknown };

Container sniff(const std::vector<std::uint8_t>& b) {
  if (b.size() >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return Container::kPng;
  if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) return Container::kJpeg;
  if (b.size() >= 12 && std::memcmp(b.data(), "RIFF", 4) == 0 && std::memcmp(b.data() + 8, "WEBP", 4) == 0) {
    return Container::kWebp;
  }
  if (b.size() >= 2 && b[0] == 'B' && b[1] == 'M') return Container::kBmp;
  if (b.size() >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) ||
                        (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) {
    return Container::kTiff;
  }
  return Container::kUnknown;
}

// Reads the image size from the file header without decoding pixels, so a decompression bomb is
// refused before it allocates anything. nullopt: unknown format or corrupt header.
std::optional<Dimensions> peek_dimensions(const std::vector<std::uint8_t>& b) {
  switch (sniff(b)) {
    case Container::kPng: return png_dimensions(b);
    case Container::kJpeg: return jpeg_dimensions(b);
    case Container::kWebp: return webp_dimensions(b);
    case Container::kBmp: return bmp_dimensions(b);
    case Container::kTiff: return tiff_dimensions(b);
    case Container::kUnknown: break;
  }
  return std::nullopt;
}

Result<cv::Mat> to_bgr(const cv::Mat& m) {
  if (m.empty()) return Error::invalid("empty image");
  if (m.depth() != CV_8U) return Error::unsupported("only 8-bit images are supported");
  cv::Mat out;
  switch (m.channels()) {
    case 1: cv::cvtColor(m, out, cv::COLOR_GRAY2BGR); break;
    case 3: out = m; break;
    case 4: cv::cvtColor(m, out, cv::COLOR_BGRA2BGR); break;
    default: return Error::unsupported("unsupported channel count " + std::to_string(m.channels()));
  }
  return out;
}

}  // namespace

int Screenshot::width() const { return buffer ? buffer->mat.cols : 0; }
int Screenshot::height() const { return buffer ? buffer->mat.rows : 0; }
bool Screenshot::empty() const { return !buffer || buffer->mat.empty(); }

const cv::Mat& pixels_mat(const Screenshot& screen) {
  static const cv::Mat kEmpty;
  return screen.buffer ? screen.buffer->mat : kEmpty;
}

std::uint64_t hash_pixels(const cv::Mat& pixels) {
  // 64-bit multiply-xorshift over 8-byte words, row by row (rows may be padded).
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (std::uint64_t(pixels.cols) << 32) ^ std::uint64_t(pixels.rows) ^
                    (std::uint64_t(pixels.type()) << 56);
  auto mix = [&h](std::uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  };
  const size_t row_bytes = size_t(pixels.cols) * pixels.elemSize();
  for (int r = 0; r < pixels.rows; ++r) {
    const std::uint8_t* p = pixels.ptr<std::uint8_t>(r);
    size_t i = 0;
    for (; i + 8 <= row_bytes; i += 8) {
      std::uint64_t v;
      std::memcpy(&v, p + i, 8);
      mix(v);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p + i, row_bytes - i);
    mix(tail ^ (std::uint64_t(r) << 40));
  }
  return h;
}

Result<Screenshot> screenshot_from_mat(const cv::Mat& pixels, const std::string& source) {
  auto bgr = to_bgr(pixels);
  if (!bgr.ok()) return Error{bgr.error().kind, source + ": " + bgr.error().message};
  Screenshot s;
  s.hash = hash_pixels(bgr.value());
  s.buffer = std::make_shared<const PixelBuffer>(std::move(bgr.value()));
  s.source = source;
  return s;
}

Result<Screenshot> screenshot_borrowing(const cv::Mat& pixels, std::shared_ptr<const void> owner,
                                        const std::string& source) {
  if (pixels.type() != CV_8UC3) return screenshot_from_mat(pixels, source);
  Screenshot s;
  s.hash = hash_pixels(pixels);
  s.buffer = std::make_shared<const PixelBuffer>(pixels, std::move(owner));
  s.source = source;
  return s;
}

Result<Screenshot> decode_screenshot(const std::vector<std::uint8_t>& bytes, const std::string& source,
                                     const ImageLimits& limits) {
  if (bytes.empty()) return Error::invalid(source + ": empty file");
  if (bytes.size() > limits.max_file_bytes) {
    return Error::invalid(source + ": file is " + std::to_string(bytes.size() >> 20) + " MB, over the " +
                          std::to_string(limits.max_file_bytes >> 20) + " MB limit");
  }
  const auto dims = peek_dimensions(bytes);
  if (!dims) return Error::invalid(source + ": not a PNG, JPEG, WebP, BMP or TIFF file (or its header is corrupt)");
  if (dims->width == 0 || dims->height == 0) return Error::invalid(source + ": image has zero width or height");
  if (dims->width * dims->height > limits.max_pixels) {
    return Error::invalid(source + ": image is " + std::to_string(dims->width) + "x" + std::to_string(dims->height) +
                          ", over the " + std::to_string(limits.max_pixels / 1'000'000) + " megapixel limit");
  }
  // OpenCV's decoders refuse a side over 2^20 (CV_IO_MAX_IMAGE_WIDTH/HEIGHT); say so instead of "corrupt".
  constexpr std::uint64_t kMaxSide = 1u << 20;
  if (dims->width > kMaxSide || dims->height > kMaxSide) {
    return Error::unsupported(source + ": image is " + std::to_string(dims->width) + "x" + std::to_string(dims->height) +
                              ", a side longer than " + std::to_string(kMaxSide) + " pixels is not supported");
  }
  cv::Mat decoded;
  try {
    decoded = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8U, const_cast<std::uint8_t*>(bytes.data())),
                           cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    return Error::invalid(source + ": cannot decode image: " + e.what());
  }
  if (decoded.empty()) return Error::invalid(source + ": cannot decode image (corrupt or truncated)");
  if (std::uint64_t(decoded.cols) * std::uint64_t(decoded.rows) > limits.max_pixels) {
    // The header lied (e.g. a TIFF whose first page is not the one its IFD chain suggested).
    return Error::invalid(source + ": decoded image is over the " + std::to_string(limits.max_pixels / 1'000'000) +
                          " megapixel limit");
  }
  return screenshot_from_mat(decoded, source);
}

Result<Screenshot> load_screenshot(const std::string& path, const ImageLimits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Error::invalid(path + ": is a directory, not an image file");
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Error::not_found(path + ": cannot open file");
  const std::streamoff size = in.tellg();
  if (size < 0) return Error::io(path + ": cannot read file size");
  if (std::uint64_t(size) > limits.max_file_bytes) {
    return Error::invalid(path + ": file is " + std::to_string(size >> 20) + " MB, over the " +
                          std::to_string(limits.max_file_bytes >> 20) + " MB limit");
  }
  std::vector<std::uint8_t> bytes(static_cast<size_t>(size));
  in.seekg(0);
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size)) return Error::io(path + ": read failed");
  return decode_screenshot(bytes, path, limits);
}

}  // namespace humain
