// Provider: one chat call to a VLM serving engine (Ollama, OpenAI-compatible, Anthropic) over HTTP.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/result.h"

namespace humain {

// An image already resized and encoded for a model; made once per screenshot and shared.
struct EncodedImage {
  std::string media_type;  // "image/png" or "image/jpeg"
  std::string base64;      // no "data:" prefix
  int width = 0;           // pixels of the image as sent
  int height = 0;
};

struct ChatRequest {
  std::string system;                                       // optional system prompt
  std::string prompt;                                       // user text
  std::vector<std::shared_ptr<const EncodedImage>> images;  // sent before the text
  int max_tokens = 512;
  double temperature = 0.0;
  std::optional<int> seed;
  std::optional<int> context_tokens;          // context window to allocate (Ollama options.num_ctx)
  std::optional<nlohmann::json> json_schema;  // structured output where the server supports it
  nlohmann::json tools = nullptr;             // provider-native tool definitions (computer use)
  bool stream = true;
};

struct ToolCall {
  std::string name;
  nlohmann::json arguments;  // parsed JSON arguments / input
};

// Client-side and server-reported timings of one request, in milliseconds.
struct ChatTimings {
  double connect_ms = 0;      // TCP (+TLS) connect
  double ttft_ms = 0;         // first non-empty content delta, from request start
  double total_ms = 0;        // request start to last byte
  double server_load_ms = 0;  // Ollama load_duration
  double server_prompt_ms = 0;  // Ollama prompt_eval_duration, llama-server timings.prompt_ms
  double server_eval_ms = 0;    // Ollama eval_duration, llama-server timings.predicted_ms
  int prompt_tokens = 0;
  int completion_tokens = 0;
  int attempts = 1;           // 1 + retries made
};

struct ChatResponse {
  std::string text;
  std::vector<ToolCall> tool_calls;
  std::string finish_reason;
  std::string model;
  ChatTimings timings;
};

// Called with each non-empty content delta as it arrives (non-streamed: once, with the whole text).
using TokenCallback = std::function<void(const std::string& delta)>;

class Provider {
 public:
  virtual ~Provider() = default;
  Provider() = default;
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  // Sends one chat request; retries only what is safe to retry (before any token arrived).
  // Errors: kNetwork (connect/reset), kTimeout (connect/stall/total), kServer (HTTP status or an
  // in-band stream error), kParse (malformed body or truncated stream).
  virtual Result<ChatResponse> chat(const ChatRequest& request, const TokenCallback& on_token = nullptr) = 0;

  // Waits until the server can answer (llama-server: /health 200 and /props says vision is on;
  // Ollama: /api/version answers). Fails after timeout_s. Cloud APIs return at once.
  virtual Status wait_ready(double timeout_s) { (void)timeout_s; return ok_status(); }

  // "ollama", "openai-compatible:vllm", "anthropic", ...
  virtual std::string name() const = 0;
  virtual std::string model() const = 0;
};

struct EndpointConfig;  // humain/config.h

// Builds the provider an endpoint names. Fails at once on an unknown provider or a missing API key.
Result<std::unique_ptr<Provider>> make_provider(const EndpointConfig& endpoint);

}  // namespace humain
