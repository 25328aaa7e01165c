// A small JPEG of the region around a miss: the target outlined in green, the predicted click as a
// red cross (and the predicted box in orange). Embedded in report.html.
#pragma once

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "humain/dataset.h"
#include "humain/prediction.h"

namespace humain {

// JPEG bytes, longest side at most `max_side` pixels; empty if the image cannot be drawn on.
std::vector<std::uint8_t> miss_thumbnail(const cv::Mat& screen, const Target& target, const Prediction& prediction,
                                         int max_side = 420);

}  // namespace humain
