// Every provider against the test server: answers, framing, chunking, timings, keys, headers.
#include <cstdlib>

#include "provider_test_util.h"

namespace humain {
namespace {

using testing_support::endpoint;
using testing_support::LiveServer;
using testing_support::make;
using testing_support::text_request;

// The four wire formats, and the OpenAI-compatible presets that speak the second one.
const char* const kProviders[] = {"ollama", "vllm", "sglang", "llama-server", "lmstudio", "openai-compatible", "anthropic",
                                  "openai-responses"};

class EveryProvider : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    setenv("HUMAIN_TEST_KEY", "sk-test-secret-123", 1);
  }
  EndpointConfig cfg(LiveServer& live, const std::string& mode = "") {
    EndpointConfig e = endpoint(live, GetParam(), mode);
    if (e.provider == "anthropic" || e.provider == "openai-responses") e.api_key_env = "HUMAIN_TEST_KEY";
    return e;
  }
};

TEST_P(EveryProvider, StreamsTheAnswerAndReportsTimings) {
  LiveServer live;
  auto p = make(cfg(live, "text=The answer is (12,34)."));
  ASSERT_TRUE(p);
  std::string streamed;
  int deltas = 0;
  auto r = p->chat(text_request(), [&](const std::string& d) {
    streamed += d;
    ++deltas;
  });
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text, "The answer is (12,34).");
  EXPECT_EQ(streamed, r->text);
  EXPECT_GT(deltas, 3);
  EXPECT_GT(r->timings.ttft_ms, 0);
  EXPECT_GE(r->timings.total_ms, r->timings.ttft_ms);
  EXPECT_GT(r->timings.completion_tokens, 0);
  EXPECT_EQ(r->timings.attempts, 1);
  EXPECT_FALSE(r->finish_reason.empty());
  EXPECT_EQ(r->model, "test-model");
}

TEST_P(EveryProvider, NonStreamingAnswer) {
  LiveServer live;
  auto p = make(cfg(live, "text=whole answer"));
  auto r = p->chat(text_request("x", /*stream=*/false));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text, "whole answer");
  EXPECT_GT(r->timings.completion_tokens, 0);
}

TEST_P(EveryProvider, OneByteChunksGiveTheSameAnswer) {
  LiveServer live;
  auto p = make(cfg(live, "chunk=1,text=split into single bytes: (5, 6) é"));
  auto r = p->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text, "split into single bytes: (5, 6) é");
  auto whole = p->chat(text_request("x", false));
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(whole->text, r->text);
}

TEST_P(EveryProvider, TtftIncludesTheSlowFirstToken) {
  LiveServer live;
  auto p = make(cfg(live, "first_token_ms=300,token_delay_ms=20,text=abcdefghijklmnop"));
  auto r = p->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r->timings.ttft_ms, 290);
  EXPECT_GE(r->timings.total_ms, r->timings.ttft_ms + 3 * 20 - 5);  // 4 pieces, 3 gaps
}

TEST_P(EveryProvider, MidStreamErrorIsAServerErrorAndNotRetried) {
  LiveServer live;
  auto p = make(cfg(live, "midstream_error,text=several tokens before the error"));
  auto r = p->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kServer) << r.error().message;
  EXPECT_NE(r.error().message.find("not retried"), std::string::npos) << r.error().message;
  EXPECT_EQ(live.server.records().size(), 1u);
}

TEST_P(EveryProvider, TruncatedStreamIsAParseErrorWithContext) {
  LiveServer live;
  auto p = make(cfg(live, "truncate,text=several tokens before the cut"));
  auto r = p->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kParse) << r.error().message;
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(p->name()), std::string::npos) << r.error().message;
  EXPECT_EQ(live.server.records().size(), 1u);
}

TEST_P(EveryProvider, ConnectionResetMidStreamIsNotRetried) {
  LiveServer live;
  auto p = make(cfg(live, "reset,text=several tokens before the reset"));
  auto r = p->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(live.server.records().size(), 1u) << r.error().message;
}

TEST_P(EveryProvider, MalformedEventIsAParseError) {
  LiveServer live;
  auto p = make(cfg(live, "malformed,text=several tokens then garbage"));
  auto r = p->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kParse) << r.error().message;
  auto whole = p->chat(text_request("x", false));
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.error().kind, Error::Kind::kParse) << whole.error().message;
}

TEST_P(EveryProvider, RetriesA503ThenSucceeds) {
  LiveServer live;
  auto p = make(cfg(live, "status=503,retry_after_ms=30,fail_times=1,text=ok"));
  auto r = p->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text, "ok");
  EXPECT_EQ(r->timings.attempts, 2);
  EXPECT_EQ(live.server.records().size(), 2u);
}

TEST_P(EveryProvider, NeverRetriesA400) {
  LiveServer live;
  auto p = make(cfg(live, "status=400"));
  auto r = p->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kServer);
  EXPECT_NE(r.error().message.find("HTTP 400"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("test server: status 400"), std::string::npos) << r.error().message;
  EXPECT_EQ(live.server.records().size(), 1u);
}

TEST_P(EveryProvider, DeadServerHitsTheStallTimeout) {
  LiveServer live;
  EndpointConfig e = cfg(live, "dead");
  e.stall_timeout_s = 1;
  auto p = make(e);
  const auto t0 = std::chrono::steady_clock::now();
  auto r = p->chat(text_request());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kTimeout) << r.error().message;
  EXPECT_NE(r.error().message.find("stall"), std::string::npos) << r.error().message;
  EXPECT_LT(s, 4.0);
}

TEST_P(EveryProvider, StallAfterTokensIsATimeoutNotRetried) {
  LiveServer live;
  EndpointConfig e = cfg(live, "stall,text=tokens then silence");
  e.stall_timeout_s = 1;
  auto p = make(e);
  auto r = p->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kTimeout) << r.error().message;
  EXPECT_EQ(live.server.records().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Providers, EveryProvider, ::testing::ValuesIn(kProviders),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) if (c == '-') c = '_';
                           return n;
                         });

}  // namespace
}  // namespace humain
