// report.json and predictions.jsonl: the contract's fields first, useful extras after.
#include <cmath>

#include "humain/eval.h"

namespace humain {
namespace {

using nlohmann::json;

// Rounded so reports diff cleanly and nobody reads meaning into the 12th digit.
double round_to(double v, int digits) {
  const double f = std::pow(10.0, digits);
  return std::round(v * f) / f;
}

json iou_json(const Tally& t) {
  json j = json::object();
  for (std::size_t i = 0; i < kIouThresholds.size(); ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "%g", kIouThresholds[i]);
    j[key] = t.acc_at_iou(i);
  }
  return j;
}

json breakdown_json(const Breakdown& b) {
  json j = json::object();
  for (const auto& [name, t] : b) {
    j[name] = {{"n", t.n}, {"click_accuracy", t.click_accuracy()}, {"hits", t.hits}, {"acc_at_iou", iou_json(t)}};
  }
  return j;
}

json latency_json(const LatencySummary& s) {
  return {{"p50", round_to(s.p50, 3)}, {"p90", round_to(s.p90, 3)}, {"p99", round_to(s.p99, 3)},
          {"mean", round_to(s.mean, 3)}, {"min", round_to(s.min, 3)}, {"max", round_to(s.max, 3)}, {"n", s.n}};
}

json point_json(const std::optional<Point>& p) {
  return p ? json::array({round_to(p->x, 2), round_to(p->y, 2)}) : json(nullptr);
}

json box_json(const std::optional<Box>& b) {
  return b ? json::array({round_to(b->x1, 2), round_to(b->y1, 2), round_to(b->x2, 2), round_to(b->y2, 2)})
           : json(nullptr);
}

}  // namespace

json prediction_json(const SampleResult& r) {
  const Prediction& p = r.prediction;
  json j = {
      {"id", r.sample.id},
      {"point", point_json(p.point)},
      {"bbox", box_json(p.box)},
      {"hit", r.hit},
      {"iou", r.iou ? json(round_to(*r.iou, 4)) : json(nullptr)},
      {"latency_ms", round_to(r.latency_ms, 3)},
      {"error", r.error ? json(*r.error) : json(nullptr)},
      {"instruction", r.sample.instruction},
      {"image", r.sample.image},
      {"ui_type", r.sample.ui_type},
      {"group", r.sample.group},
      {"platform", r.sample.platform},
      {"target", r.sample.target.is_refusal() ? json("refusal") : box_json(r.sample.target.box)},
      {"confidence", round_to(p.confidence, 4)},
      {"source", p.source},
  };
  if (!r.scored) j["scored"] = false;
  if (!r.error) {
    j["timings"] = {{"total_ms", round_to(p.timings.total_ms, 3)},
                    {"preprocess_ms", round_to(p.timings.preprocess_ms, 3)},
                    {"inference_ms", round_to(p.timings.inference_ms, 3)},
                    {"parse_ms", round_to(p.timings.parse_ms, 3)},
                    {"cache_hit", p.timings.cache_hit}};
  }
  return j;
}

static json warning_samples(const std::vector<std::string>& warnings) {
  json out = json::array();
  for (std::size_t i = 0; i < warnings.size() && i < 50; ++i) out.push_back(warnings[i]);
  return out;
}

json report_json(const EvalReport& r) {
  json errors_list = json::array();
  for (const SampleResult& s : r.results) {
    if (s.error && errors_list.size() < 50) errors_list.push_back({{"id", s.sample.id}, {"error", *s.error}});
  }
  json calibration = json::array();
  for (const CalibrationBucket& b : r.calibration) {
    calibration.push_back({{"confidence", {b.lo, b.hi}}, {"n", b.n}, {"accuracy", b.accuracy()}});
  }
  return {
      {"n", r.overall.n},
      {"click_accuracy", r.overall.click_accuracy()},
      {"acc_at_iou", iou_json(r.overall)},
      {"by_type", breakdown_json(r.by_type)},
      {"by_group", breakdown_json(r.by_group)},
      {"by_platform", breakdown_json(r.by_platform)},
      {"latency_ms", latency_json(r.latency)},
      {"errors", r.errors},
      {"warnings", r.warnings.size()},  // rows repaired on load (a box clamped to the image)
      {"dataset", r.dataset},
      {"grounder", r.grounder},
      // Beyond the contract:
      {"hits", r.overall.hits},
      {"format", r.format},
      {"error_samples", errors_list},
      {"warning_samples", warning_samples(r.warnings)},
      {"refusals", {{"n", r.refusals},
                    {"correct", r.refusals_correct},
                    {"accuracy", r.refusals ? static_cast<double>(r.refusals_correct) / static_cast<double>(r.refusals) : 0.0},
                    {"counted_in_click_accuracy", r.refusals_counted}}},
      {"calibration", calibration},
      // Grounders that cache per screenshot answer later rows fast; this is the cost of a first look.
      {"latency_uncached_ms", latency_json(r.latency_uncached)},
      {"images", r.images},
      {"decode_ms", latency_json(r.decode)},
      {"threads", r.threads},
      {"wall_s", round_to(r.wall_s, 3)},
  };
}

}  // namespace humain
