// humain bench latency | react: how fast an engine answers, and what the cache and cascade save.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "option_checks.h"
#include "humain/bench.h"
#include "humain/config.h"

namespace humain::cli {
namespace {

namespace fs = std::filesystem;

// A repository file, relative to the working directory or to the binary (build/humain).
std::string repo_file(const std::string& rel) {
  if (fs::exists(rel)) return rel;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::exists(dir / rel)) return (dir / rel).string();
    }
  }
  return rel;
}

int fail(const std::string& what, const Error& e) {
  std::cerr << "humain bench " << what << ": " << e.message << "\n";
  return 2;
}

Status write_json(const std::string& path, const nlohmann::json& j) {
  std::ofstream out(path);
  if (!out) return Error::io("cannot write " + path);
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  if (!out) return Error::io("cannot write " + path);
  return ok_status();
}

struct LatencyArgs {
  std::string config, image, json_out, instruction = "Click the Sign in button", endpoint = "all";
  LatencyOptions options;
  std::optional<double> ready_timeout_s;
  bool no_load = false;
};

int run_latency(LatencyArgs a) {
  auto config = load_config(a.config);
  if (!config) return fail("latency", config.error());
  std::vector<EndpointConfig> endpoints;
  if (config->local && (a.endpoint == "all" || a.endpoint == "local")) endpoints.push_back(*config->local);
  if (config->cloud && (a.endpoint == "all" || a.endpoint == "cloud")) endpoints.push_back(*config->cloud);
  if (endpoints.empty()) return fail("latency", Error::invalid(a.config + " configures no VLM endpoint for --endpoint " + a.endpoint));
  if (a.image.empty()) a.image = repo_file("data/samples/login.png");
  a.options.measure_load = !a.no_load;

  nlohmann::json all = nlohmann::json::array();
  for (const auto& ep : endpoints) {
    auto request = grounding_request(ep, a.image, a.instruction);
    if (!request) return fail("latency", request.error());
    // How long the server may take to come up: the endpoint's own `timeout:` unless told.
    a.options.ready_timeout_s = a.ready_timeout_s.value_or(ep.total_timeout_s);
    a.options.progress = stderr;
    UnloadHook unload;
    if (ep.provider == "ollama") unload = [ep] { return unload_ollama_model(ep); };
    auto report = run_latency_benchmark([ep] { return make_provider(ep); }, *request, a.options, unload);
    if (!report) return fail("latency", Error{report.error().kind, ep.provider + "/" + ep.model + ": " + report.error().message});
    report->family = ep.family;
    std::cout << format_latency_table(*report) << "\n";
    all.push_back(to_json(*report));
  }
  if (!a.json_out.empty()) {
    nlohmann::json out = all.front();  // the first endpoint's figures at top level (vllm bench serve layout)
    out["endpoints"] = all;
    out["image"] = a.image;
    out["config"] = a.config;
    if (auto s = write_json(a.json_out, out); !s) return fail("latency", s.error());
  }
  int failed = 0;
  for (const auto& r : all) failed += r["failed"].get<int>();
  return failed ? 1 : 0;
}

struct ReactArgs {
  std::string config, dataset, images, json_out, cache = "both", cascade = "both";
  int iterations = 20;
  int max_screens = 8;
};

