// Memory a model needs to serve one grounding request:
//   weights  = quantized params x bpw / 8 (+ f16 embeddings for formats that keep them)
//   kv_cache = 2 (K and V) x layers x kv_heads x head_dim x context x bytes per element
//   vision   = encoder + projector weights in f16 + the KV cache of the image's tokens
// Compute buffers and the engine's own overhead are not included (docs/MODELS.md says how much
// to add).
#include <array>
#include <cmath>

#include "humain/models.h"

namespace humain {
namespace {

constexpr double kGB = 1e9;

struct Reference {
  const char* name;
  double params_b;
  ModelArchitecture arch;
};

// Published config.json shapes of common dense decoders, one per size class.
constexpr std::array<Reference, 7> kReferences = {{
    {"Qwen2.5-0.5B", 0.5, {24, 896, 2, 64, 151936, true}},
    {"Qwen2.5-1.5B", 1.5, {28, 1536, 2, 128, 151936, true}},
    {"Qwen2.5-3B", 3.1, {36, 2048, 2, 128, 151936, true}},
    {"Qwen2.5-7B", 7.6, {28, 3584, 4, 128, 152064, false}},
    {"LLaMA-2-13B", 13.0, {40, 5120, 40, 128, 32000, false}},
    {"Qwen2.5-32B", 32.8, {64, 5120, 8, 128, 152064, false}},
    {"Qwen2.5-72B", 72.7, {80, 8192, 8, 128, 152064, false}},
}};

double kv_bytes_per_token(const ModelArchitecture& a, double bytes_per_element) {
  return 2.0 * a.layers * a.kv_heads * a.head_dim * bytes_per_element;
}

}  // namespace

ModelArchitecture reference_architecture(double params_b, std::string* reference_name) {
  const Reference* best = &kReferences[0];
  for (const auto& r : kReferences) {
    if (std::abs(std::log(r.params_b / params_b)) < std::abs(std::log(best->params_b / params_b))) best = &r;
  }
  if (reference_name) *reference_name = best->name;
  return best->arch;
}

Result<VramEstimate> estimate_vram(const VramRequest& r) {
  if (!(r.params_b > 0) || !std::isfinite(r.params_b)) return Error::invalid("parameter count must be positive");
  if (r.context < 0 || r.context > 10'000'000) return Error::invalid("context must be between 0 and 10M tokens");
  if (!(r.kv_bytes_per_element > 0)) return Error::invalid("KV cache bytes per element must be positive");
  auto q = quant_type(r.quant);
  if (!q) return q.error();

  VramEstimate e;
  e.bits_per_weight = q->bits_per_weight;
  if (r.arch) {
    e.arch = *r.arch;
    e.arch_source = "catalogue";
  } else {
    std::string name;
    e.arch = reference_architecture(r.params_b, &name);
    e.arch_source = "reference " + name;
  }
  if (e.arch.layers <= 0 || e.arch.kv_heads <= 0 || e.arch.head_dim <= 0) {
    return Error::invalid("architecture needs positive layers, kv_heads and head_dim");
  }

  const double params = r.params_b * 1e9;
  double full_precision = 0;  // embeddings + lm_head kept in f16 by AWQ/GPTQ/bnb
  if (q->embeddings_full_precision) {
    full_precision = double(e.arch.vocab) * e.arch.hidden * (e.arch.tied_embeddings ? 1 : 2);
    full_precision = std::min(full_precision, params);
  }
  e.weights_gb = ((params - full_precision) * q->bits_per_weight / 8.0 + full_precision * 2.0) / kGB;

  const double per_token = kv_bytes_per_token(e.arch, r.kv_bytes_per_element);
  e.kv_cache_gb = per_token * r.context / kGB;

  if (r.image) {
    if (r.family.empty()) return Error::invalid("--image needs --family (the vision patching to apply)");
    auto tokens = vision_token_count(r.family, r.image->first, r.image->second);
    if (!tokens) return tokens.error();
    e.vision_tokens = *tokens;
    const double encoder_b = r.vision_params_b > 0 ? r.vision_params_b : default_vision_params_b(r.family);
    e.vision_gb = (encoder_b * 1e9 * 2.0 + per_token * e.vision_tokens) / kGB;
  }
  e.total_gb = e.weights_gb + e.kv_cache_gb + e.vision_gb;
  return e;
}

}  // namespace humain
