#include "humain/json_output.h"

#include <cmath>

namespace humain {

using nlohmann::json;

json prediction_json(const Prediction& p, double latency_ms) {
  json out = {
      {"point", p.point ? json::array({p.point->x, p.point->y}) : json(nullptr)},
      {"bbox", p.box ? json::array({p.box->x1, p.box->y1, p.box->x2, p.box->y2}) : json(nullptr)},
      {"confidence", p.confidence},
      {"source", p.source},
      {"latency_ms", latency_ms},
  };
  out["timings"] = {{"total_ms", p.timings.total_ms},         {"preprocess_ms", p.timings.preprocess_ms},
                    {"connect_ms", p.timings.connect_ms},     {"ttft_ms", p.timings.ttft_ms},
                    {"inference_ms", p.timings.inference_ms}, {"parse_ms", p.timings.parse_ms},
                    {"cache_hit", p.timings.cache_hit}};
  return out;
}

json route_json(const RouteDecision& d, const std::string& operation, const std::vector<std::string>& warnings) {
  auto box = [](const Box& b) {
    return json::array({std::lround(b.x1), std::lround(b.y1), std::lround(b.x2), std::lround(b.y2)});
  };
  json redactions = json::array(), findings = json::array(), plan = json::array();
  for (const auto& b : d.redactions) redactions.push_back(box(b));
  for (const auto& f : d.findings) findings.push_back({{"kind", f.kind}, {"level", sensitivity_name(f.level)}, {"box", box(f.box)}});
  for (Tier t : d.plan) plan.push_back(tier_name(t));
  return {{"tier", tier_name(d.tier)}, {"mode", d.mode}, {"sensitivity", sensitivity_name(d.sensitivity)},
          {"complexity", complexity_name(d.complexity)}, {"reasons", d.reasons},
          {"redactions", redactions}, {"plan", plan}, {"operation", operation},
          {"cloud_allowed", d.cloud_allowed}, {"findings", findings}, {"warnings", warnings}};
}

json element_json(const ScreenElement& e) {
  json guesses = json::array();
  for (const auto& g : e.icon_guesses) guesses.push_back({{"name", g.name}, {"score", g.score}});
  return {{"role", role_name(e.role)},
          {"bbox", {e.box.x1, e.box.y1, e.box.x2, e.box.y2}},
          {"text", e.text},
          {"confidence", e.confidence},
          {"icon_guesses", guesses}};
}

}  // namespace humain
