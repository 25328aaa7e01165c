// The seed's ReAct-loop optimisation table made measurable: K observe -> ground -> act
// iterations per variant (baseline, cache, local-first cascade, both), each iteration's time
// split into capture / encode / route / inference / parse / act.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "humain/bench.h"
#include "humain/dataset.h"
#include "humain/image.h"
#include "humain/metrics.h"

namespace humain {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

const std::map<std::string, std::string>& descriptions() {
  static const std::map<std::string, std::string> d = {
      {"baseline", "VLM for every step, no cache"},
      {"cache", "VLM + prediction cache (repeated screen + instruction answered from memory)"},
      {"cascade", "local engine first, VLM only when unsure (the seed's 'faster engine' row)"},
      {"combined", "cascade + prediction cache"},
  };
  return d;
}

void summarise(ReactVariantResult& v) {
  std::vector<double> totals;
  const double n = std::max<size_t>(1, v.iterations.size());
  for (const auto& it : v.iterations) {
    totals.push_back(it.total_ms);
    v.capture_ms += it.capture_ms / n;
    v.encode_ms += it.encode_ms / n;
    v.route_ms += it.route_ms / n;
    v.inference_ms += it.inference_ms / n;
    v.parse_ms += it.parse_ms / n;
    v.act_ms += it.act_ms / n;
    v.cache_hits += it.cache_hit ? 1 : 0;
    v.answered += it.ok && !it.source.empty() ? 1 : 0;
    v.failed += it.ok ? 0 : 1;
  }
  const LatencySummary s = summarize_latency(totals);
  v.mean_ms = s.mean;
  v.median_ms = s.p50;
}

}  // namespace

Result<ReactReport> run_react_benchmark(const std::vector<ReactStep>& steps, const ReactOptions& options,
                                        const ReactGrounderMaker& make) {
  if (steps.empty()) return Error::invalid("the ReAct benchmark needs at least one step");
  if (options.iterations < 1) return Error::invalid("--iterations must be at least 1");
  ReactReport report;
  report.iterations = options.iterations;
  std::set<std::string> screens;
  for (int i = 0; i < options.iterations; ++i) screens.insert(steps[i % steps.size()].image_path);
  report.distinct_screens = int(screens.size());

  for (const auto& variant : options.variants) {
    if (!descriptions().count(variant)) return Error::invalid("unknown ReAct variant '" + variant + "'");
    auto grounder = make(variant);
    if (!grounder) return Error{grounder.error().kind, variant + ": " + grounder.error().message};
    ReactVariantResult v;
    v.variant = variant;
    v.description = descriptions().at(variant);
    std::vector<std::string> actions;  // the act step: recorded, not performed (no desktop here)
    for (int i = 0; i < options.iterations; ++i) {
      const ReactStep& step = steps[i % steps.size()];
      ReactIteration it;
      const auto t0 = Clock::now();
      // Observe: the screenshot is read and decoded as a capture would deliver it.
      auto screen = load_screenshot(step.image_path);
      it.capture_ms = ms_since(t0);
      if (!screen) {
        it.error = screen.error().message;
      } else {
        const auto t1 = Clock::now();
        auto p = (*grounder)->find_element(*screen, step.instruction);
        const double ground_ms = ms_since(t1);
        if (!p) {
          it.error = p.error().message;
        } else {
          it.ok = true;
          it.source = p->point ? p->source : "";
          it.cache_hit = p->timings.cache_hit;
          it.encode_ms = p->timings.preprocess_ms;
          it.inference_ms = p->timings.inference_ms;
          it.parse_ms = p->timings.parse_ms;
          it.route_ms = std::max(0.0, ground_ms - it.encode_ms - it.inference_ms - it.parse_ms);
          const auto t2 = Clock::now();
          if (p->point) actions.push_back("click " + std::to_string(int(p->point->x)) + "," + std::to_string(int(p->point->y)));
          it.act_ms = ms_since(t2);
        }
      }
      it.total_ms = ms_since(t0);
      v.iterations.push_back(std::move(it));
    }
    summarise(v);
    report.variants.push_back(std::move(v));
  }
  const auto base = std::find_if(report.variants.begin(), report.variants.end(), [](const auto& v) { return v.variant == "baseline"; });
  for (auto& v : report.variants) {
    v.speedup = base != report.variants.end() && v.mean_ms > 0 ? base->mean_ms / v.mean_ms : 1.0;
  }
  return report;
}

