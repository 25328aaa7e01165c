// Grounding metrics: Click Accuracy, Accuracy@IoU, the seed's evaluate_grounding_accuracy,
// latency percentiles, and per-category tallies for report breakdowns.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "humain/geometry.h"

namespace humain {

// The Accuracy@IoU thresholds every report carries.
inline constexpr std::array<double, 3> kIouThresholds = {0.5, 0.75, 0.9};

// hits / attempts; 0.0 when there were no attempts. A missing prediction is a miss (false).
double click_accuracy(const std::vector<bool>& hits);

// Fraction of IoUs strictly greater than `threshold`; a missing IoU (no predicted box) counts as 0.
double accuracy_at_iou(const std::vector<std::optional<double>>& ious, double threshold);

// IoU of a predicted box against the ground truth; nullopt prediction -> 0.0 (the contract's rule).
double prediction_iou(const std::optional<Box>& predicted, const Box& truth);

// The seed's evaluate_grounding_accuracy: a prediction matches when its IoU with ANY ground-truth
// box is strictly greater than the threshold; accuracy = matches / predictions (0 when empty).
struct GroundingAccuracy {
  double accuracy = 0;
  double threshold = 0;
  std::size_t total = 0;
  std::size_t matches = 0;
};
GroundingAccuracy evaluate_grounding_accuracy(const std::vector<Box>& predictions,
                                              const std::vector<Box>& ground_truths, double threshold = 0.5);

// Latency summary in milliseconds. Percentiles use linear interpolation between the two closest
// ranks (numpy's default, what `vllm bench serve` reports): rank = q/100 * (n - 1).
struct LatencySummary {
  std::size_t n = 0;
  double p50 = 0, p90 = 0, p99 = 0, mean = 0, min = 0, max = 0;
};
LatencySummary summarize_latency(std::vector<double> samples_ms);

// The q-th percentile (0..100) of already sorted values, by the same interpolation; 0 when empty.
double percentile_sorted(const std::vector<double>& sorted, double q);

// Counts for one slice of a data set (a ui type, a group, a platform, or everything).
struct Tally {
  std::size_t n = 0;
  std::size_t hits = 0;
  std::array<std::size_t, kIouThresholds.size()> iou_over{};  // IoU > kIouThresholds[i]

  // Adds one scored sample; iou nullopt means no predicted box (IoU 0).
  void add(bool hit, std::optional<double> iou);
  double click_accuracy() const { return n ? static_cast<double>(hits) / static_cast<double>(n) : 0.0; }
  double acc_at_iou(std::size_t threshold_index) const {
    return n ? static_cast<double>(iou_over.at(threshold_index)) / static_cast<double>(n) : 0.0;
  }
};

// Tallies keyed by a category name, ordered by name for stable reports.
using Breakdown = std::map<std::string, Tally>;

// Confidence calibration: samples bucketed by the grounder's confidence, with how often each
// bucket was right. A well calibrated grounder has accuracy close to the bucket's confidence.
struct CalibrationBucket {
  double lo = 0, hi = 0;  // confidence range [lo, hi); the last bucket includes 1.0
  std::size_t n = 0;
  std::size_t hits = 0;
  double accuracy() const { return n ? static_cast<double>(hits) / static_cast<double>(n) : 0.0; }
};
// `buckets` equal-width buckets over [0, 1]; confidences outside are clamped into range.
std::vector<CalibrationBucket> calibrate(const std::vector<double>& confidences, const std::vector<bool>& hits,
                                         int buckets = 5);

}  // namespace humain
