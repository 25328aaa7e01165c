#include "humain/geometry.h"

#include <algorithm>
#include <cmath>

namespace humain {

Box Box::from_unit(double x1, double y1, double x2, double y2, double width, double height) {
  return {x1 * width, y1 * height, x2 * width, y2 * height};
}

Box Box::from_thousandths(double x1, double y1, double x2, double y2, double width, double height) {
  return {x1 / 1000.0 * width, y1 / 1000.0 * height, x2 / 1000.0 * width, y2 / 1000.0 * height};
}

Point point_from_unit(double x, double y, double width, double height) { return {x * width, y * height}; }

Point point_from_thousandths(double x, double y, double width, double height) {
  return {x / 1000.0 * width, y / 1000.0 * height};
}

bool contains(const Box& b, const Point& p) { return b.x1 <= p.x && p.x <= b.x2 && b.y1 <= p.y && p.y <= b.y2; }

Box union_box(const Box& a, const Box& b) {
  return {std::min(a.x1, b.x1), std::min(a.y1, b.y1), std::max(a.x2, b.x2), std::max(a.y2, b.y2)};
}

double iou(const Box& a, const Box& b) {
  if (a.area() <= 0 || b.area() <= 0) return 0.0;
  const double ix = std::max(0.0, std::min(a.x2, b.x2) - std::max(a.x1, b.x1));
  const double iy = std::max(0.0, std::min(a.y2, b.y2) - std::max(a.y1, b.y1));
  const double inter = ix * iy;
  const double uni = a.area() + b.area() - inter;
  return uni > 0 ? inter / uni : 0.0;
}

namespace {
bool on_segment(const Point& a, const Point& b, const Point& p) {
  const double cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  if (std::abs(cross) > 1e-9 * std::max(1.0, std::abs(b.x - a.x) + std::abs(b.y - a.y))) return false;
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}
}  // namespace

bool contains(const std::vector<Point>& polygon, const Point& p) {
  const size_t n = polygon.size();
  if (n < 3) return false;
  bool inside = false;
  for (size_t i = 0, j = n - 1; i < n; j = i++) {
    const Point& a = polygon[i];
    const Point& b = polygon[j];
    if (on_segment(a, b, p)) return true;
    if ((a.y > p.y) != (b.y > p.y)) {
      const double x_cross = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
      if (p.x < x_cross) inside = !inside;
    }
  }
  return inside;
}

std::optional<Box> bounding_box(const std::vector<Point>& polygon) {
  if (polygon.empty()) return std::nullopt;
  Box b{polygon[0].x, polygon[0].y, polygon[0].x, polygon[0].y};
  for (const Point& p : polygon) {
    b.x1 = std::min(b.x1, p.x);
    b.y1 = std::min(b.y1, p.y);
    b.x2 = std::max(b.x2, p.x);
    b.y2 = std::max(b.y2, p.y);
  }
  return b;
}

Box normalized(const Box& b) {
  return {std::min(b.x1, b.x2), std::min(b.y1, b.y2), std::max(b.x1, b.x2), std::max(b.y1, b.y2)};
}

Box clamp_to(const Box& b, double width, double height) {
  auto cl = [](double v, double hi) { return std::clamp(v, 0.0, hi); };
  return {cl(b.x1, width), cl(b.y1, height), cl(b.x2, width), cl(b.y2, height)};
}

}  // namespace humain
