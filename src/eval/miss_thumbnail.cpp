#include "eval/miss_thumbnail.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace humain {
namespace {

const cv::Scalar kTargetColor(60, 180, 60);  // BGR
const cv::Scalar kClickColor(40, 40, 230);
const cv::Scalar kPredBoxColor(0, 150, 255);
constexpr int kMargin = 160;  // pixels of context around the target and the click

// Model output can be absurd (1e300, NaN); casting that to int is undefined, so bound it first.
int to_pixel(double v) { return std::isfinite(v) ? static_cast<int>(std::clamp(v, -1e6, 1e6)) : 0; }

cv::Rect region_of_interest(const cv::Size& size, const Target& target, const Prediction& prediction) {
  double x1 = size.width, y1 = size.height, x2 = 0, y2 = 0;
  auto include = [&](double ax, double ay, double bx, double by) {
    x1 = std::min(x1, ax), y1 = std::min(y1, ay), x2 = std::max(x2, bx), y2 = std::max(y2, by);
  };
  if (!target.is_refusal()) include(target.box.x1, target.box.y1, target.box.x2, target.box.y2);
  if (prediction.point) include(prediction.point->x, prediction.point->y, prediction.point->x, prediction.point->y);
  if (x2 < x1) return {0, 0, size.width, size.height};  // nothing to centre on: the whole screen
  const int left = std::clamp(to_pixel(x1) - kMargin, 0, size.width - 1);
  const int top = std::clamp(to_pixel(y1) - kMargin, 0, size.height - 1);
  const int right = std::clamp(to_pixel(x2) + kMargin, left + 1, size.width);
  const int bottom = std::clamp(to_pixel(y2) + kMargin, top + 1, size.height);
  return {left, top, right - left, bottom - top};
}

}  // namespace

std::vector<std::uint8_t> miss_thumbnail(const cv::Mat& screen, const Target& target, const Prediction& prediction,
                                         int max_side) {
  if (screen.empty() || screen.type() != CV_8UC3) return {};
  try {
    const cv::Rect roi = region_of_interest(screen.size(), target, prediction);
    const double scale = std::min(1.0, static_cast<double>(max_side) / std::max(roi.width, roi.height));
    cv::Mat thumb;
    cv::resize(screen(roi), thumb, cv::Size(), scale, scale, cv::INTER_AREA);
    auto to_thumb = [&](double x, double y) {
      return cv::Point(to_pixel((x - roi.x) * scale), to_pixel((y - roi.y) * scale));
    };
    if (target.kind == Target::Kind::kPolygon) {
      std::vector<cv::Point> pts;
      for (const Point& p : target.polygon) pts.push_back(to_thumb(p.x, p.y));
      cv::polylines(thumb, pts, true, kTargetColor, 2);
    } else if (!target.is_refusal()) {
      cv::rectangle(thumb, to_thumb(target.box.x1, target.box.y1), to_thumb(target.box.x2, target.box.y2), kTargetColor, 2);
    }
    if (prediction.box) {
      cv::rectangle(thumb, to_thumb(prediction.box->x1, prediction.box->y1),
                    to_thumb(prediction.box->x2, prediction.box->y2), kPredBoxColor, 1);
    }
    if (prediction.point) {
      cv::drawMarker(thumb, to_thumb(prediction.point->x, prediction.point->y), kClickColor, cv::MARKER_CROSS, 18, 2);
    }
    std::vector<std::uint8_t> jpeg;
    cv::imencode(".jpg", thumb, jpeg, {cv::IMWRITE_JPEG_QUALITY, 70});
    return jpeg;
  } catch (const cv::Exception&) {
    return {};  // a report without this picture beats no report
  }
}

}  // namespace humain
