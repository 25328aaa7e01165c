// The latency report as `vllm bench serve` names its figures, and as a console table.
#include <cstdio>

#include "humain/bench.h"

namespace humain {
namespace {

void put_stats(nlohmann::json& j, const std::string& metric, const LatencyStats& s) {
  j["mean_" + metric + "_ms"] = s.mean;
  j["median_" + metric + "_ms"] = s.median;
  j["p90_" + metric + "_ms"] = s.p90;
  j["p99_" + metric + "_ms"] = s.p99;
  j["std_" + metric + "_ms"] = s.std;
}

nlohmann::json level_json(const LatencyLevel& L) {
  nlohmann::json j = {
      {"max_concurrency", L.concurrency},
      {"completed", L.completed},
      {"failed", L.failed},
      {"duration", L.duration_s},
      {"total_input_tokens", L.total_input_tokens},
      {"total_output_tokens", L.total_output_tokens},
      {"request_throughput", L.request_throughput},
      {"request_goodput", L.request_goodput},
      {"output_throughput", L.output_throughput},
      {"tokens_per_s", L.tokens_per_s},
      {"errors", L.errors},
  };
  put_stats(j, "ttft", L.ttft);
  put_stats(j, "tpot", L.tpot);
  put_stats(j, "itl", L.itl);
  put_stats(j, "e2el", L.e2el);
  return j;
}

}  // namespace

nlohmann::json to_json(const LatencyReport& r) {
  nlohmann::json j = r.levels.empty() ? nlohmann::json::object() : level_json(r.levels.front());
  j["provider"] = r.provider;
  j["model"] = r.model;
  j["family"] = r.family;
  j["image_size"] = {r.image_width, r.image_height};
  j["load_ms"] = r.load.measured ? nlohmann::json(r.load.load_ms) : nlohmann::json(nullptr);
  j["load_method"] = r.load.method;
  j["warmup_ms"] = r.warmup_ms;
  j["warmup_ttft_ms"] = r.warmup_ttft_ms;
  j["slo_ms"] = r.slo_ms > 0 ? nlohmann::json(r.slo_ms) : nlohmann::json(nullptr);
  nlohmann::json sweep = nlohmann::json::array();
  for (const auto& L : r.levels) sweep.push_back(level_json(L));
  j["sweep"] = sweep;
  return j;
}

std::string format_latency_table(const LatencyReport& r) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%s / %s, image %dx%d\n", r.provider.c_str(), r.model.c_str(), r.image_width, r.image_height);
  out += line;
  // The seed's single-inference table: model loading | first token | full response | total.
  if (!r.levels.empty()) {
    const auto& one = r.levels.front();
    const double load = r.load.measured ? r.load.load_ms : 0;
    std::snprintf(line, sizeof line,
                  "single request: model loading %s | first token %.0f ms | full response %.0f ms | total %.0f ms "
                  "(cold first image request: %.0f ms)\n",
                  r.load.measured ? (std::to_string(int(load + 0.5)) + " ms").c_str() : "not measured", one.ttft.median,
                  one.e2el.median, load + one.e2el.median, r.warmup_ms);
    out += line;
  }
  std::snprintf(line, sizeof line, "%5s %5s %5s %8s %8s %9s %9s %9s %9s %9s %8s %8s\n", "conc", "ok", "fail", "req/s",
                "goodput", "TTFT p50", "TTFT p90", "TTFT p99", "E2E p50", "E2E p99", "TPOT", "tok/s");
  out += line;
  for (const auto& L : r.levels) {
    std::snprintf(line, sizeof line, "%5d %5d %5d %8.2f %8.2f %9.1f %9.1f %9.1f %9.1f %9.1f %8.1f %8.1f\n", L.concurrency, L.completed,
                  L.failed, L.request_throughput, L.request_goodput, L.ttft.median, L.ttft.p90, L.ttft.p99, L.e2el.median,
                  L.e2el.p99, L.tpot.mean, L.tokens_per_s);
    out += line;
    for (const auto& e : L.errors) out += "      error: " + e + "\n";
  }
  if (r.slo_ms > 0) {
    std::snprintf(line, sizeof line, "goodput = requests/s finishing within the %.0f ms SLO\n", r.slo_ms);
    out += line;
  }
  return out;
}

}  // namespace humain
