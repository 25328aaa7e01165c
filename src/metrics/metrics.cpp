#include "humain/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace humain {

double click_accuracy(const std::vector<bool>& hits) {
  if (hits.empty()) return 0.0;
  const auto n_hits = std::count(hits.begin(), hits.end(), true);
  return static_cast<double>(n_hits) / static_cast<double>(hits.size());
}

double accuracy_at_iou(const std::vector<std::optional<double>>& ious, double threshold) {
  if (ious.empty()) return 0.0;
  const auto over = std::count_if(ious.begin(), ious.end(),
                                  [threshold](const std::optional<double>& v) { return v.value_or(0.0) > threshold; });
  return static_cast<double>(over) / static_cast<double>(ious.size());
}

double prediction_iou(const std::optional<Box>& predicted, const Box& truth) {
  return predicted ? iou(*predicted, truth) : 0.0;
}

GroundingAccuracy evaluate_grounding_accuracy(const std::vector<Box>& predictions,
                                              const std::vector<Box>& ground_truths, double threshold) {
  GroundingAccuracy r;
  r.threshold = threshold;
  r.total = predictions.size();
  for (const Box& p : predictions) {
    const bool matched = std::any_of(ground_truths.begin(), ground_truths.end(),
                                     [&](const Box& g) { return iou(p, g) > threshold; });
    if (matched) ++r.matches;
  }
  r.accuracy = r.total ? static_cast<double>(r.matches) / static_cast<double>(r.total) : 0.0;
  return r;
}

double percentile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double rank = std::clamp(q, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = rank - static_cast<double>(lo);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

LatencySummary summarize_latency(std::vector<double> samples_ms) {
  LatencySummary s;
  s.n = samples_ms.size();
  if (samples_ms.empty()) return s;
  std::sort(samples_ms.begin(), samples_ms.end());
  s.p50 = percentile_sorted(samples_ms, 50);
  s.p90 = percentile_sorted(samples_ms, 90);
  s.p99 = percentile_sorted(samples_ms, 99);
  s.mean = std::accumulate(samples_ms.begin(), samples_ms.end(), 0.0) / static_cast<double>(s.n);
  s.min = samples_ms.front();
  s.max = samples_ms.back();
  return s;
}

void Tally::add(bool hit, std::optional<double> iou_value) {
  ++n;
  if (hit) ++hits;
  for (std::size_t i = 0; i < kIouThresholds.size(); ++i) {
    if (iou_value.value_or(0.0) > kIouThresholds[i]) ++iou_over[i];
  }
}

std::vector<CalibrationBucket> calibrate(const std::vector<double>& confidences, const std::vector<bool>& hits,
                                         int buckets) {
  buckets = std::max(buckets, 1);
  std::vector<CalibrationBucket> out(static_cast<std::size_t>(buckets));
  for (int i = 0; i < buckets; ++i) {
    out[static_cast<std::size_t>(i)].lo = static_cast<double>(i) / buckets;
    out[static_cast<std::size_t>(i)].hi = static_cast<double>(i + 1) / buckets;
  }
  const std::size_t n = std::min(confidences.size(), hits.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double c = std::isfinite(confidences[i]) ? std::clamp(confidences[i], 0.0, 1.0) : 0.0;
    const auto b = std::min(static_cast<std::size_t>(c * buckets), out.size() - 1);
    ++out[b].n;
    if (hits[i]) ++out[b].hits;
  }
  return out;
}

}  // namespace humain