Result<std::vector<ReactStep>> react_steps_from_dataset(const std::string& dataset_json, const std::string& images_dir,
                                                        int max_screens) {
  auto ds = load_dataset(dataset_json);
  if (!ds) return ds.error();
  // Group the rows by screen, keeping the file's order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> by_screen;
  for (const auto& s : ds->samples) {
    if (s.target.is_refusal()) continue;
    const std::string path = (std::filesystem::path(images_dir) / s.image).string();
    if (!by_screen.count(path)) order.push_back(path);
    by_screen[path].push_back(s.instruction);
  }
  if (order.empty()) return Error::invalid(dataset_json + ": no rows with a target to build a screen sequence from");
  if (int(order.size()) > max_screens) order.resize(max_screens);
  // Per screen: two different targets, then the first again (a repeated step, as when an action
  // did not change the screen); after each new screen, go back to the previous one.
  std::vector<ReactStep> steps;
  for (size_t i = 0; i < order.size(); ++i) {
    const auto& rows = by_screen[order[i]];
    steps.push_back({order[i], rows[0]});
    if (rows.size() > 1) steps.push_back({order[i], rows[1]});
    steps.push_back({order[i], rows[0]});
    if (i > 0) steps.push_back({order[i - 1], by_screen[order[i - 1]][0]});
  }
  return steps;
}

nlohmann::json to_json(const ReactReport& r) {
  nlohmann::json variants = nlohmann::json::array();
  for (const auto& v : r.variants) {
    nlohmann::json its = nlohmann::json::array();
    for (const auto& it : v.iterations) {
      its.push_back({{"capture_ms", it.capture_ms}, {"encode_ms", it.encode_ms}, {"route_ms", it.route_ms},
                     {"inference_ms", it.inference_ms}, {"parse_ms", it.parse_ms}, {"act_ms", it.act_ms},
                     {"total_ms", it.total_ms}, {"cache_hit", it.cache_hit}, {"ok", it.ok}, {"source", it.source},
                     {"error", it.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(it.error)}});
    }
    variants.push_back({{"variant", v.variant}, {"description", v.description}, {"mean_ms", v.mean_ms}, {"median_ms", v.median_ms},
                        {"speedup", v.speedup}, {"cache_hits", v.cache_hits}, {"answered", v.answered}, {"failed", v.failed},
                        {"mean_split_ms", {{"capture", v.capture_ms}, {"encode", v.encode_ms}, {"route", v.route_ms},
                                           {"inference", v.inference_ms}, {"parse", v.parse_ms}, {"act", v.act_ms}}},
                        {"iterations", its}});
  }
  return {{"iterations", r.iterations}, {"distinct_screens", r.distinct_screens}, {"variants", variants}};
}

std::string format_react_table(const ReactReport& r) {
  static const std::map<std::string, std::string> kSeedRow = {
      {"baseline", "Baseline"}, {"cache", "With cache"}, {"cascade", "With faster engine"}, {"combined", "Combined"}};
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "ReAct loop: %d iterations over %d distinct screens (mean ms per iteration)\n", r.iterations,
                r.distinct_screens);
  out += line;
  std::snprintf(line, sizeof line, "%-19s %9s %8s %8s %8s %8s %9s %7s %6s %5s %5s\n", "", "per iter", "speedup", "capture",
                "encode", "route", "inference", "parse", "act", "hits", "fail");
  out += line;
  for (const auto& v : r.variants) {
    std::snprintf(line, sizeof line, "%-19s %9.1f %7.2fx %8.1f %8.1f %8.1f %9.1f %7.2f %6.3f %5d %5d\n",
                  kSeedRow.count(v.variant) ? kSeedRow.at(v.variant).c_str() : v.variant.c_str(), v.mean_ms, v.speedup,
                  v.capture_ms, v.encode_ms, v.route_ms, v.inference_ms, v.parse_ms, v.act_ms, v.cache_hits, v.failed);
    out += line;
  }
  for (const auto& v : r.variants) out += "  " + v.variant + ": " + v.description + "\n";
  return out;
}

}  // namespace humain
