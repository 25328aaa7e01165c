// Benchmarks users decide with: how fast a serving engine answers grounding requests (latency,
// with `vllm bench serve` field names), and how much the cache and the local-first cascade save
// in an observe -> ground -> act loop. docs/BENCHMARKS.md explains every figure.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/config.h"
#include "humain/grounder.h"
#include "humain/metrics.h"
#include "humain/provider.h"
#include "humain/result.h"

namespace humain {

// ---------------------------------------------------------------- latency

struct LatencyOptions {
  int runs = 10;             // measured requests per concurrency level (at least the level)
  int concurrency = 1;       // sweep 1, 2, 4, ... up to this
  int warmup = 1;            // unmeasured image requests first (the first image request is slower)
  double slo_ms = 0;         // goodput counts requests with e2e latency <= this; 0 = no SLO
  bool measure_load = true;  // Ollama: unload (keep_alive 0) then read load_duration; others: /health
  double ready_timeout_s = 600;  // the CLI passes the endpoint's `timeout:` unless --ready-timeout is given
  std::FILE* progress = nullptr;  // a line every few seconds while waiting for the server; null = silent
};

// One measured request. Times in ms from the moment the request was sent.
struct RequestSample {
  bool ok = false;
  std::string error;
  double ttft_ms = 0;            // first non-empty content delta
  double e2el_ms = 0;            // last byte
  std::vector<double> itl_ms;    // gaps between consecutive deltas
  int output_tokens = 0;         // server usage when reported, else deltas received
  int input_tokens = 0;
  double server_load_ms = 0;
};

struct LatencyStats {
  double mean = 0, median = 0, p90 = 0, p99 = 0, std = 0;
};

// Requests at one concurrency level.
struct LatencyLevel {
  int concurrency = 1;
  int completed = 0, failed = 0;
  double duration_s = 0;
  double request_throughput = 0;  // completed / duration
  double request_goodput = 0;     // completed within the SLO / duration
  double output_throughput = 0;   // output tokens / duration
  long total_input_tokens = 0, total_output_tokens = 0;
  LatencyStats ttft, tpot, itl, e2el;
  double tokens_per_s = 0;        // mean per-request decode rate: (tokens - 1) / (e2el - ttft)
  std::vector<std::string> errors;  // first few distinct error messages
};

struct ModelLoad {
  bool measured = false;
  double load_ms = 0;
  std::string method;  // how it was measured
};

struct LatencyReport {
  std::string provider, model, family;
  int image_width = 0, image_height = 0;  // as sent
  ModelLoad load;
  double warmup_ms = 0;       // the first (cold) image request, end to end
  double warmup_ttft_ms = 0;
  double slo_ms = 0;
  std::vector<LatencyLevel> levels;  // one per concurrency in the sweep
};

// Makes one provider per concurrent worker (a Provider serves one request at a time).
using ProviderMaker = std::function<Result<std::unique_ptr<Provider>>()>;
// Called before the load measurement, e.g. to unload an Ollama model; may be null.
using UnloadHook = std::function<Status()>;

// Runs warm-up, the optional load measurement, and the concurrency sweep with `request`.
// Fails only when nothing at all could be measured (every request failed: the errors say why).
Result<LatencyReport> run_latency_benchmark(const ProviderMaker& make, const ChatRequest& request,
                                            const LatencyOptions& options, const UnloadHook& unload = nullptr);

// Statistics of one level from its samples (exposed for tests).
LatencyLevel summarize_level(int concurrency, const std::vector<RequestSample>& samples, double duration_s, double slo_ms);

// vllm bench serve names: mean_ttft_ms, median_ttft_ms, p90_ttft_ms, p99_ttft_ms, std_ttft_ms,
// the same for tpot, itl, e2el, completed, failed, request_throughput, ... (the first level at
// top level; every level under "sweep").
nlohmann::json to_json(const LatencyReport& report);
std::string format_latency_table(const LatencyReport& report);

// Builds the grounding chat request an endpoint's adapter would send for this screenshot.
Result<ChatRequest> grounding_request(const EndpointConfig& endpoint, const std::string& image_path, const std::string& instruction);

// Ollama only: POST /api/generate {"model", "keep_alive": 0} so the next request loads the model.
Status unload_ollama_model(const EndpointConfig& endpoint);

// ---------------------------------------------------------------- ReAct loop

// One observe -> ground -> act step: which screen is on display and what to click.
struct ReactStep {
  std::string image_path;
  std::string instruction;
};

struct ReactOptions {
  int iterations = 20;
  std::vector<std::string> variants = {"baseline", "cache", "cascade", "combined"};
};

// Where one iteration's time went, in ms.
struct ReactIteration {
  double capture_ms = 0;    // observe: read + decode the screenshot
  double encode_ms = 0;     // resize + encode for the model
  double route_ms = 0;      // policy, screen scan and cache lookups: what is left of the grounding call
  double inference_ms = 0;  // the model or engine
  double parse_ms = 0;      // reading the answer
  double act_ms = 0;        // applying the action (recorded, not performed)
  double total_ms = 0;
  bool cache_hit = false;
  bool ok = false;
  std::string source;       // who answered
  std::string error;
};

struct ReactVariantResult {
  std::string variant;      // baseline | cache | cascade | combined
  std::string description;
  std::vector<ReactIteration> iterations;
  double mean_ms = 0, median_ms = 0;
  double capture_ms = 0, encode_ms = 0, route_ms = 0, inference_ms = 0, parse_ms = 0, act_ms = 0;  // means
  int cache_hits = 0, answered = 0, failed = 0;
  double speedup = 1;       // baseline mean / this mean
};

struct ReactReport {
  int iterations = 0;
  int distinct_screens = 0;
  std::vector<ReactVariantResult> variants;
};

// Builds the grounder each variant runs: "baseline" (VLM only, no cache), "cache" (VLM + cache),
// "cascade" (router: local engine first, VLM when unsure), "combined" (router + cache).
using ReactGrounderMaker = std::function<Result<std::unique_ptr<Grounder>>(const std::string& variant)>;

// The default makers over a config: the VLM grounder and the router (routing module).
ReactGrounderMaker react_grounders_from_config(const Config& config);

// Runs `steps` cyclically for options.iterations per variant.
Result<ReactReport> run_react_benchmark(const std::vector<ReactStep>& steps, const ReactOptions& options,
                                        const ReactGrounderMaker& make);

// A screen sequence from a data set file (ScreenSpot-Pro layout with img_filename): rows in order,
// with steps that revisit earlier screens so repeats and changes alternate.
Result<std::vector<ReactStep>> react_steps_from_dataset(const std::string& dataset_json, const std::string& images_dir,
                                                        int max_screens = 8);

nlohmann::json to_json(const ReactReport& report);
std::string format_react_table(const ReactReport& report);

}  // namespace humain
