// Request bodies and headers as each API documents them, keys, retries, timeouts, engine probes.
#include <cstdlib>

#include <opencv2/core.hpp>

#include "humain/image_encoding.h"
#include "provider_test_util.h"
#include "providers/ollama_provider.h"
#include "core/mat_encoding.h"

namespace humain {
namespace {

using nlohmann::json;
using testing_support::endpoint;
using testing_support::LiveServer;
using testing_support::make;
using testing_support::text_request;

std::shared_ptr<const EncodedImage> tiny_png() {
  cv::Mat m(4, 6, CV_8UC3, cv::Scalar(10, 200, 30));
  auto e = encode_image(m, 6, 4);
  EXPECT_TRUE(e.ok());
  return std::make_shared<const EncodedImage>(*e);
}

ChatRequest full_request() {
  ChatRequest r = text_request("click the OK button");
  r.system = "you ground GUI elements";
  r.images = {tiny_png()};
  r.max_tokens = 77;
  r.temperature = 0.25;
  r.seed = 7;
  r.context_tokens = 4096;
  r.json_schema = json{{"type", "object"}};
  return r;
}

json last_body(const LiveServer& live) { return live.server.records().back()["body"]; }
json last_headers(const LiveServer& live) { return live.server.records().back()["headers"]; }

TEST(OllamaWire, ChatBodyCarriesRawBase64OptionsFormatKeepAlive) {
  LiveServer live;
  EndpointConfig e = endpoint(live, "ollama", "text=ok");
  e.keep_alive = "10m";
  auto p = make(e);
  ChatRequest req = full_request();
  ASSERT_TRUE(p->chat(req).ok());
  json b = last_body(live);
  EXPECT_EQ(b["model"], "test-model");
  EXPECT_EQ(b["stream"], true);
  EXPECT_EQ(b["keep_alive"], "10m");
  EXPECT_EQ(b["format"], json({{"type", "object"}}));
  EXPECT_EQ(b["options"]["num_predict"], 77);
  EXPECT_EQ(b["options"]["temperature"], 0.25);
  EXPECT_EQ(b["options"]["seed"], 7);
  EXPECT_EQ(b["options"]["num_ctx"], 4096);
  EXPECT_EQ(b["messages"][0]["role"], "system");
  EXPECT_EQ(b["messages"][1]["content"], "click the OK button");
  EXPECT_EQ(b["messages"][1]["images"][0], req.images[0]->base64);  // no data: prefix
  json img = live.server.records().back()["images"][0];
  EXPECT_EQ(img["width"], 6);
  EXPECT_EQ(img["height"], 4);
}

TEST(OllamaWire, DurationsInNanosecondsBecomeMilliseconds) {
  LiveServer live;
  auto p = make(endpoint(live, "ollama", "first_token_ms=120,token_delay_ms=10,text=abcdefghijkl"));
  auto r = p->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_DOUBLE_EQ(r->timings.server_load_ms, 1.5);
  EXPECT_GE(r->timings.server_prompt_ms, 100);
  EXPECT_GE(r->timings.server_eval_ms, 15);
  EXPECT_EQ(r->timings.completion_tokens, 3);
}

TEST(OllamaWire, TagsPsVersionAndReady) {
  LiveServer live;
  auto p = make(endpoint(live, "ollama"));
  auto* ollama = dynamic_cast<providers::OllamaProvider*>(p.get());
  ASSERT_NE(ollama, nullptr);
  auto tags = ollama->tags();
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_TRUE((*tags)["models"].is_array());
  ASSERT_TRUE(ollama->running().ok());
  auto v = ollama->version();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE((*v)["version"].is_string());
  EXPECT_TRUE(p->wait_ready(2).ok());
}

TEST(OpenAiWire, ChatBodyUsesDataUrisStreamOptionsAndJsonSchema) {
  LiveServer live;
  auto p = make(endpoint(live, "vllm", "text=ok"));
  ChatRequest req = full_request();
  auto r = p->chat(req);
  ASSERT_TRUE(r.ok()) << r.error().message;
  json b = last_body(live);
  EXPECT_EQ(b["max_tokens"], 77);
  EXPECT_EQ(b["seed"], 7);
  EXPECT_EQ(b["stream_options"]["include_usage"], true);
  EXPECT_EQ(b["response_format"]["type"], "json_schema");
  EXPECT_EQ(b["response_format"]["json_schema"]["schema"], json({{"type", "object"}}));
  EXPECT_EQ(b["messages"][0]["role"], "system");
  const json& parts = b["messages"][1]["content"];
  EXPECT_EQ(parts[0]["type"], "image_url");
  EXPECT_EQ(parts[0]["image_url"]["url"], "data:image/png;base64," + req.images[0]->base64);
  EXPECT_EQ(parts[1]["type"], "text");
  // include_usage: the final chunk's usage, and llama-server style timings.
  EXPECT_GT(r->timings.prompt_tokens, 0);
  EXPECT_GT(r->timings.completion_tokens, 0);
}

TEST(OpenAiWire, OpenAiPresetSendsMaxCompletionTokensAndBearerKey) {
  LiveServer live;
  setenv("HUMAIN_TEST_OPENAI", "sk-openai-secret", 1);
  EndpointConfig e = endpoint(live, "openai", "text=ok", "/v1/");  // pasted with /v1/
  e.api_key_env = "HUMAIN_TEST_OPENAI";
  auto p = make(e);
  ASSERT_TRUE(p->chat(text_request()).ok());
  EXPECT_EQ(last_body(live)["max_completion_tokens"], 512);
  EXPECT_EQ(last_headers(live)["authorization"], "Bearer sk-openai-secret");
  EXPECT_EQ(live.server.records().back()["path"], "/v1/chat/completions");
}

TEST(OpenAiWire, LlamaServerTimingsAndHealthWhileLoading) {
  testserver::ServerOptions o;
  o.loading_ms = 600;
  LiveServer live(o);
  auto p = make(endpoint(live, "llama-server", "first_token_ms=50,text=abcdefgh"));
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(p->wait_ready(0.2).error().kind, Error::Kind::kTimeout);
  Status ready = p->wait_ready(5);
  ASSERT_TRUE(ready.ok()) << ready.error().message;
  EXPECT_GE(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 0.55);
  auto r = p->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r->timings.server_prompt_ms, 40);
  EXPECT_GT(r->timings.server_eval_ms, 0);
}

TEST(OpenAiWire, LlamaServerWithoutVisionIsRefused) {
  testserver::ServerOptions o;
  o.vision = false;
  LiveServer live(o);
  auto p = make(endpoint(live, "llama-server"));
  Status s = p->wait_ready(2);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kUnsupported);
  EXPECT_NE(s.error().message.find("--mmproj"), std::string::npos);
}

