// Chat messages shared by the layers that build, send and parse them: an encoded image (core),
// a request and its response (providers send them, adapters render and parse them). Plain data;
// kept below both so the core does not know providers and adapters do not know transport.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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
  std::string pre_image_text;                               // user text before the images (ShowUI)
  std::string prompt;                                       // user text
  std::vector<std::shared_ptr<const EncodedImage>> images;  // sent before the text
  int max_tokens = 512;
  double temperature = 0.0;
  std::optional<int> seed;
  std::optional<int> context_tokens;          // context window to allocate (Ollama options.num_ctx)
  std::optional<nlohmann::json> json_schema;  // structured output where the server supports it
  nlohmann::json tools = nullptr;             // provider-native tool definitions (computer use)
  bool stream = true;
  // Set by the caller to abandon the request (serve: its client went away). Checked while the
  // answer is awaited and read, so the upstream connection is closed within about a second.
  std::shared_ptr<const std::atomic<bool>> cancel;
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

}  // namespace humain
