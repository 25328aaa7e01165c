// Preparing a screenshot for a VLM: resize to the size the model family expects, encode as PNG or
// JPEG, and base64 the bytes. Done once per screenshot and size; see the VLM grounder's cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "humain/chat.h"  // EncodedImage
#include "humain/image.h"
#include "humain/result.h"

namespace humain {

enum class ImageFormat { kPng, kJpeg };

struct EncodeOptions {
  ImageFormat format = ImageFormat::kPng;
  int jpeg_quality = 90;    // 0-100
  int png_compression = 1;  // zlib level 0-9; 1 is several times faster than 3 and costs ~10% in size
};

// Resizes the screenshot to width x height (area averaging when shrinking, bicubic when growing;
// no copy when the size already matches) and encodes it. src/core/mat_encoding.h takes an OpenCV matrix.
// kInvalidInput for an empty image or a size < 1; kInternal if the codec fails.
Result<EncodedImage> encode_image(const Screenshot& screen, int width, int height, const EncodeOptions& options = {});

// Standard base64 (RFC 4648, with '=' padding).
std::string base64_encode(const std::uint8_t* data, std::size_t size);
inline std::string base64_encode(const std::vector<std::uint8_t>& bytes) { return base64_encode(bytes.data(), bytes.size()); }

// Decodes standard base64; whitespace is skipped, a "data:...;base64," prefix is accepted.
// kParse for any other character or a bad length.
Result<std::vector<std::uint8_t>> base64_decode(std::string_view text);

// "png" | "jpeg" | "jpg" -> ImageFormat.
Result<ImageFormat> parse_image_format(std::string_view name);
const char* media_type(ImageFormat format);

}  // namespace humain