TEST(OpenAiWire, OpenRouterKeepAlivesAttributionAndErrorsIn200) {
  LiveServer live;
  setenv("HUMAIN_TEST_OR", "sk-or-secret", 1);
  EndpointConfig e = endpoint(live, "openrouter", "keepalive,first_token_ms=250,text=fine", "/api/v1");
  e.api_key_env = "HUMAIN_TEST_OR";
  auto p = make(e);
  auto r = p->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text, "fine");
  json h = last_headers(live);
  EXPECT_EQ(h["x-title"], "humain");
  EXPECT_TRUE(h.contains("http-referer"));
  EXPECT_EQ(live.server.records().back()["path"], "/api/v1/chat/completions");

  e.headers["X-Test-Mode"] = "error200";
  auto p2 = make(e);
  auto whole = p2->chat(text_request("x", false));
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.error().kind, Error::Kind::kServer);
  EXPECT_NE(whole.error().message.find("error in a 200 response"), std::string::npos) << whole.error().message;
  auto streamed = p2->chat(text_request());
  ASSERT_FALSE(streamed.ok());
  EXPECT_EQ(streamed.error().kind, Error::Kind::kServer) << streamed.error().message;
}

TEST(AnthropicWire, HeadersAndBase64ImageBlocks) {
  LiveServer live;
  setenv("HUMAIN_TEST_ANTHROPIC", "sk-ant-secret", 1);
  EndpointConfig e = endpoint(live, "anthropic", "text=ok", "/v1");
  e.api_key_env = "HUMAIN_TEST_ANTHROPIC";
  auto p = make(e);
  ChatRequest req = full_request();
  ASSERT_TRUE(p->chat(req).ok());
  json h = last_headers(live);
  EXPECT_EQ(h["x-api-key"], "sk-ant-secret");
  EXPECT_EQ(h["anthropic-version"], "2023-06-01");
  EXPECT_FALSE(h.contains("authorization"));
  json b = last_body(live);
  EXPECT_EQ(b["system"], "you ground GUI elements");
  EXPECT_EQ(b["max_tokens"], 77);
  const json& img = b["messages"][0]["content"][0];
  EXPECT_EQ(img["type"], "image");
  EXPECT_EQ(img["source"]["type"], "base64");
  EXPECT_EQ(img["source"]["media_type"], "image/png");
  EXPECT_EQ(img["source"]["data"], req.images[0]->base64);
}

TEST(AnthropicWire, OverloadedIsRetried) {
  LiveServer live;
  setenv("HUMAIN_TEST_ANTHROPIC", "sk-ant-secret", 1);
  EndpointConfig e = endpoint(live, "anthropic", "status=529,fail_times=2,retry_after=0,text=ok");
  e.api_key_env = "HUMAIN_TEST_ANTHROPIC";
  auto r = make(e)->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->timings.attempts, 3);
}

