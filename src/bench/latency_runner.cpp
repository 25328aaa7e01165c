// The latency benchmark: warm-up, model load, then a concurrency sweep. Each worker owns its
// Provider (one request at a time each) and pulls request numbers from a shared counter, so C
// requests are in flight until the level's runs are used up.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include "humain/bench.h"

namespace humain {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

RequestSample measure_one(Provider& provider, const ChatRequest& request) {
  RequestSample s;
  std::vector<double> deltas;  // ms from start of each non-empty delta
  const auto t0 = Clock::now();
  auto r = provider.chat(request, [&](const std::string& delta) {
    if (!delta.empty()) deltas.push_back(ms_since(t0));
  });
  s.e2el_ms = ms_since(t0);
  if (!r.ok()) {
    s.error = r.error().message;
    return s;
  }
  s.ok = true;
  s.server_load_ms = r->timings.server_load_ms;
  s.input_tokens = r->timings.prompt_tokens;
  if (!deltas.empty()) {
    s.ttft_ms = deltas.front();
    for (size_t i = 1; i < deltas.size(); ++i) s.itl_ms.push_back(deltas[i] - deltas[i - 1]);
  } else {
    s.ttft_ms = r->timings.ttft_ms > 0 ? r->timings.ttft_ms : s.e2el_ms;  // not streamed: first token = whole answer
  }
  s.output_tokens = r->timings.completion_tokens > 0 ? r->timings.completion_tokens : int(deltas.size());
  return s;
}

LatencyStats stats_of(std::vector<double> v) {
  LatencyStats st;
  if (v.empty()) return st;
  const LatencySummary s = summarize_latency(v);
  st.mean = s.mean;
  st.median = s.p50;
  st.p90 = s.p90;
  st.p99 = s.p99;
  double var = 0;
  for (double x : v) var += (x - s.mean) * (x - s.mean);
  st.std = std::sqrt(var / double(v.size()));
  return st;
}

std::vector<int> sweep_levels(int max_concurrency) {
  std::vector<int> levels;
  for (int c = 1; c < max_concurrency; c *= 2) levels.push_back(c);
  levels.push_back(max_concurrency);
  return levels;
}

}  // namespace

LatencyLevel summarize_level(int concurrency, const std::vector<RequestSample>& samples, double duration_s, double slo_ms) {
  LatencyLevel L;
  L.concurrency = concurrency;
  L.duration_s = duration_s;
  std::vector<double> ttft, tpot, itl, e2el, rate;
  int good = 0;
  for (const auto& s : samples) {
    if (!s.ok) {
      ++L.failed;
      if (L.errors.size() < 5 && std::find(L.errors.begin(), L.errors.end(), s.error) == L.errors.end()) L.errors.push_back(s.error);
      continue;
    }
    ++L.completed;
    L.total_input_tokens += s.input_tokens;
    L.total_output_tokens += s.output_tokens;
    ttft.push_back(s.ttft_ms);
    e2el.push_back(s.e2el_ms);
    itl.insert(itl.end(), s.itl_ms.begin(), s.itl_ms.end());
    // TPOT as vLLM defines it: decode time spread over the tokens after the first.
    if (s.output_tokens > 1) {
      const double decode = s.e2el_ms - s.ttft_ms;
      tpot.push_back(decode / (s.output_tokens - 1));
      if (decode > 0) rate.push_back((s.output_tokens - 1) * 1000.0 / decode);
    }
    if (slo_ms <= 0 || s.e2el_ms <= slo_ms) ++good;
  }
  L.ttft = stats_of(ttft);
  L.tpot = stats_of(tpot);
  L.itl = stats_of(itl);
  L.e2el = stats_of(e2el);
  if (!rate.empty()) L.tokens_per_s = stats_of(rate).mean;
  if (duration_s > 0) {
    L.request_throughput = L.completed / duration_s;
    L.request_goodput = good / duration_s;
    L.output_throughput = double(L.total_output_tokens) / duration_s;
  }
  return L;
}

