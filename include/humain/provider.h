// Provider: one chat call to a VLM serving engine (Ollama, OpenAI-compatible, Anthropic) over HTTP.
#pragma once

#include <memory>
#include <string>

#include "humain/chat.h"  // ChatRequest, ChatResponse, TokenCallback
#include "humain/result.h"

namespace humain {

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
