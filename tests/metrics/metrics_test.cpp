// Metrics against hand-computed cases, including the seed's calculate_iou / evaluate_grounding_accuracy.
#include "humain/metrics.h"

#include <gtest/gtest.h>

namespace humain {
namespace {

TEST(ClickAccuracy, HitsOverAttempts) {
  EXPECT_DOUBLE_EQ(click_accuracy({true, false, true, true}), 0.75);
  EXPECT_DOUBLE_EQ(click_accuracy({false, false}), 0.0);
  EXPECT_DOUBLE_EQ(click_accuracy({}), 0.0);
}

TEST(AccuracyAtIou, StrictlyGreaterAndMissingBoxIsZero) {
  // 0.5 exactly does not count at threshold 0.5; nullopt counts as IoU 0.
  const std::vector<std::optional<double>> ious = {0.5, 0.76, 0.95, std::nullopt};
  EXPECT_DOUBLE_EQ(accuracy_at_iou(ious, 0.5), 2.0 / 4.0);
  EXPECT_DOUBLE_EQ(accuracy_at_iou(ious, 0.75), 2.0 / 4.0);
  EXPECT_DOUBLE_EQ(accuracy_at_iou(ious, 0.9), 1.0 / 4.0);
  EXPECT_DOUBLE_EQ(accuracy_at_iou({}, 0.5), 0.0);
  // IoU 0 never beats threshold 0: a missing box is not "IoU > 0".
  EXPECT_DOUBLE_EQ(accuracy_at_iou({std::nullopt}, 0.0), 0.0);
}

TEST(PredictionIou, NoBoxIsZero) {
  EXPECT_DOUBLE_EQ(prediction_iou(std::nullopt, Box{0, 0, 10, 10}), 0.0);
  // Seed formula by hand: (0,0,10,10) vs (5,0,15,10): overlap 50, union 150.
  EXPECT_DOUBLE_EQ(prediction_iou(Box{0, 0, 10, 10}, Box{5, 0, 15, 10}), 50.0 / 150.0);
}

TEST(EvaluateGroundingAccuracy, SeedSemantics) {
  // The seed's example ground truth (100, 200, 150, 250).
  const std::vector<Box> truths = {{100, 200, 150, 250}, {300, 300, 400, 400}};
  const std::vector<Box> preds = {
      {100, 200, 150, 250},  // identical: IoU 1 -> match
      {110, 200, 160, 250},  // overlap 40x50=2000, union 2500+2500-2000=3000 -> 0.667 -> match
      {125, 200, 175, 250},  // overlap 25x50=1250, union 3750 -> 0.333 -> no match
      {300, 300, 400, 400},  // matches the SECOND truth box: "any" semantics
      {0, 0, 10, 10},        // disjoint
  };
  const GroundingAccuracy r = evaluate_grounding_accuracy(preds, truths, 0.5);
  EXPECT_EQ(r.total, 5u);
  EXPECT_EQ(r.matches, 3u);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.6);
  EXPECT_DOUBLE_EQ(r.threshold, 0.5);

  const GroundingAccuracy strict = evaluate_grounding_accuracy(preds, truths, 0.7);
  EXPECT_EQ(strict.matches, 2u);  // 0.667 no longer passes

  const GroundingAccuracy none = evaluate_grounding_accuracy({}, truths, 0.5);
  EXPECT_EQ(none.total, 0u);
  EXPECT_DOUBLE_EQ(none.accuracy, 0.0);
}

TEST(EvaluateGroundingAccuracy, ExactlyAtThresholdIsNotAMatch) {
  // (0,0,10,10) vs (0,0,10,20): overlap 100, union 200 -> IoU exactly 0.5.
  const GroundingAccuracy r = evaluate_grounding_accuracy({{0, 0, 10, 10}}, {{0, 0, 10, 20}}, 0.5);
  EXPECT_EQ(r.matches, 0u);
}

TEST(Latency, LinearInterpolationPercentiles) {
  // Sorted 10,20,...,100: rank for p50 = 0.5*9 = 4.5 -> 55; p90 = 8.1 -> 91; p99 = 8.91 -> 99.1.
  std::vector<double> v = {100, 10, 90, 20, 80, 30, 70, 40, 60, 50};
  const LatencySummary s = summarize_latency(v);
  EXPECT_EQ(s.n, 10u);
  EXPECT_DOUBLE_EQ(s.p50, 55.0);
  EXPECT_NEAR(s.p90, 91.0, 1e-9);
  EXPECT_NEAR(s.p99, 99.1, 1e-9);
  EXPECT_DOUBLE_EQ(s.mean, 55.0);
  EXPECT_DOUBLE_EQ(s.min, 10.0);
  EXPECT_DOUBLE_EQ(s.max, 100.0);
}

TEST(Latency, SingleAndEmpty) {
  const LatencySummary one = summarize_latency({42});
  EXPECT_DOUBLE_EQ(one.p50, 42);
  EXPECT_DOUBLE_EQ(one.p99, 42);
  const LatencySummary none = summarize_latency({});
  EXPECT_EQ(none.n, 0u);
  EXPECT_DOUBLE_EQ(none.p50, 0);
}

TEST(Tally, CountsHitsAndIouThresholds) {
  Tally t;
  t.add(true, 0.95);
  t.add(true, 0.6);
  t.add(false, std::nullopt);
  t.add(false, 0.75);  // not > 0.75
  EXPECT_EQ(t.n, 4u);
  EXPECT_DOUBLE_EQ(t.click_accuracy(), 0.5);
  EXPECT_DOUBLE_EQ(t.acc_at_iou(0), 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(t.acc_at_iou(1), 1.0 / 4.0);
  EXPECT_DOUBLE_EQ(t.acc_at_iou(2), 1.0 / 4.0);
  EXPECT_DOUBLE_EQ(Tally{}.click_accuracy(), 0.0);
}

TEST(Calibration, BucketsByConfidence) {
  const auto b = calibrate({0.05, 0.15, 0.95, 1.0, 0.99, -3.0}, {false, true, true, true, false, false}, 5);
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b[0].n, 3u);  // 0.05, 0.15 and the clamped -3
  EXPECT_EQ(b[0].hits, 1u);
  EXPECT_EQ(b[4].n, 3u);  // 0.95, 1.0 (last bucket includes 1), 0.99
  EXPECT_EQ(b[4].hits, 2u);
  EXPECT_NEAR(b[4].accuracy(), 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(b[1].accuracy(), 0.0);
}

}  // namespace
}  // namespace humain
