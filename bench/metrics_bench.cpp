// Metrics on the eval hot path: IoU, point-in-box, and aggregating a ScreenSpot-Pro-sized run.
// Run: build/bench/humain_microbench --benchmark_filter='Iou|Contains|Aggregate|Latency'
#include <benchmark/benchmark.h>

#include <random>

#include "humain/geometry.h"
#include "humain/metrics.h"

namespace {

std::vector<humain::Box> random_boxes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> pos(0, 3800), size(4, 300);
  std::vector<humain::Box> out;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = pos(rng), y = pos(rng) * 0.55;
    out.push_back({x, y, x + size(rng), y + size(rng) * 0.5});
  }
  return out;
}

void BM_Iou(benchmark::State& state) {
  const auto a = random_boxes(1024, 1), b = random_boxes(1024, 2);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(humain::iou(a[i & 1023], b[i & 1023]));
    ++i;
  }
}
BENCHMARK(BM_Iou);

void BM_ContainsPoint(benchmark::State& state) {
  const auto boxes = random_boxes(1024, 3);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(humain::contains(boxes[i & 1023], boxes[(i + 1) & 1023].center()));
    ++i;
  }
}
BENCHMARK(BM_ContainsPoint);

// The seed's evaluate_grounding_accuracy: every prediction against every ground truth (n x n).
void BM_EvaluateGroundingAccuracy(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto pred = random_boxes(n, 4), truth = random_boxes(n, 5);
  for (auto _ : state) benchmark::DoNotOptimize(humain::evaluate_grounding_accuracy(pred, truth, 0.5));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_EvaluateGroundingAccuracy)->Arg(100)->Arg(1581);

// A whole ScreenSpot-Pro run's aggregation: click accuracy, Accuracy@IoU at 3 thresholds, tallies.
void BM_AggregateReport(benchmark::State& state) {
  const std::size_t n = 1581;
  const auto pred = random_boxes(n, 6), truth = random_boxes(n, 7);
  std::vector<bool> hits(n);
  std::vector<std::optional<double>> ious(n);
  for (std::size_t i = 0; i < n; ++i) {
    hits[i] = humain::contains(truth[i], pred[i].center());
    ious[i] = humain::prediction_iou(pred[i], truth[i]);
  }
  for (auto _ : state) {
    humain::Tally all, by_group[23];
    for (std::size_t i = 0; i < n; ++i) {
      all.add(hits[i], ious[i]);
      by_group[i % 23].add(hits[i], ious[i]);
    }
    double acc = humain::click_accuracy(hits);
    for (double t : humain::kIouThresholds) acc += humain::accuracy_at_iou(ious, t);
    benchmark::DoNotOptimize(acc);
    benchmark::DoNotOptimize(all.click_accuracy());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<long>(n));
}
BENCHMARK(BM_AggregateReport);

void BM_LatencySummary(benchmark::State& state) {
  std::mt19937 rng(8);
  std::lognormal_distribution<double> ms(6.0, 0.5);
  std::vector<double> samples(static_cast<std::size_t>(state.range(0)));
  for (auto& s : samples) s = ms(rng);
  for (auto _ : state) benchmark::DoNotOptimize(humain::summarize_latency(samples));
}
BENCHMARK(BM_LatencySummary)->Arg(1581);

}  // namespace
