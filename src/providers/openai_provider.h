// OpenAI-compatible POST /v1/chat/completions (SSE stream) for vLLM, SGLang, llama-server,
// LM Studio, OpenRouter and OpenAI; the preset decides the few places where they differ.
#pragma once

#include "providers/http_provider.h"

namespace humain::providers {

class OpenAiProvider final : public HttpProvider {
 public:
  explicit OpenAiProvider(ProviderSettings settings) : HttpProvider(std::move(settings)) {}

  // llama-server: polls GET /health until 200 (503 while the model loads), then checks GET /props
  // that vision is on. Other local engines: GET /v1/models answers. Cloud presets: at once.
  Status wait_ready(double timeout_s) override;

  Result<nlohmann::json> body_for(const ChatRequest& request) const { return build_body(request); }

 protected:
  std::string chat_path() const override { return "/v1/chat/completions"; }
  Result<nlohmann::json> build_body(const ChatRequest& request) const override;
  std::unique_ptr<BodyDecoder> make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const override;
};

}  // namespace humain::providers
