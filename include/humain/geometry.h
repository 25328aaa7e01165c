// Points and boxes in pixels of the original screenshot, and the conversions model outputs need.
#pragma once

#include <optional>
#include <vector>

namespace humain {

struct Point {
  double x = 0, y = 0;
  bool operator==(const Point&) const = default;
};

// An axis-aligned box [x1, y1, x2, y2] in pixels; x2 >= x1 and y2 >= y1 when valid().
struct Box {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  bool operator==(const Box&) const = default;

  double width() const { return x2 - x1; }
  double height() const { return y2 - y1; }
  double area() const { return valid() ? width() * height() : 0.0; }
  bool valid() const { return x2 >= x1 && y2 >= y1; }
  Point center() const { return {(x1 + x2) / 2.0, (y1 + y2) / 2.0}; }

  // [x, y, w, h] in pixels (ScreenSpot v1/v2, OSWorld-G).
  static Box from_xywh(double x, double y, double w, double h) { return {x, y, x + w, y + h}; }
  // Coordinates normalised to 0-1 of an image of width x height pixels.
  static Box from_unit(double x1, double y1, double x2, double y2, double width, double height);
  // Coordinates normalised to 0-1000 (Qwen2-VL, UI-TARS v1, OS-Atlas, Gemini...).
  static Box from_thousandths(double x1, double y1, double x2, double y2, double width, double height);
};

// Point normalised 0-1 / 0-1000 -> pixels.
Point point_from_unit(double x, double y, double width, double height);
Point point_from_thousandths(double x, double y, double width, double height);

// True when p lies inside b, edges included (the ScreenSpot scorer's rule).
bool contains(const Box& b, const Point& p);

// Intersection over union; 0.0 when either box has zero area or they are disjoint.
double iou(const Box& a, const Box& b);

// Smallest box holding both a and b.
Box union_box(const Box& a, const Box& b);

// Even-odd point-in-polygon test; points on an edge count as inside (OSWorld-G polygons).
bool contains(const std::vector<Point>& polygon, const Point& p);

// Bounding box of a polygon; nullopt for an empty polygon.
std::optional<Box> bounding_box(const std::vector<Point>& polygon);

// Box with x1 <= x2 and y1 <= y2 (swaps reversed corners).
Box normalized(const Box& b);

// b clipped to [0, width] x [0, height].
Box clamp_to(const Box& b, double width, double height);

}  // namespace humain
