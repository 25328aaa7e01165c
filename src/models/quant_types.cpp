// Bits per weight of the storage formats users pick between. GGUF k-quant figures are the ones
// llama.cpp's quantize tool measured on LLaMA-2-7B (mixed tensor types, so not the block math);
// the rest follow from the block layout. See docs/MODELS.md.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "humain/models.h"

namespace humain {
namespace {

struct QuantRow {
  const char* name;
  double bpw;
  bool embeddings_f16;
  const char* note;
};

// Group-wise 4-bit (AWQ/GPTQ, group 128): 4 bits + an f16 scale and a 4-bit zero per 128 weights.
constexpr double kGroup128Int4 = 4.0 + (16.0 + 4.0) / 128.0;

constexpr QuantRow kQuants[] = {
    {"f32", 32.0, false, "full precision"},
    {"f16", 16.0, false, "half precision (the seed's 'None (FP16)')"},
    {"bf16", 16.0, false, "bfloat16"},
    {"q8_0", 8.5, false, "GGUF: 32 int8 + one f16 scale per block = 34 bytes / 32 weights"},
    {"q6_k", 6.56, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q5_k_m", 5.68, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q5_k_s", 5.52, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q5_1", 6.0, false, "GGUF legacy: 24 bytes / 32 weights"},
    {"q5_0", 5.5, false, "GGUF legacy: 22 bytes / 32 weights"},
    {"q4_k_m", 4.84, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q4_k_s", 4.58, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q4_1", 5.0, false, "GGUF legacy: 20 bytes / 32 weights"},
    {"q4_0", 4.5, false, "GGUF legacy: 18 bytes / 32 weights"},
    {"iq4_xs", 4.25, false, "GGUF i-quant: 136 bytes / 256 weights"},
    {"q3_k_l", 4.27, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q3_k_m", 3.91, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q3_k_s", 3.50, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"q2_k", 3.35, false, "GGUF k-quant (llama.cpp quantize, LLaMA-2-7B)"},
    {"awq", kGroup128Int4, true, "AWQ 4-bit, group 128 (vLLM/SGLang); embeddings and lm_head stay f16"},
    {"gptq", kGroup128Int4, true, "GPTQ 4-bit, group 128; embeddings and lm_head stay f16"},
    {"fp8", 8.0, true, "FP8 weights (vLLM); embeddings and lm_head stay f16"},
    {"int8", 8.0, true, "generic 8-bit (bitsandbytes LLM.int8); embeddings and lm_head stay f16"},
    {"nf4", 4.127, true, "bitsandbytes NF4 with double quantization; embeddings and lm_head stay f16"},
    {"int4", 4.0, true, "generic 4-bit; embeddings and lm_head stay f16"},
};

struct Alias {
  const char* alias;
  const char* name;
};
constexpr Alias kAliases[] = {{"fp16", "f16"}, {"float16", "f16"}, {"none", "f16"}, {"fp32", "f32"},
                              {"8bit", "int8"}, {"8-bit", "int8"}, {"4bit", "int4"}, {"4-bit", "int4"},
                              {"awq-int4", "awq"}, {"q4_k", "q4_k_m"}, {"q5_k", "q5_k_m"}};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

Result<QuantType> quant_type(std::string_view name) {
  std::string key = lower(name);
  for (const auto& a : kAliases) {
    if (key == a.alias) key = a.name;
  }
  for (const auto& q : kQuants) {
    if (key == q.name) return QuantType{q.name, q.bpw, q.embeddings_f16, q.note};
  }
  std::string known;
  for (const auto& n : quant_type_names()) known += (known.empty() ? "" : ", ") + n;
  return Error::invalid("unknown quantization '" + std::string(name) + "'; known: " + known);
}

std::vector<std::string> quant_type_names() {
  std::vector<std::string> names;
  for (const auto& q : kQuants) names.emplace_back(q.name);
  return names;
}

Result<double> parse_param_count(std::string_view text) {
  std::string s = lower(text);
  double scale = 1.0;  // billions
  const bool has_unit = !s.empty() && (s.back() == 'b' || s.back() == 'm' || s.back() == 'k');
  if (has_unit) {
    scale = s.back() == 'b' ? 1.0 : s.back() == 'm' ? 1e-3 : 1e-6;
    s.pop_back();
  }
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || v <= 0) {
    return Error::invalid("cannot read parameter count '" + std::string(text) + "' (expected e.g. 7B, 500M, 13)");
  }
  if (!has_unit && v >= 1e6) v /= 1e9;  // a raw count such as 7.6e9 (but "1000000B" is a million billions)
  v *= scale;
  if (v > 5000) return Error::invalid("parameter count '" + std::string(text) + "' is implausibly large");
  return v;
}

Result<std::pair<int, int>> parse_image_size(std::string_view text) {
  const auto x = text.find_first_of("xX");
  if (x == std::string_view::npos) return Error::invalid("image size must be WxH, got '" + std::string(text) + "'");
  int w = 0, h = 0;
  const auto a = std::from_chars(text.data(), text.data() + x, w);
  const auto b = std::from_chars(text.data() + x + 1, text.data() + text.size(), h);
  if (a.ec != std::errc() || a.ptr != text.data() + x || b.ec != std::errc() || b.ptr != text.data() + text.size() ||
      w <= 0 || h <= 0 || w > 100000 || h > 100000) {
    return Error::invalid("image size must be WxH with positive integers, got '" + std::string(text) + "'");
  }
  return std::pair{w, h};
}

}  // namespace humain
