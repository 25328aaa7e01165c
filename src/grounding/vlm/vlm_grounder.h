// The VLM grounder: screenshot -> the family's image size -> encoded once (cached) -> the family's
// prompt -> provider.chat -> the family's parser -> Prediction in pixels of the original screenshot.
#pragma once

#include <memory>
#include <string>

#include "humain/adapter.h"
#include "humain/config.h"
#include "humain/grounder.h"
#include "humain/image_encoding.h"
#include "humain/provider.h"

namespace humain::grounding {

struct VlmGrounderOptions {
  int max_tokens = 512;
  double temperature = 0.0;
  bool stream = true;              // TTFT is only measurable when streaming
  EncodeOptions encode;            // PNG by default: lossless, so small text stays readable
  std::size_t image_cache_entries = 8;
  std::string label;               // source label, default "vlm:<provider>/<family>"
};

// Takes ownership of both. Thread-safe if the provider's chat() is (the HTTP providers are).
std::unique_ptr<Grounder> make_vlm_grounder(std::unique_ptr<Provider> provider, std::unique_ptr<Adapter> adapter,
                                            VlmGrounderOptions options = {});

// From the config's VLM endpoint: `local:` if present, else `cloud:` (the single-provider form
// loads as `local:`). Errors: no endpoint, unknown family, provider errors (missing API key, ...).
Result<std::unique_ptr<Grounder>> make_vlm_grounder(const Config& config);
Result<std::unique_ptr<Grounder>> make_vlm_grounder(const EndpointConfig& endpoint);

}  // namespace humain::grounding
