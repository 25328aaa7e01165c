// Masking confidential regions: solid fill, not blur, because blurred digits can be recovered.
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "humain/router.h"
#include "core/screenshot_pixels.h"

namespace humain {

Result<Screenshot> redact(const Screenshot& screen, const std::vector<Box>& boxes, int pad) {
  if (boxes.empty()) return screen;
  cv::Mat pixels = pixels_mat(screen).clone();
  const cv::Rect whole(0, 0, pixels.cols, pixels.rows);
  for (const auto& b : boxes) {
    const int x1 = static_cast<int>(std::floor(b.x1)) - pad, y1 = static_cast<int>(std::floor(b.y1)) - pad;
    const int x2 = static_cast<int>(std::ceil(b.x2)) + pad, y2 = static_cast<int>(std::ceil(b.y2)) + pad;
    const cv::Rect r = cv::Rect(x1, y1, std::max(0, x2 - x1), std::max(0, y2 - y1)) & whole;
    if (r.area() > 0) pixels(r).setTo(cv::Scalar::all(0));
  }
  return screenshot_from_mat(pixels, screen.source + " (redacted)");  // never the unmasked screen
}

}  // namespace humain
