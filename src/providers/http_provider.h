// What the three wire formats share: one HTTP client, the retry loop, timings, and errors that
// name the provider and URL (never a key). Each format supplies the body and a decoder.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "humain/provider.h"
#include "providers/http_client.h"
#include "providers/retry_policy.h"

namespace humain::providers {

struct ProviderSettings {
  std::string name;      // "ollama", "openai-compatible:vllm", ...
  std::string preset;    // "ollama", "vllm", "openai", "anthropic", ...
  std::string model;
  std::string base_url;  // normalized: no trailing slash, no trailing /v1
  std::map<std::string, std::string> headers;  // auth + extra headers; never logged
  HttpTimeouts timeouts;
  int max_retries = 2;
  BackoffPolicy backoff;
  std::string keep_alive;  // Ollama only
};

// Receives each content delta; records TTFT and that a token went out (no retry after that).
class DeltaSink {
 public:
  DeltaSink(const TokenCallback& cb, std::chrono::steady_clock::time_point start, ChatResponse& out)
      : cb_(cb), start_(start), out_(out) {}
  void text(std::string_view delta);
  // Counts tool-call argument bytes as delivered output, too (the answer started arriving).
  void tool_progress();
  bool delivered() const { return delivered_; }

 private:
  void mark_first();
  const TokenCallback& cb_;
  std::chrono::steady_clock::time_point start_;
  ChatResponse& out_;
  bool delivered_ = false;
};

// Turns one attempt's 2xx body into a ChatResponse, streaming or not.
class BodyDecoder {
 public:
  virtual ~BodyDecoder() = default;
  virtual Status feed(std::string_view bytes) = 0;
  // End of the body: a missing end-of-stream marker is a kParse error (truncated stream).
  virtual Status finish() = 0;
};

// A decoder for a non-streamed answer: buffers the body, then hands `apply` one JSON object.
std::unique_ptr<BodyDecoder> whole_json_decoder(std::string who, std::function<Status(const nlohmann::json&)> apply);

class HttpProvider : public Provider {
 public:
  explicit HttpProvider(ProviderSettings settings);

  Result<ChatResponse> chat(const ChatRequest& request, const TokenCallback& on_token = nullptr) final;
  std::string name() const override { return settings_.name; }
  std::string model() const override { return settings_.model; }

  const ProviderSettings& settings() const { return settings_; }

  // One GET of base_url + path with the provider's headers and a short timeout; no retries.
  Result<HttpResponse> get(const std::string& path, double timeout_s);

 protected:
  virtual std::string chat_path() const = 0;
  virtual Result<nlohmann::json> build_body(const ChatRequest& request) const = 0;
  virtual std::unique_ptr<BodyDecoder> make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const = 0;
  // Headers this request needs beyond the provider's own (Anthropic's anthropic-beta for a tool).
  virtual std::map<std::string, std::string> request_headers(const ChatRequest& request) const {
    (void)request;
    return {};
  }

  // "ollama POST http://host:11434/api/chat": prefix for messages.
  std::string who(const std::string& path) const;

 private:
  ProviderSettings settings_;
  std::mutex mu_;      // one request at a time per client handle
  HttpClient client_;  // guarded by mu_
  std::mt19937_64 rng_;
};

// The server's own error text from a JSON error body in any of the three formats
// ({"error":"..."}, {"error":{"message":...}}, {"type":"error","error":{...}}), else the raw
// body, shortened for messages.
std::string error_text(std::string_view body);

// The value of a JSON number field as a double, or 0 when absent or not a number.
double number_or_zero(const nlohmann::json& object, const char* key);

}  // namespace humain::providers