// Waits for the server in slices, saying on o.progress what it is waiting for: a dead endpoint
// used to keep `bench latency` silent for 600 s.
static Status wait_until_ready(Provider& p, const LatencyOptions& o) {
  constexpr double kSliceS = 5;
  const auto t0 = Clock::now();
  std::string last = "no answer yet";
  for (;;) {
    const double left = o.ready_timeout_s - ms_since(t0) / 1000.0;
    if (left <= 0) break;
    Status s = p.wait_ready(std::min(kSliceS, left));
    if (s.ok()) return s;
    last = s.error().message;
    if (o.progress) {
      std::fprintf(o.progress, "humain bench latency: waiting for %s/%s to become ready: %.0f of %.0f s (%s)\n",
                   p.name().c_str(), p.model().c_str(), ms_since(t0) / 1000.0, o.ready_timeout_s, last.c_str());
      std::fflush(o.progress);
    }
  }
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", o.ready_timeout_s);
  return Error::timeout(std::string("not ready within ") + limit + " s (the endpoint's timeout, or --ready-timeout): " + last);
}

Result<LatencyReport> run_latency_benchmark(const ProviderMaker& make, const ChatRequest& request, const LatencyOptions& o,
                                            const UnloadHook& unload) {
  if (o.runs < 1) return Error::invalid("--runs must be at least 1");
  if (o.concurrency < 1 || o.concurrency > 256) return Error::invalid("--concurrency must be between 1 and 256");
  auto first = make();
  if (!first) return first.error();
  Provider& p = **first;

  LatencyReport report;
  report.provider = p.name();
  report.model = p.model();
  report.slo_ms = o.slo_ms;
  if (!request.images.empty()) {
    report.image_width = request.images.front()->width;
    report.image_height = request.images.front()->height;
  }

  bool unloaded = false;
  // Model load: Ollama reports load_duration after an unload; the others turn /health ready.
  if (o.measure_load) {
    if (unload) {
      // A server that cannot unload still gets benchmarked; the report says why load is missing.
      if (auto s = unload(); !s) {
        report.load.method = "not measured: unloading failed: " + s.error().message;
      } else {
        report.load.method = "ollama load_duration of the first request after an unload (keep_alive 0)";
        unloaded = true;
      }
    } else {
      const auto t0 = Clock::now();
      if (auto s = wait_until_ready(p, o); !s) return Error{s.error().kind, "server never became ready: " + s.error().message};
      report.load.load_ms = ms_since(t0);
      report.load.measured = true;
      report.load.method = "time until the server reported ready (/health), from the benchmark's start";
    }
  }

  for (int i = 0; i < std::max(0, o.warmup); ++i) {
    RequestSample w = measure_one(p, request);
    if (!w.ok) return Error::server("warm-up request failed: " + w.error);
    if (i == 0) {
      report.warmup_ms = w.e2el_ms;
      report.warmup_ttft_ms = w.ttft_ms;
      if (unloaded) {
        report.load.load_ms = w.server_load_ms;
        report.load.measured = true;
      }
    }
  }

  // Providers for every worker, made once: connection set-up is not part of any request.
  std::vector<std::unique_ptr<Provider>> workers;
  workers.push_back(std::move(*first));
  while (int(workers.size()) < o.concurrency) {
    auto w = make();
    if (!w) return w.error();
    workers.push_back(std::move(*w));
  }

  bool any_ok = false;
  for (int c : sweep_levels(o.concurrency)) {
    const int total = std::max(o.runs, c);
    std::vector<RequestSample> samples(total);
    std::atomic<int> next{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int w = 0; w < c; ++w) {
      threads.emplace_back([&, w] {
        for (int i = next++; i < total; i = next++) samples[i] = measure_one(*workers[w], request);
      });
    }
    for (auto& t : threads) t.join();
    const double duration = ms_since(t0) / 1000.0;
    report.levels.push_back(summarize_level(c, samples, duration, o.slo_ms));
    any_ok |= report.levels.back().completed > 0;
  }
  if (!any_ok) {
    std::string why = report.levels.empty() || report.levels.front().errors.empty() ? "unknown" : report.levels.front().errors.front();
    return Error::server("every measured request failed: " + why);
  }
  return report;
}

}  // namespace humain
