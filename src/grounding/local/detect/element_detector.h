// Finds the boxes UI elements draw around their labels (buttons, fields, check boxes, tabs) from
// the edge map: closed, nearly rectangular contours of plausible control sizes; and slider tracks.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace humain::local {

enum class FrameOutline {
  kBox,     // rectangle, square corners or a small radius (buttons, fields, cards, check boxes)
  kPill,    // ends fully rounded (search bars, chips, switches)
  kCircle,  // radio buttons, round icon buttons, avatars
};

struct Frame {
  cv::Rect rect;
  double mean_inside = 0;  // mean grey level inside the frame (light fields vs filled buttons)
  FrameOutline outline = FrameOutline::kBox;
};

// `edges` is the binary edge map from detect_text_regions; `gray` the screenshot in grey.
// Frames are sorted by area, smallest first, and near-duplicates (inner/outer contour) removed.
std::vector<Frame> detect_frames(const cv::Mat& edges, const cv::Mat& gray);

// Slider tracks: thin horizontal bars (a few px tall, >= 80 px long) standing out from the same
// background above and below, with a thumb (included in the box) and none of `text_lines` on
// them. `gray` is CV_8U.
std::vector<cv::Rect> detect_sliders(const cv::Mat& gray, const std::vector<cv::Rect>& text_lines);

// The smallest frame strictly containing `inner` that is a plausible container for a label of
// that size, or nullptr.
const Frame* enclosing_frame(const std::vector<Frame>& frames, const cv::Rect& inner);

}  // namespace humain::local
