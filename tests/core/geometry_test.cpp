#include "humain/geometry.h"

#include <gtest/gtest.h>

namespace humain {
namespace {

TEST(Geometry, ContainsIncludesEdges) {
  const Box b{10, 20, 30, 40};
  EXPECT_TRUE(contains(b, {10, 20}));
  EXPECT_TRUE(contains(b, {30, 40}));
  EXPECT_TRUE(contains(b, {20, 30}));
  EXPECT_FALSE(contains(b, {30.001, 30}));
  EXPECT_FALSE(contains(b, {20, 19.999}));
}

TEST(Geometry, IouHandComputed) {
  // Seed formula: overlap 5x5=25, union 100+100-25=175.
  EXPECT_NEAR(iou({0, 0, 10, 10}, {5, 5, 15, 15}), 25.0 / 175.0, 1e-12);
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0);
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {20, 20, 30, 30}), 0.0);   // disjoint
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {10, 0, 20, 10}), 0.0);    // touching edge
  EXPECT_DOUBLE_EQ(iou({5, 5, 5, 15}, {0, 0, 10, 10}), 0.0);      // zero area
  EXPECT_DOUBLE_EQ(iou({10, 10, 0, 0}, {0, 0, 10, 10}), 0.0);     // swapped corners are invalid
}

TEST(Geometry, Conversions) {
  EXPECT_EQ(Box::from_xywh(10, 20, 30, 40), (Box{10, 20, 40, 60}));
  EXPECT_EQ(Box::from_unit(0.5, 0.5, 1, 1, 1920, 1080), (Box{960, 540, 1920, 1080}));
  EXPECT_EQ(Box::from_thousandths(500, 250, 1000, 1000, 1920, 1080), (Box{960, 270, 1920, 1080}));
  EXPECT_EQ(point_from_thousandths(500, 500, 1000, 2000), (Point{500, 1000}));
  EXPECT_EQ(normalized({10, 10, 0, 0}), (Box{0, 0, 10, 10}));
}

TEST(Geometry, PolygonContainment) {
  const std::vector<Point> tri{{0, 0}, {10, 0}, {0, 10}};
  EXPECT_TRUE(contains(tri, Point{1, 1}));
  EXPECT_TRUE(contains(tri, Point{5, 5}));    // on the hypotenuse
  EXPECT_TRUE(contains(tri, Point{0, 5}));    // on an edge
  EXPECT_FALSE(contains(tri, Point{6, 6}));
  EXPECT_FALSE(contains(std::vector<Point>{{0, 0}, {1, 1}}, Point{0, 0}));  // degenerate
  EXPECT_EQ(*bounding_box(tri), (Box{0, 0, 10, 10}));
}

TEST(Geometry, UnionBoxHoldsBoth) {
  EXPECT_EQ(union_box(Box{10, 20, 30, 40}, Box{5, 25, 50, 35}), (Box{5, 20, 50, 40}));
  EXPECT_EQ(union_box(Box{0, 0, 1, 1}, Box{0, 0, 1, 1}), (Box{0, 0, 1, 1}));
}

}  // namespace
}  // namespace humain
