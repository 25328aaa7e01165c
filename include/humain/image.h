// Loading screenshots safely: size limits against decompression bombs, clear errors for bad files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "humain/result.h"

namespace humain {

struct ImageLimits {
  std::uint64_t max_file_bytes = 64ull << 20;   // 64 MB
  std::uint64_t max_pixels = 50'000'000;        // 50 megapixels
};

// The decoded pixels (8-bit BGR), opaque to users of the public headers so they need no OpenCV;
// the library reaches them through src/core/screenshot_pixels.h. Shared, never mutated once made.
class PixelBuffer;

// A decoded screenshot (BGR, 8-bit) with a content hash computed once at load. Copies share pixels.
struct Screenshot {
  std::shared_ptr<const PixelBuffer> buffer;  // null for an empty screenshot
  std::uint64_t hash = 0;                     // 64-bit hash of the decoded pixels and size
  std::string source;                         // file path or "<memory>", for messages

  int width() const;
  int height() const;
  bool empty() const;
};

// Reads a PNG, JPEG, WebP, BMP or TIFF file (OpenCV decodes them). Refuses files over the limits before decoding the pixels.
Result<Screenshot> load_screenshot(const std::string& path, const ImageLimits& limits = {});

// Decodes PNG, JPEG, WebP, BMP or TIFF bytes held in memory (e.g. from an HTTP request body).
Result<Screenshot> decode_screenshot(const std::vector<std::uint8_t>& bytes, const std::string& source = "<memory>",
                                     const ImageLimits& limits = {});

}  // namespace humain
