#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "humain/bench.h"

namespace humain {
namespace {

RequestSample sample(double ttft, double e2el, int tokens) {
  RequestSample s;
  s.ok = true;
  s.ttft_ms = ttft;
  s.e2el_ms = e2el;
  s.output_tokens = tokens;
  for (int i = 1; i < tokens; ++i) s.itl_ms.push_back((e2el - ttft) / (tokens - 1));
  return s;
}

TEST(LatencyStats, VllmDefinitions) {
  // TPOT = (e2el - ttft) / (tokens - 1): 300 ms first token + 9 tokens at 20 ms = 480 ms.
  std::vector<RequestSample> s = {sample(300, 480, 10), sample(310, 490, 10), sample(290, 470, 10)};
  RequestSample failed;
  failed.error = "HTTP 503";
  s.push_back(failed);
  const LatencyLevel L = summarize_level(1, s, 2.0, 480);
  EXPECT_EQ(L.completed, 3);
  EXPECT_EQ(L.failed, 1);
  EXPECT_DOUBLE_EQ(L.ttft.mean, 300);
  EXPECT_DOUBLE_EQ(L.ttft.median, 300);
  EXPECT_DOUBLE_EQ(L.tpot.mean, 20);
  EXPECT_DOUBLE_EQ(L.itl.median, 20);
  EXPECT_DOUBLE_EQ(L.e2el.median, 480);
  EXPECT_DOUBLE_EQ(L.request_throughput, 1.5);
  EXPECT_DOUBLE_EQ(L.request_goodput, 1.0);  // 490 ms misses the 480 ms SLO
  EXPECT_DOUBLE_EQ(L.output_throughput, 15);
  EXPECT_NEAR(L.tokens_per_s, 50, 1e-9);
  ASSERT_EQ(L.errors.size(), 1u);
  LatencyReport report;
  report.levels = {L};
  auto j = to_json(report);
  for (const char* k : {"mean_ttft_ms", "median_ttft_ms", "p90_ttft_ms", "p99_ttft_ms", "mean_e2el_ms", "median_e2el_ms",
                        "p99_e2el_ms", "completed", "failed", "mean_tpot_ms", "median_itl_ms", "request_goodput"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
}

// A provider that streams `tokens` deltas: first after `first_ms`, then one every `per_token_ms`.
class SleepyProvider : public Provider {
 public:
  SleepyProvider(int first_ms, int per_token_ms, int tokens, bool fail = false)
      : first_(first_ms), per_(per_token_ms), tokens_(tokens), fail_(fail) {}
  Result<ChatResponse> chat(const ChatRequest&, const TokenCallback& on_token) override {
    if (fail_) return Error::network("connection refused");
    // Deadlines from the start, so a late wake-up on a busy machine does not accumulate.
    const auto t0 = std::chrono::steady_clock::now();
    ChatResponse r;
    for (int i = 0; i < tokens_; ++i) {
      std::this_thread::sleep_until(t0 + std::chrono::milliseconds(first_ + i * per_));
      if (on_token) on_token("t");
      r.text += "t";
    }
    r.timings.completion_tokens = tokens_;
    return r;
  }
  std::string name() const override { return "sleepy"; }
  std::string model() const override { return "m"; }

 private:
  int first_, per_, tokens_;
  bool fail_;
};

TEST(LatencyRunner, MeasuresKnownDelaysAndConcurrency) {
  LatencyOptions o;
  o.runs = 4;
  o.concurrency = 2;
  o.measure_load = false;
  auto r = run_latency_benchmark([] { return Result<std::unique_ptr<Provider>>(std::make_unique<SleepyProvider>(100, 25, 9)); },
                                 ChatRequest{}, o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->levels.size(), 2u);
  const auto& one = r->levels[0];
  EXPECT_EQ(one.completed, 4);
  // Tolerances allow for a loaded CI machine's late wake-ups; the e2e test checks tighter.
  EXPECT_NEAR(one.ttft.median, 100, 20);
  EXPECT_NEAR(one.tpot.mean, 25, 5);
  EXPECT_NEAR(one.e2el.median, 300, 25);
  EXPECT_GE(one.ttft.p99, one.ttft.median);
  EXPECT_GT(r->warmup_ms, 290);
  // Two workers against a provider that only sleeps: the level takes about half as long.
  EXPECT_GT(r->levels[1].request_throughput, 1.5 * one.request_throughput);
}

TEST(LatencyRunner, AllFailuresAreAnErrorWithTheReason) {
  LatencyOptions o;
  o.warmup = 0;
  o.measure_load = false;
  auto r = run_latency_benchmark([] { return Result<std::unique_ptr<Provider>>(std::make_unique<SleepyProvider>(0, 0, 1, true)); },
                                 ChatRequest{}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("connection refused"), std::string::npos);
  o.concurrency = 0;
  EXPECT_FALSE(run_latency_benchmark([] { return Result<std::unique_ptr<Provider>>(std::make_unique<SleepyProvider>(0, 0, 1)); },
                                     ChatRequest{}, o).ok());
}

TEST(LatencyRunner, UnloadFailureIsReportedNotFatal) {
  LatencyOptions o;
  o.runs = 1;
  auto r = run_latency_benchmark([] { return Result<std::unique_ptr<Provider>>(std::make_unique<SleepyProvider>(1, 1, 2)); },
                                 ChatRequest{}, o, [] { return Status(Error::server("HTTP 404")); });
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->load.measured);
  EXPECT_NE(r->load.method.find("HTTP 404"), std::string::npos);
}

}  // namespace
}  // namespace humain