TEST(Keys, MissingKeyFailsAtMakeProviderNamingTheVariable) {
  unsetenv("HUMAIN_TEST_UNSET_KEY");
  for (const char* provider : {"openai", "openrouter", "anthropic", "vllm"}) {
    EndpointConfig e;
    e.provider = provider;
    e.model = "m";
    e.base_url = "http://127.0.0.1:1";
    e.api_key_env = "HUMAIN_TEST_UNSET_KEY";
    auto p = make_provider(e);
    ASSERT_FALSE(p.ok()) << provider;
    EXPECT_NE(p.error().message.find("HUMAIN_TEST_UNSET_KEY"), std::string::npos) << p.error().message;
  }
  EndpointConfig local;
  local.provider = "ollama";
  local.model = "m";
  EXPECT_TRUE(make_provider(local).ok());  // local engines need no key
}

TEST(Keys, NeverInErrorMessages) {
  testserver::ServerOptions o;
  o.require_key = "the-right-key";
  LiveServer live(o);
  setenv("HUMAIN_TEST_WRONG", "sk-wrong-secret-value", 1);
  for (const char* provider : {"vllm", "anthropic"}) {
    EndpointConfig e = endpoint(live, provider);
    e.api_key_env = "HUMAIN_TEST_WRONG";
    auto r = make(e)->chat(text_request());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("401"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("sk-wrong-secret-value"), std::string::npos) << r.error().message;
  }
}

TEST(Config, UnknownProviderAndBadUrlsAreClearErrors) {
  EndpointConfig e;
  e.provider = "olama";
  e.model = "m";
  auto p = make_provider(e);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("ollama"), std::string::npos) << p.error().message;  // lists known ones
  e.provider = "openai-compatible";
  EXPECT_FALSE(make_provider(e).ok());  // needs a base_url
  e.base_url = "localhost:8000";
  EXPECT_FALSE(make_provider(e).ok());
}

TEST(Config, HeadersExpandEnvironmentVariables) {
  LiveServer live;
  setenv("HUMAIN_TEST_ORG", "org-42", 1);
  EndpointConfig e = endpoint(live, "vllm", "text=ok");
  e.headers["OpenAI-Organization"] = "${HUMAIN_TEST_ORG}";
  ASSERT_TRUE(make(e)->chat(text_request()).ok());
  EXPECT_EQ(last_headers(live)["openai-organization"], "org-42");
  e.headers["X-Other"] = "${HUMAIN_TEST_NOT_SET_ANYWHERE}";
  EXPECT_FALSE(make_provider(e).ok());
}

TEST(Retries, GiveUpAfterMaxRetriesNamingTheAttempts) {
  LiveServer live;
  auto r = make(endpoint(live, "vllm", "status=503,retry_after_ms=10"))->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("attempt 3 of 3"), std::string::npos) << r.error().message;
  EXPECT_EQ(live.server.records().size(), 3u);
}

TEST(Retries, RetryAfterBeyondTheBudgetFailsAtOnce) {
  LiveServer live;
  EndpointConfig e = endpoint(live, "vllm", "status=429,retry_after=60");
  e.total_timeout_s = 5;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = make(e)->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 2.0);
  EXPECT_NE(r.error().message.find("total timeout"), std::string::npos) << r.error().message;
  EXPECT_EQ(live.server.records().size(), 1u);
}

TEST(Retries, ResetBeforeAnyByteIsRetried) {
  LiveServer live;
  auto r = make(endpoint(live, "ollama", "refuse,fail_times=1,text=second try"))->chat(text_request());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text, "second try");
  EXPECT_EQ(r->timings.attempts, 2);
}

TEST(Retries, RefusedConnectionIsANetworkError) {
  int port = 0;
  {
    LiveServer live;
    port = live.server.port();
  }  // stopped: nothing listens there now
  EndpointConfig e;
  e.provider = "vllm";
  e.model = "m";
  e.base_url = "http://127.0.0.1:" + std::to_string(port);
  e.max_retries = 1;
  auto r = make(e)->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kNetwork) << r.error().message;
  EXPECT_NE(r.error().message.find("attempt 2 of 2"), std::string::npos) << r.error().message;
}

TEST(Timeouts, TotalTimeoutBoundsASlowStream) {
  LiveServer live;
  EndpointConfig e = endpoint(live, "vllm", "token_delay_ms=300,text=a long answer that trickles out slowly");
  e.total_timeout_s = 1;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = make(e)->chat(text_request());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kTimeout) << r.error().message;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 2.5);
}

}  // namespace
}  // namespace humain
