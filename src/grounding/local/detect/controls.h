// Check boxes, radio buttons and switches: the text-free controls beside a label. Judged by shape and by size
// relative to the text of their row, so the same control is found on a 1x desktop and on a phone
// screen at 3x (where a 22 CSS px box is 60 px).
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "grounding/local/detect/element_detector.h"

namespace humain::local {

enum class ControlShape {
  kNone,
  kCheckBox,  // a square outline, or a filled square holding a tick
  kRadio,     // a circle of check-box size
  kSwitch,    // a rounded pill (about twice as wide as tall) with a round knob at one end
};

// What the text-free `frame` looks like. `text_lines` are the boxes of the screen's text lines
// (the label in the frame's row sets the scale; without one, the median line height does);
// `gray` is the screenshot in grey (CV_8U).
ControlShape control_shape(const Frame& frame, const cv::Mat& gray, const std::vector<cv::Rect>& text_lines);

// Whether the text-free `frame` is an empty input field: wide, a line or a few tall (against the
// text on screen), and inside about the grey of the page around it, in light and dark themes alike
// (a filled button or a coloured bar stands out from the page).
bool is_empty_field(const Frame& frame, const cv::Mat& gray, const std::vector<cv::Rect>& text_lines);

}  // namespace humain::local
