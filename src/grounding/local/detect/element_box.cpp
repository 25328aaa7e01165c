#include "grounding/local/detect/element_box.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace humain::local {
namespace {

constexpr int kChange = 20;             // grey levels: a pixel is no longer the fill
constexpr double kEdgeShare = 0.8;      // of a side's pixels that change together at a border or fill edge
constexpr double kContentShare = 0.25;  // fewer change at content (a neighbour's glyph): not an edge
constexpr double kUniformFill = 0.85;   // of the fill line's pixels near its median
constexpr int kFillGap = 2;             // px from the ink to the line that samples the fill
constexpr double kBarePad = 1.3;        // a bare glyph's box, times the glyph

enum class Side { kLeft, kRight, kTop, kBottom };

// Pixels of the line `d` px beyond the ink on `side`, over the middle of the ink's extent along
// that side (rounded corners of the element stay out of it). Empty when the line leaves the image.
std::vector<int> side_line(const cv::Mat& gray, const cv::Rect& ink, Side side, int d) {
  std::vector<int> v;
  const bool vertical = side == Side::kLeft || side == Side::kRight;
  const int len = vertical ? ink.height : ink.width;
  const int from = len >= 5 ? len / 5 : 0, to = len >= 5 ? len - len / 5 : len;
  int fixed = 0;
  switch (side) {
    case Side::kLeft: fixed = ink.x - d; break;
    case Side::kRight: fixed = ink.br().x - 1 + d; break;
    case Side::kTop: fixed = ink.y - d; break;
    case Side::kBottom: fixed = ink.br().y - 1 + d; break;
  }
  if (fixed < 0 || fixed >= (vertical ? gray.cols : gray.rows)) return v;
  for (int i = from; i < to; ++i) {
    const int x = vertical ? fixed : ink.x + i, y = vertical ? ink.y + i : fixed;
    if (x >= 0 && y >= 0 && x < gray.cols && y < gray.rows) v.push_back(gray.at<uchar>(y, x));
  }
  return v;
}

int median_of(std::vector<int> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

double share_off(const std::vector<int>& v, int fill) {
  const auto off = std::count_if(v.begin(), v.end(), [&](int p) { return std::abs(p - fill) > kChange; });
  return static_cast<double>(off) / v.size();
}

constexpr int kMaxTransition = 3;  // px over which a rounded or anti-aliased edge completes

struct SideEdge {
  int distance = -1;  // px from the ink to the element's last line on this side; -1: no edge in reach
  int fill = 0;
};

// Walks away from the ink until nearly the whole line leaves the fill (an edge: within a few px of
// the first change, for rounded corners and anti-aliasing) or only part of it does and stays so
// (other content in the way, or a gradient: no clean element). A line that changes and is followed
// by the fill again (1-2 px on) is a border and belongs to the element; a fill's edge line does not.
SideEdge edge_beyond(const cv::Mat& gray, const cv::Rect& ink, Side side, int reach) {
  SideEdge edge;
  const std::vector<int> fill_line = side_line(gray, ink, side, kFillGap);
  if (fill_line.empty()) return edge;
  edge.fill = median_of(fill_line);
  if (1.0 - share_off(fill_line, edge.fill) < kUniformFill) return edge;
  const auto off_at = [&](int d) {
    const std::vector<int> line = side_line(gray, ink, side, d);
    return line.size() == fill_line.size() ? share_off(line, edge.fill) : -1.0;  // -1: past the image
  };
  for (int d = kFillGap + 1; d <= reach; ++d) {
    const double off = off_at(d);
    if (off < 0) return edge;
    if (off <= kContentShare) continue;
    bool completes = off >= kEdgeShare;
    for (int t = d + 1; !completes && t <= d + kMaxTransition; ++t) completes = off_at(t) >= kEdgeShare;
    if (!completes) return edge;
    const auto fill_again = [&](int t) {
      const double o = off_at(t);
      return o >= 0 && o <= kContentShare;
    };
    const bool border = fill_again(d + 1) || fill_again(d + 2);  // 1-2 px outline
    edge.distance = border ? d : d - 1;
    return edge;
  }
  return edge;
}

}  // namespace

cv::Rect visible_container(const cv::Mat& gray, const cv::Rect& ink, ContainerReach reach) {
  if (gray.empty() || gray.type() != CV_8UC1 || ink.width <= 0 || ink.height <= 0) return {};
  std::array<SideEdge, 4> e;
  const std::array<Side, 4> sides = {Side::kLeft, Side::kRight, Side::kTop, Side::kBottom};
  for (size_t k = 0; k < sides.size(); ++k) {
    const bool vertical = sides[k] == Side::kLeft || sides[k] == Side::kRight;
    e[k] = edge_beyond(gray, ink, sides[k], vertical ? reach.x : reach.y);
    if (e[k].distance < 0) return {};
  }
  // One fill all round: not ink sitting on the boundary of two regions.
  const auto [lo, hi] = std::minmax_element(e.begin(), e.end(), [](const SideEdge& a, const SideEdge& b) { return a.fill < b.fill; });
  if (hi->fill - lo->fill > kChange) return {};
  const int x0 = ink.x - e[0].distance, x1 = ink.br().x + e[1].distance;
  const int y0 = ink.y - e[2].distance, y1 = ink.br().y + e[3].distance;
  return cv::Rect(x0, y0, x1 - x0, y1 - y0) & cv::Rect(0, 0, gray.cols, gray.rows);
}

cv::Rect icon_button_box(const cv::Mat& gray, const cv::Rect& glyph) {
  const int size = std::max(glyph.width, glyph.height);
  const int reach = std::max(4, static_cast<int>(0.8 * size));
  const cv::Rect button = visible_container(gray, glyph, {reach, reach});
  // A button is about as wide as tall; a wide fill is a bar or a row the icon sits in.
  if (!button.empty() && button.width <= 3 * button.height && button.height <= 3 * button.width) return button;
  const int px = static_cast<int>((kBarePad - 1.0) * glyph.width / 2 + 0.5);
  const int py = static_cast<int>((kBarePad - 1.0) * glyph.height / 2 + 0.5);
  return cv::Rect(glyph.x - px, glyph.y - py, glyph.width + 2 * px, glyph.height + 2 * py) & cv::Rect(0, 0, gray.cols, gray.rows);
}

}  // namespace humain::local
