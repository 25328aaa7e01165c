// The live benchmark (`humain bench live`): real Debian apps under Xvfb with a D-Bus session and the
// AT-SPI bus, all started here and all killed at the end; tasks with expected effects run through
// the act loop once per tier. Task file format and numbers: docs/ACT.md.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/act.h"
#include "humain/result.h"

namespace humain {

struct LiveBenchOptions {
  std::vector<ActTier> tiers = {ActTier::kVision, ActTier::kAccessibility, ActTier::kBoth};
  std::string only;              // run tasks whose id or app contains this ("" = all)
  int limit = 0;                 // at most this many tasks (0 = all)
  int screen_width = 1440, screen_height = 900;  // gtk3-widget-factory is ~1360 px wide
  int app_start_timeout_ms = 20000;
  bool verbose = false;          // one line per task on stderr
  std::string config;            // config file for the vision tier (VLM tiers, cache); "" = local engine
};

// Runs the tasks in `tasks_file` and returns the report: the DESIGN.md contract {"tasks", "apps",
// "by_tier": {TIER: {"success_rate", "click_accuracy", "false_clicks", "median_step_ms"}}} plus
// "by_tier_app" (the docs' table), per-step latency medians and "results" (one row per task and tier).
// Errors: unreadable task file, Xvfb / dbus-daemon / AT-SPI missing or failing to start.
Result<nlohmann::json> run_live_bench(const std::string& tasks_file, const LiveBenchOptions& options);

}  // namespace humain
