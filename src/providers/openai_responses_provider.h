// OpenAI Responses API: POST /v1/responses. The only OpenAI endpoint with the computer-use tool
// (GA `computer`, whose computer_call items carry an `actions` batch, and the legacy
// `computer_use_preview`, whose items carry one `action`). Streams typed SSE events
// (response.output_text.delta, response.output_item.done, response.completed, ...).
#pragma once

#include "providers/http_provider.h"

namespace humain::providers {

class OpenAiResponsesProvider final : public HttpProvider {
 public:
  explicit OpenAiResponsesProvider(ProviderSettings settings) : HttpProvider(std::move(settings)) {}

  Result<nlohmann::json> body_for(const ChatRequest& request) const { return build_body(request); }

 protected:
  std::string chat_path() const override { return "/v1/responses"; }
  Result<nlohmann::json> build_body(const ChatRequest& request) const override;
  std::unique_ptr<BodyDecoder> make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const override;
};

}  // namespace humain::providers
