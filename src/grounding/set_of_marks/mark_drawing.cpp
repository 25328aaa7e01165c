#include "grounding/set_of_marks/mark_drawing.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include <opencv2/imgproc.hpp>

namespace humain::marks {
namespace {

// BGR; chosen far apart in hue so neighbouring marks are told apart.
const cv::Scalar kPalette[] = {{0, 0, 230},   {200, 90, 0},  {0, 150, 0},   {180, 0, 180},
                               {0, 120, 255}, {150, 150, 0}, {60, 60, 160}, {0, 190, 190}};

bool dark(const cv::Scalar& bgr) { return 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2] < 140; }

bool intersects(const cv::Rect& a, const std::vector<cv::Rect>& others, std::size_t except = SIZE_MAX) {
  for (std::size_t j = 0; j < others.size(); ++j) {
    if (j != except && (a & others[j]).area() > 0) return true;
  }
  return false;
}

}  // namespace

cv::Mat draw_marks(const cv::Mat& image, const std::vector<Mark>& marks, cv::Size original) {
  cv::Mat out;
  if (image.channels() == 4) cv::cvtColor(image, out, cv::COLOR_BGRA2BGR);
  else if (image.channels() == 1) cv::cvtColor(image, out, cv::COLOR_GRAY2BGR);
  else out = image.clone();
  if (out.empty() || original.width <= 0 || original.height <= 0) return out;
  const double sx = double(out.cols) / original.width, sy = double(out.rows) / original.height;
  // Digits about 1/80 of the screen height, 10..24 px: readable after a VLM's own downscaling.
  const int digit_px = std::clamp(out.rows / 80, 10, 24);
  const double font_scale = digit_px / 22.0;
  const int thickness = digit_px >= 18 ? 2 : 1;
  const int line = out.rows >= 1400 ? 3 : 2;
  const cv::Rect whole(0, 0, out.cols, out.rows);

  std::vector<cv::Rect> boxes;
  for (const auto& m : marks) {
    boxes.emplace_back(cv::Point(int(m.box.x1 * sx), int(m.box.y1 * sy)), cv::Point(int(m.box.x2 * sx), int(m.box.y2 * sy)));
  }
  for (std::size_t i = 0; i < marks.size(); ++i) {
    // Just outside the element, so the outline does not cover its first pixels.
    const cv::Scalar colour = kPalette[marks[i].id % 8];
    const int g = line / 2 + 1;
    cv::rectangle(out, cv::Rect(boxes[i].x - g, boxes[i].y - g, boxes[i].width + 2 * g, boxes[i].height + 2 * g), colour, line);
  }
  std::vector<cv::Rect> chips;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const cv::Scalar colour = kPalette[marks[i].id % 8];
    const std::string label = std::to_string(marks[i].id);
    int baseline = 0;
    const cv::Size t = cv::getTextSize(label, cv::FONT_HERSHEY_SIMPLEX, font_scale, thickness, &baseline);
    const cv::Size chip(t.width + 6, t.height + 6);
    const cv::Rect& b = boxes[i];
    const cv::Point candidates[] = {
        {b.x, b.y - chip.height - 1},                  // above, left-aligned
        {b.x + b.width - chip.width, b.y - chip.height - 1},  // above, right-aligned
        {b.x, b.y + b.height + 1},                     // below
        {b.x - chip.width - 1, b.y},                   // left
        {b.x + b.width + 1, b.y},                      // right
        {b.x, b.y},                                    // inside the top-left corner
    };
    std::optional<cv::Rect> place, fallback;
    for (const auto& c : candidates) {
      const cv::Rect r(c, chip);
      if ((r & whole) != r) continue;
      if (!fallback && !intersects(r, chips)) fallback = r;
      // Covering another element's box hides it: avoid that too.
      if (!intersects(r, chips) && !intersects(r, boxes, i)) {
        place = r;
        break;
      }
    }
    cv::Rect r = place ? *place : fallback ? *fallback : cv::Rect(candidates[0], chip);
    r.x = std::clamp(r.x, 0, std::max(0, out.cols - r.width));
    r.y = std::clamp(r.y, 0, std::max(0, out.rows - r.height));
    cv::rectangle(out, r, colour, cv::FILLED);
    cv::rectangle(out, r, cv::Scalar(0, 0, 0), 1);
    cv::rectangle(out, cv::Rect(r.x - 1, r.y - 1, r.width + 2, r.height + 2) & whole, cv::Scalar(255, 255, 255), 1);
    const cv::Scalar ink = dark(colour) ? cv::Scalar(255, 255, 255) : cv::Scalar(0, 0, 0);
    cv::putText(out, label, cv::Point(r.x + 3, r.y + 3 + t.height), cv::FONT_HERSHEY_SIMPLEX, font_scale, ink, thickness,
                cv::LINE_AA);
    chips.push_back(r);
  }
  return out;
}

}  // namespace humain::marks
