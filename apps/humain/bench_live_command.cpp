// humain bench live: the act loop measured on real apps under Xvfb (issue 14; docs/ACT.md).
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"

#ifdef HUMAIN_HAVE_DESKTOP
#include "humain/live_bench.h"
#endif

namespace humain::cli {
namespace {

struct LiveArgs {
  std::string tasks, json_out, tiers = "vision,accessibility,both", only, config;
  int limit = 0;
  bool verbose = false;
};

int run_live(const LiveArgs& a) {
#ifdef HUMAIN_HAVE_DESKTOP
  LiveBenchOptions opt;
  opt.tiers.clear();
  std::stringstream ss(a.tiers);
  for (std::string t; std::getline(ss, t, ',');) {
    auto tier = parse_act_tier(t);
    if (!tier) return std::cerr << "humain bench live: unknown tier \"" << t << "\" (vision, accessibility, both)\n", 2;
    opt.tiers.push_back(*tier);
  }
  opt.only = a.only;
  opt.limit = a.limit;
  opt.verbose = a.verbose;
  opt.config = a.config;
  auto report = run_live_bench(a.tasks, opt);
  if (!report) {
    std::cerr << "humain bench live: " << report.error().message << "\n";
    return report.error().kind == Error::Kind::kUnsupported ? 77 : 2;
  }
  const std::string text = report->dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!a.json_out.empty()) {
    std::ofstream out(a.json_out);
    out << text << "\n";
    if (!out) return std::cerr << "humain bench live: cannot write " << a.json_out << "\n", 2;
  }
  for (const auto& [tier, s] : (*report)["by_tier"].items()) {
    std::cout << tier << ": success " << s["success_rate"].get<double>() << ", click accuracy " << s["click_accuracy"].get<double>()
              << ", false clicks " << s["false_clicks"].get<int>() << ", median step " << s["median_step_ms"].get<double>() << " ms\n";
  }
  return 0;
#else
  (void)a;
  std::cerr << "humain bench live: this build has no desktop layer (install libx11-dev libxext-dev libxtst-dev libatspi2.0-dev)\n";
  return 77;
#endif
}

}  // namespace

void add_bench_live_subcommand(CLI::App& bench, int& exit_code) {
  auto a = std::make_shared<LiveArgs>();
  auto* l = bench.add_subcommand("live", "Real apps under Xvfb + AT-SPI: task success, click accuracy, false clicks, step latency per tier");
  l->add_option("--tasks", a->tasks, "Task file (tests/live/tasks.yaml)")->required();
  l->add_option("--json", a->json_out, "Write the report here");
  l->add_option("--tiers", a->tiers, "Comma-separated: vision, accessibility, both")->capture_default_str();
  l->add_option("--only", a->only, "Run only tasks whose id or app contains this");
  l->add_option("--limit", a->limit, "At most this many tasks")->check(CLI::Range(0, 100000));
  l->add_option("--config", a->config, "Config for the vision tier (VLM tiers, cache, escalate_below = click threshold)");
  l->add_flag("--verbose", a->verbose, "One line per task on stderr");
  l->callback([a, &exit_code] { exit_code = run_live(*a); });
}

}  // namespace humain::cli
