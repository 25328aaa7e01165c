// Inside the library: the cv::Mat behind a Screenshot, and making Screenshots from cv::Mats.
// Public headers stay free of OpenCV (a consumer needs only humain's headers); code in src/,
// the CLI, tests and benchmarks include this to reach the pixels.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <opencv2/core.hpp>

#include "humain/image.h"

namespace humain {

class PixelBuffer {
 public:
  explicit PixelBuffer(cv::Mat m, std::shared_ptr<const void> owner = nullptr)
      : mat(std::move(m)), owner_(std::move(owner)) {}
  const cv::Mat mat;  // CV_8UC3, BGR

 private:
  std::shared_ptr<const void> owner_;  // keeps borrowed memory (e.g. a numpy array) alive
};

// The screenshot's pixels (an empty Mat for an empty screenshot). Shares the buffer, no copy.
const cv::Mat& pixels_mat(const Screenshot& screen);

// Wraps pixels already in memory (BGR or BGRA or gray, 8-bit); computes the hash.
Result<Screenshot> screenshot_from_mat(const cv::Mat& pixels, const std::string& source = "<memory>");

// Wraps 8-bit BGR pixels that live in someone else's memory without copying them; `owner` is kept
// alive as long as any copy of the Screenshot. Other layouts are converted (copied) to BGR.
Result<Screenshot> screenshot_borrowing(const cv::Mat& pixels, std::shared_ptr<const void> owner,
                                        const std::string& source = "<memory>");

// Hash of the pixel content; equal images give equal hashes.
std::uint64_t hash_pixels(const cv::Mat& pixels);

}  // namespace humain
