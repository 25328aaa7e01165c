#include "grounding/local/detect/controls.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace humain::local {
namespace {

// Side of a check box or height of a switch, in heights of the label's text line: a 1x desktop box
// is about one line tall, a phone box (22-24 CSS px beside 16 px text) about 1.5.
constexpr double kMinControlToText = 0.5;
constexpr double kMaxControlToText = 2.6;
constexpr double kMaxSwitchToText = 3.2;  // iOS: a 31 pt switch beside 17 pt text
constexpr double kMinSwitchAspect = 1.4;  // iOS 51x31, Material 52x32, GTK 48x26
constexpr double kMaxSwitchAspect = 2.4;
constexpr double kMinKnobContrast = 16;   // grey levels between the knob and the track's other end (iOS off: white on 233)
constexpr double kMaxFlatStdDev = 20;     // the track's centre is flat colour
constexpr double kMaxKnobStdDev = 100;    // a knob may hold a tick (dark strokes on a light disc)

// Height of the tallest text line in the frame's row (the label, not its smaller subtitle), or of
// the median line when no text shares the row (a lone "select all" box in a table header).
double reference_text_height(const cv::Rect& frame, const std::vector<cv::Rect>& text_lines) {
  const double cy = frame.y + frame.height / 2.0;
  int tallest = 0;
  for (const cv::Rect& t : text_lines) {
    if (cy < t.y - 0.25 * frame.height || cy > t.br().y + 0.25 * frame.height) continue;
    if ((t & frame).area() > 0) continue;  // a glyph inside the control (a tick, a knob)
    tallest = std::max(tallest, t.height);
  }
  if (tallest > 0) return tallest;
  std::vector<int> heights;
  for (const cv::Rect& t : text_lines) heights.push_back(t.height);
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

// A round knob at one end of a pill: the centres of the two ends differ in grey; the track's is
// flat, the knob's flat or holding a tick (Material 3 switches when on).
bool has_knob_at_one_end(const cv::Rect& pill, const cv::Mat& gray) {
  const int h = pill.height, side = std::max(2, h / 3);
  const int cy = pill.y + h / 2 - side / 2;
  const cv::Rect left(pill.x + h / 2 - side / 2, cy, side, side);
  const cv::Rect right(pill.br().x - h / 2 - side / 2, cy, side, side);
  const cv::Rect image(0, 0, gray.cols, gray.rows);
  if ((left & image) != left || (right & image) != right) return false;
  cv::Scalar mean_l, std_l, mean_r, std_r;
  cv::meanStdDev(gray(left), mean_l, std_l);
  cv::meanStdDev(gray(right), mean_r, std_r);
  const double flatter = std::min(std_l[0], std_r[0]), busier = std::max(std_l[0], std_r[0]);
  return flatter <= kMaxFlatStdDev && busier <= kMaxKnobStdDev && std::abs(mean_l[0] - mean_r[0]) >= kMinKnobContrast;
}

constexpr double kMinFieldAspect = 3;
constexpr double kMinFieldToText = 0.8;
constexpr double kMaxFieldToText = 4.0;   // a roomy phone field: 56 CSS px beside 16 px text
constexpr double kMaxFieldToPageGrey = 40;

// Mean grey of a band `width` px wide just outside `r` (the page the frame sits on).
double mean_around(const cv::Mat& gray, const cv::Rect& r, int width) {
  const cv::Rect image(0, 0, gray.cols, gray.rows);
  const cv::Rect outer = (r - cv::Point(width, width) + cv::Size(2 * width, 2 * width)) & image;
  const cv::Rect inner = r & image;
  const double outer_sum = cv::sum(gray(outer))[0], inner_sum = cv::sum(gray(inner))[0];
  const double band = static_cast<double>(outer.area() - inner.area());
  return band > 0 ? (outer_sum - inner_sum) / band : cv::mean(gray(inner))[0];
}

}  // namespace

bool is_empty_field(const Frame& frame, const cv::Mat& gray, const std::vector<cv::Rect>& text_lines) {
  const cv::Rect& r = frame.rect;
  if (static_cast<double>(r.width) / r.height <= kMinFieldAspect) return false;
  const double text_height = reference_text_height(r, text_lines);
  if (text_height <= 0) return false;
  const double scale = r.height / text_height;
  if (scale < kMinFieldToText || scale > kMaxFieldToText) return false;
  return std::abs(frame.mean_inside - mean_around(gray, r, std::max(2, r.height / 8))) <= kMaxFieldToPageGrey;
}

ControlShape control_shape(const Frame& frame, const cv::Mat& gray, const std::vector<cv::Rect>& text_lines) {
  const cv::Rect& r = frame.rect;
  const double text_height = reference_text_height(r, text_lines);
  if (text_height <= 0) return ControlShape::kNone;
  const double scale = r.height / text_height;
  if (scale < kMinControlToText) return ControlShape::kNone;
  const double aspect = static_cast<double>(r.width) / r.height;
  if (aspect > 0.75 && aspect < 1.33 && scale <= kMaxControlToText) {
    return frame.outline == FrameOutline::kCircle ? ControlShape::kRadio : ControlShape::kCheckBox;
  }
  if (aspect >= kMinSwitchAspect && aspect <= kMaxSwitchAspect && scale <= kMaxSwitchToText && has_knob_at_one_end(r, gray))
    return ControlShape::kSwitch;
  return ControlShape::kNone;
}

}  // namespace humain::local
