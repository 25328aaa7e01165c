// Inside the library: encode_image and its resize step on a cv::Mat (humain/image_encoding.h
// takes a Screenshot, so its users need no OpenCV).
#pragma once

#include <opencv2/core.hpp>

#include "humain/image_encoding.h"

namespace humain {

// Resizes `pixels` (8-bit BGR, BGRA or gray) to width x height (area averaging when shrinking,
// bicubic when growing; no copy when the size already matches) and encodes it.
// kInvalidInput for an empty image or a size < 1; kInternal if the codec fails.
Result<EncodedImage> encode_image(const cv::Mat& pixels, int width, int height, const EncodeOptions& options = {});

// Only the resize step of encode_image.
Result<cv::Mat> resize_for_model(const cv::Mat& pixels, int width, int height);

}  // namespace humain
