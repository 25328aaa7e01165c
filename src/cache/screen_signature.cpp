// Coarse luminance grid of a screen: cheap to build and compare, blind to a clock's digits changing
// within a cell's tolerance, but not to a dialog appearing (many cells change at once).
#include <cstdlib>

#include <opencv2/imgproc.hpp>

#include "humain/cache.h"
#include "core/screenshot_pixels.h"

namespace humain {

ScreenSignature screen_signature(const Screenshot& screen) {
  ScreenSignature s;
  s.width = screen.width();
  s.height = screen.height();
  if (pixels_mat(screen).empty()) return s;
  cv::Mat gray;
  if (pixels_mat(screen).channels() == 3) {
    cv::cvtColor(pixels_mat(screen), gray, cv::COLOR_BGR2GRAY);
  } else if (pixels_mat(screen).channels() == 4) {
    cv::cvtColor(pixels_mat(screen), gray, cv::COLOR_BGRA2GRAY);
  } else {
    gray = pixels_mat(screen);
  }
  cv::Mat small;
  // INTER_AREA averages every pixel of a cell, so a change anywhere in the cell moves its value.
  cv::resize(gray, small, cv::Size(ScreenSignature::kCols, ScreenSignature::kRows), 0, 0, cv::INTER_AREA);
  s.cells.assign(small.begin<std::uint8_t>(), small.end<std::uint8_t>());
  return s;
}

std::vector<Box> changed_regions(const ScreenSignature& a, const ScreenSignature& b, int tolerance) {
  std::vector<Box> out;
  const size_t n = size_t(ScreenSignature::kCols) * ScreenSignature::kRows;
  if (a.width != b.width || a.height != b.height || a.cells.size() != n || b.cells.size() != n) {
    out.push_back(Box{0, 0, double(b.width), double(b.height)});
    return out;
  }
  const double cw = double(b.width) / ScreenSignature::kCols;
  const double ch = double(b.height) / ScreenSignature::kRows;
  for (int r = 0; r < ScreenSignature::kRows; ++r) {
    for (int c = 0; c < ScreenSignature::kCols; ++c) {
      const size_t i = size_t(r) * ScreenSignature::kCols + size_t(c);
      if (std::abs(int(a.cells[i]) - int(b.cells[i])) > tolerance) {
        out.push_back(Box{c * cw, r * ch, (c + 1) * cw, (r + 1) * ch});
      }
    }
  }
  return out;
}

}  // namespace humain
