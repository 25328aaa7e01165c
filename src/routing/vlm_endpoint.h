// VlmEndpoint: one VLM server (provider + model family adapter) as the router calls it. Unlike a
// plain Grounder it reports exactly what it sent (bytes, size), which the audit log records.
#pragma once

#include <memory>
#include <string_view>

#include "humain/adapter.h"
#include "humain/config.h"
#include "humain/image.h"
#include "humain/prediction.h"
#include "humain/provider.h"

namespace humain::routing {

struct SentImage {
  std::size_t bytes = 0;  // encoded bytes that went on the wire (before base64)
  int width = 0, height = 0;
};

class VlmEndpoint {
 public:
  static Result<std::unique_ptr<VlmEndpoint>> make(const EndpointConfig& endpoint,
                                                   std::unique_ptr<Provider> provider);

  // Grounds on `screen` as given (the router has already redacted or cropped it).
  Result<Prediction> ground(const Screenshot& screen, std::string_view instruction, SentImage* sent);
  Result<ChatResponse> chat(const ChatRequest& request) { return provider_->chat(request); }
  std::string label() const;  // "vlm:ollama/qwen2.5vl:7b@http://..."

 private:
  EndpointConfig endpoint_;
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<Adapter> adapter_;
};

}  // namespace humain::routing
