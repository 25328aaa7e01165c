// Ollama's native API: POST /api/chat (NDJSON stream), plus /api/tags, /api/ps, /api/version.
#pragma once

#include "providers/http_provider.h"

namespace humain::providers {

class OllamaProvider final : public HttpProvider {
 public:
  explicit OllamaProvider(ProviderSettings settings) : HttpProvider(std::move(settings)) {}

  // GET /api/version answers: the server is up (models load on first use).
  Status wait_ready(double timeout_s) override;

  // GET /api/tags (models on disk), /api/ps (models loaded, with VRAM), /api/version, as JSON.
  Result<nlohmann::json> tags(double timeout_s = 5);
  Result<nlohmann::json> running(double timeout_s = 5);
  Result<nlohmann::json> version(double timeout_s = 5);

  // The /api/chat request body for `request` (exposed for tests of the wire format).
  Result<nlohmann::json> body_for(const ChatRequest& request) const { return build_body(request); }

 protected:
  std::string chat_path() const override { return "/api/chat"; }
  Result<nlohmann::json> build_body(const ChatRequest& request) const override;
  std::unique_ptr<BodyDecoder> make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const override;

 private:
  Result<nlohmann::json> get_json(const std::string& path, double timeout_s);
};

}  // namespace humain::providers
