// One grounding request to a VLM: the family's prompt around an already-encoded image, the
// provider's chat, the family's parser. Shared by the `vlm` grounder and anything else that talks
// to a VLM endpoint (the router's tiers), so the coordinate path exists once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "humain/adapter.h"
#include "humain/prediction.h"
#include "humain/provider.h"

namespace humain::grounding {

struct VlmCall {
  int max_tokens = 512;
  double temperature = 0.0;
  bool stream = true;
  std::string source;  // Prediction::source, e.g. "vlm:ollama/qwen2.5-vl"
};

// `image` must have the size adapter.image_size(original) gave. Fills point/box, confidence,
// raw_output and the connect/ttft/inference/load/parse timings; the caller adds preprocess/total.
// Errors: the provider's (network, timeout, server) or the parser's kParse "unparseable ...".
Result<Prediction> run_vlm_call(Provider& provider, const Adapter& adapter, std::shared_ptr<const EncodedImage> image,
                                ImageSize original, std::string_view instruction, const VlmCall& call);

}  // namespace humain::grounding
