// Loading screenshots safely: size limits against decompression bombs, clear errors for bad files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "humain/result.h"

namespace humain {

struct ImageLimits {
  std::uint64_t max_file_bytes = 64ull << 20;   // 64 MB
  std::uint64_t max_pixels = 50'000'000;        // 50 megapixels
};

// A decoded screenshot (BGR, 8-bit) with a content hash computed once at load.
struct Screenshot {
  cv::Mat pixels;                 // CV_8UC3, BGR
  std::uint64_t hash = 0;         // 64-bit hash of the decoded pixels and size
  std::string source;             // file path or "<memory>", for messages

  int width() const { return pixels.cols; }
  int height() const { return pixels.rows; }
};

// Reads a PNG, JPEG, WebP, BMP or TIFF file (OpenCV decodes them). Refuses files over the limits before decoding the pixels.
Result<Screenshot> load_screenshot(const std::string& path, const ImageLimits& limits = {});

// Decodes PNG, JPEG, WebP, BMP or TIFF bytes held in memory (e.g. from an HTTP request body).
Result<Screenshot> decode_screenshot(const std::vector<std::uint8_t>& bytes, const std::string& source = "<memory>",
                                     const ImageLimits& limits = {});

// Wraps pixels already in memory (BGR or BGRA or gray, 8-bit); computes the hash.
Result<Screenshot> screenshot_from_mat(const cv::Mat& pixels, const std::string& source = "<memory>");

// Hash of the pixel content; equal images give equal hashes.
std::uint64_t hash_pixels(const cv::Mat& pixels);

}  // namespace humain
