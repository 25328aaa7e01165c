// Anthropic Messages API: POST /v1/messages with x-api-key and anthropic-version, SSE events.
#pragma once

#include "providers/http_provider.h"

namespace humain::providers {

class AnthropicProvider final : public HttpProvider {
 public:
  explicit AnthropicProvider(ProviderSettings settings) : HttpProvider(std::move(settings)) {}

  Result<nlohmann::json> body_for(const ChatRequest& request) const { return build_body(request); }

  // anthropic-beta for the computer-use tool version the request carries (computer_20251124 ->
  // computer-use-2025-11-24, computer_20250124 -> computer-use-2025-01-24), joined with any
  // anthropic-beta the config sets.
  std::map<std::string, std::string> request_headers(const ChatRequest& request) const override;

 protected:
  std::string chat_path() const override { return "/v1/messages"; }
  Result<nlohmann::json> build_body(const ChatRequest& request) const override;
  std::unique_ptr<BodyDecoder> make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const override;
};

}  // namespace humain::providers
