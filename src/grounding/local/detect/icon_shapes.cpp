#include "grounding/local/detect/icon_shapes.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace humain::local {
namespace {

constexpr int kN = 24;  // glyphs are compared on a 24x24 grid

// Foreground = the minority Otsu class (the glyph), cropped to its bounding box.
cv::Mat foreground(const cv::Mat& crop) {
  cv::Mat bin;
  cv::threshold(crop, bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  if (cv::countNonZero(bin) * 2 > static_cast<int>(bin.total())) cv::bitwise_not(bin, bin);
  cv::Mat points;
  cv::findNonZero(bin, points);
  if (points.empty()) return {};
  return bin(cv::boundingRect(points)).clone();
}

double fraction(const cv::Mat& m) { return m.empty() ? 0.0 : cv::countNonZero(m) / static_cast<double>(m.total()); }

}  // namespace

IconKind classify_icon(const cv::Mat& glyph) {
  if (glyph.empty() || glyph.rows < 4 || glyph.cols < 4) return IconKind::kNone;
  cv::Mat fg = foreground(glyph);
  if (fg.empty()) return IconKind::kNone;
  const double aspect = static_cast<double>(fg.cols) / fg.rows;

  // A flat bar: minimise.
  if (aspect > 3.0 && fg.rows <= 4) return IconKind::kMinimize;

  // Three dots in a row or column: "more".
  {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(fg, labels, stats, centroids, 8) - 1;
    if (n == 3) {
      bool dots = true;
      for (int i = 1; i <= 3; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        dots &= std::abs(w - h) <= 2 && w <= std::max(fg.cols, fg.rows) / 3 + 1;
      }
      if (dots) return IconKind::kMore;
    }
  }
  if (aspect < 0.5 || aspect > 2.0) return IconKind::kNone;

  cv::Mat g;
  cv::resize(fg, g, {kN, kN}, 0, 0, cv::INTER_AREA);
  cv::threshold(g, g, 100, 255, cv::THRESH_BINARY);
  const double fill = fraction(g);
  if (fill < 0.05) return IconKind::kNone;
  const int total = cv::countNonZero(g);

  // Pixels near both diagonals / the centre lines / the border, as fractions of the glyph.
  int diag = 0, cross = 0, border = 0, centre = 0;
  for (int y = 0; y < kN; ++y) {
    for (int x = 0; x < kN; ++x) {
      if (!g.at<uchar>(y, x)) continue;
      if (std::abs(x - y) <= 3 || std::abs(x + y - (kN - 1)) <= 3) ++diag;
      if (std::abs(2 * x - (kN - 1)) <= 6 || std::abs(2 * y - (kN - 1)) <= 6) ++cross;
      if (x < 4 || y < 4 || x >= kN - 4 || y >= kN - 4) ++border;
      if (x >= 8 && x < kN - 8 && y >= 8 && y < kN - 8) ++centre;
    }
  }
  const double f_diag = diag / double(total), f_cross = cross / double(total), f_border = border / double(total);
  const bool centre_filled = g.at<uchar>(kN / 2, kN / 2) || g.at<uchar>(kN / 2 - 1, kN / 2 - 1);

  // Row profile: hamburger = three full-width bars separated by empty rows.
  std::vector<double> rows(kN);
  for (int y = 0; y < kN; ++y) rows[y] = cv::countNonZero(g.row(y)) / double(kN);
  int bars = 0;
  for (int y = 0; y < kN; ++y) {
    if (rows[y] > 0.7 && (y == 0 || rows[y - 1] <= 0.7)) ++bars;
  }
  int empty_rows = 0;
  for (double r : rows) empty_rows += r < 0.1;
  if (bars == 3 && empty_rows >= 4) return IconKind::kMenu;

  if (f_border > 0.85 && centre == 0 && fill < 0.6) {
    // Hollow: a square frame (maximise / checkbox) or a ring.
    const double corners = (g.at<uchar>(1, 1) + g.at<uchar>(1, kN - 2) + g.at<uchar>(kN - 2, 1) +
                            g.at<uchar>(kN - 2, kN - 2)) / 255.0;
    if (corners >= 3) return IconKind::kMaximize;
  }
  if (f_diag > 0.8 && centre_filled && fill < 0.5) {
    // An X: both diagonals populated (a check mark populates mainly one).
    int d1 = 0, d2 = 0;
    for (int i = 0; i < kN; ++i) {
      d1 += g.at<uchar>(i, i) > 0;
      d2 += g.at<uchar>(i, kN - 1 - i) > 0;
    }
    if (d1 > kN / 2 && d2 > kN / 2) return IconKind::kClose;
  }
  if (f_cross > 0.9 && centre_filled && fill < 0.55) {
    const bool arms = g.at<uchar>(kN / 2, 1) && g.at<uchar>(kN / 2, kN - 2) && g.at<uchar>(1, kN / 2) &&
                      g.at<uchar>(kN - 2, kN / 2);
    if (arms) return IconKind::kAdd;
  }
  // Magnifier: a ring in the upper left, a handle reaching the lower-right corner.
  {
    const cv::Mat ring = g(cv::Rect(0, 0, kN * 2 / 3, kN * 2 / 3));
    const bool hole = !g.at<uchar>(kN / 3, kN / 3);
    const bool handle = g.at<uchar>(kN - 2, kN - 2) || g.at<uchar>(kN - 3, kN - 2) || g.at<uchar>(kN - 2, kN - 3);
    const bool empty_corners = !g.at<uchar>(kN - 2, 1) && !g.at<uchar>(1, kN - 2);
    if (hole && handle && empty_corners && fraction(ring) > 0.25) return IconKind::kSearch;
  }
  // Chevrons / arrows: mass leans to one side, apex at mid-height.
  {
    const double left = fraction(g.colRange(0, kN / 3)), right = fraction(g.colRange(kN * 2 / 3, kN));
    const double top = fraction(g.rowRange(0, kN / 3)), bottom = fraction(g.rowRange(kN * 2 / 3, kN));
    if (fill < 0.45 && std::abs(top - bottom) < 0.1) {
      if (g.at<uchar>(kN / 2, 1) && !g.at<uchar>(kN / 2, kN - 2) && left < right * 1.2 && !centre_filled)
        return IconKind::kBack;
      if (g.at<uchar>(kN / 2, kN - 2) && !g.at<uchar>(kN / 2, 1) && right < left * 1.2 && !centre_filled)
        return IconKind::kForward;
    }
  }
  // Check mark: one long rising stroke and a short falling one, lower half heavier.
  if (f_diag > 0.5 && fill < 0.4 && fraction(g.rowRange(kN / 2, kN)) > fraction(g.rowRange(0, kN / 2)) * 1.3 &&
      g.at<uchar>(1, kN - 2))
    return IconKind::kCheck;
  // Gear: a filled round body with a hole, teeth making the outline ragged.
  if (!centre_filled && fill > 0.35 && f_border < 0.7) return IconKind::kSettings;
  return IconKind::kNone;
}

}  // namespace humain::local