int run_react(ReactArgs a) {
  auto config = load_config(a.config);
  if (!config) return fail("react", config.error());
  if (a.dataset.empty()) {
    a.dataset = repo_file("data/dev/dataset.json");
    if (!fs::exists(a.dataset)) a.dataset = repo_file("data/samples/samples.json");
  }
  if (a.images.empty()) {
    // data/dev keeps its screens in images/; data/samples next to the JSON.
    const fs::path dir = fs::path(a.dataset).parent_path();
    a.images = fs::exists(dir / "images") ? (dir / "images").string() : dir.string();
  }
  auto steps = react_steps_from_dataset(a.dataset, a.images, a.max_screens);
  if (!steps) return fail("react", steps.error());

  ReactOptions options;
  options.iterations = a.iterations;
  options.variants.clear();
  for (const std::string v : {"baseline", "cache", "cascade", "combined"}) {
    const bool has_cache = v == "cache" || v == "combined";
    const bool has_cascade = v == "cascade" || v == "combined";
    const bool wanted = v == "baseline" || ((a.cache == "both" || (a.cache == "on") == has_cache) &&
                                            (a.cascade == "both" || (a.cascade == "on") == has_cascade));
    if (wanted) options.variants.push_back(v);
  }
  auto report = run_react_benchmark(*steps, options, react_grounders_from_config(*config));
  if (!report) return fail("react", report.error());
  std::cout << "screens from " << a.dataset << "\n" << format_react_table(*report);
  if (!a.json_out.empty()) {
    auto j = to_json(*report);
    j["dataset"] = a.dataset;
    j["config"] = a.config;
    if (auto s = write_json(a.json_out, j); !s) return fail("react", s.error());
  }
  int failed = 0;
  for (const auto& v : report->variants) failed += v.failed;
  return failed ? 1 : 0;
}

}  // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto* bench = app.add_subcommand("bench", "Latency of the configured engines; the ReAct-loop benchmark");
  bench->require_subcommand(1);

  auto la = std::make_shared<LatencyArgs>();
  auto* l = bench->add_subcommand("latency", "Load time, TTFT, E2E latency, TPOT/ITL and a concurrency sweep per configured VLM");
  l->add_option("--config", la->config, "YAML config naming the VLM endpoint(s)")->required();
  l->add_option("--runs", la->options.runs, "Measured requests per concurrency level")->capture_default_str()->check(CLI::Range(1, 100000));
  l->add_option("--concurrency", la->options.concurrency, "Sweep 1, 2, 4, ... up to this many requests in flight")
      ->capture_default_str()->check(CLI::Range(1, 256));
  l->add_option("--image", la->image, "Screenshot to send (default data/samples/login.png)");
  l->add_option("--instruction", la->instruction, "Grounding instruction")->capture_default_str();
  l->add_option("--warmup", la->options.warmup, "Unmeasured image requests first")->capture_default_str()->check(CLI::Range(0, 100));
  l->add_option("--slo-ms", la->options.slo_ms, "Latency SLO for goodput (E2E ms)");
  l->add_option("--endpoint", la->endpoint, "local | cloud | all")->capture_default_str()->check(CLI::IsMember({"local", "cloud", "all"}));
  l->add_flag("--no-load", la->no_load, "Do not unload / wait for the model to measure load time");
  l->add_option("--ready-timeout", la->ready_timeout_s,
                "Seconds to wait for the server to report ready (default: the endpoint's timeout)")
      ->check(finite_range(0.001, 86400));
  l->add_option("--json", la->json_out, "Write the report (vllm bench serve field names) here");
  l->callback([la, &exit_code] { exit_code = run_latency(*la); });

  auto ra = std::make_shared<ReactArgs>();
  auto* r = bench->add_subcommand("react", "Observe -> ground -> act loop: baseline vs cache vs local-first cascade vs both");
  r->add_option("--config", ra->config, "YAML config with the VLM endpoint (and cache settings)")->required();
  r->add_option("--iterations", ra->iterations, "Iterations per variant")->capture_default_str()->check(CLI::Range(1, 100000));
  r->add_option("--cache", ra->cache, "on | off | both (default: compare both)")->check(CLI::IsMember({"on", "off", "both"}));
  r->add_option("--cascade", ra->cascade, "on | off | both (default: compare both)")->check(CLI::IsMember({"on", "off", "both"}));
  r->add_option("--dataset", ra->dataset, "Screens + instructions (ScreenSpot layouts; default data/dev/dataset.json, else data/samples)");
  r->add_option("--images", ra->images, "Folder of the data set's images (default: the data set's folder)");
  r->add_option("--screens", ra->max_screens, "Distinct screens to use")->capture_default_str()->check(CLI::Range(1, 1000));
  r->add_option("--json", ra->json_out, "Write per-iteration timings here");
  r->callback([ra, &exit_code] { exit_code = run_react(*ra); });

  add_bench_live_subcommand(*bench, exit_code);  // issue 14
}

}  // namespace humain::cli
