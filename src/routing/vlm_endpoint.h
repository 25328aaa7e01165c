// VlmEndpoint: one VLM server (provider + model family adapter) as the router calls it. Unlike a
// plain Grounder it reports exactly what it sent (bytes, size), which the audit log records.
#pragma once

#include <memory>
#include <string_view>

#include "grounding/set_of_marks/marks.h"
#include "humain/adapter.h"
#include "humain/config.h"
#include "humain/image.h"
#include "humain/prediction.h"
#include "humain/provider.h"

namespace humain::routing {

struct SentImage {
  std::size_t bytes = 0;  // encoded bytes that went on the wire (before base64), all images
  int width = 0, height = 0;  // the image sent (set-of-marks crops: the largest crop)
  int images = 0;
  std::size_t prompt_chars = 0;
  std::string grounding;      // "" or "set-of-marks"
  std::vector<Box> crops;     // set-of-marks `send: crops`: each crop's window on the screen
};

class VlmEndpoint {
 public:
  static Result<std::unique_ptr<VlmEndpoint>> make(const EndpointConfig& endpoint,
                                                   std::unique_ptr<Provider> provider);

  // Grounds on `screen` as given (the router has already redacted or cropped it).
  Result<Prediction> ground(const Screenshot& screen, std::string_view instruction, SentImage* sent);
  // Set-of-marks endpoints (grounding: set-of-marks): the model picks one of `marks` (built from
  // the local engine's parse of the unredacted screen, text already withheld where redacted);
  // `screen` is what may leave. `send: crops` sends only the marks' padded crops of it.
  bool uses_marks() const { return endpoint_.grounding == "set-of-marks"; }
  int marks_top_k() const { return endpoint_.marks_top_k; }
  Result<Prediction> ground_marks(const Screenshot& screen, const std::vector<marks::Mark>& marks,
                                  std::string_view instruction, SentImage* sent);
  Result<ChatResponse> chat(const ChatRequest& request, const TokenCallback& on_token = nullptr) {
    return provider_->chat(request, on_token);
  }
  std::string label() const;  // "vlm:ollama/qwen2.5vl:7b@http://..."

 private:
  EndpointConfig endpoint_;
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<Adapter> adapter_;  // null for `family: set-of-marks` (no coordinate family)
};

}  // namespace humain::routing
