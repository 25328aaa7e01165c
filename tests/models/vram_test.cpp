#include <gtest/gtest.h>

#include "humain/models.h"

namespace humain {
namespace {

VramEstimate estimate(const std::string& params, const std::string& quant, int context = 0) {
  VramRequest r;
  r.params_b = parse_param_count(params).value();
  r.quant = quant;
  r.context = context;
  auto e = estimate_vram(r);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  return e.ok() ? *e : VramEstimate{};
}

// The seed's quantization table: 13B needs ~26 GB at fp16, ~13 GB at 8-bit, ~7 GB at 4-bit.
TEST(VramEstimate, MatchesTheSeedsThirteenBillionTable) {
  EXPECT_NEAR(estimate("13B", "f16").weights_gb, 26.0, 0.5);
  EXPECT_NEAR(estimate("13B", "int8").weights_gb, 13.0, 13.0 * 0.05);
  EXPECT_NEAR(estimate("13B", "q8_0").weights_gb, 13.0, 13.0 * 0.10);
  EXPECT_NEAR(estimate("13B", "int4").weights_gb, 7.0, 7.0 * 0.05);
  EXPECT_NEAR(estimate("13B", "awq").weights_gb, 7.0, 7.0 * 0.10);
  EXPECT_NEAR(estimate("13B", "q4_0").weights_gb, 7.0, 7.0 * 0.10);
  // q4_K_M keeps some tensors at q6_K, so it lands above the seed's rounded 7 GB.
  EXPECT_NEAR(estimate("13B", "q4_K_M").weights_gb, 7.0, 7.0 * 0.15);
  EXPECT_GT(estimate("13B", "q4_K_M").weights_gb, estimate("13B", "q4_0").weights_gb);
}

TEST(VramEstimate, BitsPerWeightFollowLlamaCppTable) {
  EXPECT_DOUBLE_EQ(quant_type("Q4_K_M")->bits_per_weight, 4.84);
  EXPECT_DOUBLE_EQ(quant_type("q8_0")->bits_per_weight, 8.5);
  EXPECT_DOUBLE_EQ(quant_type("fp16")->bits_per_weight, 16.0);
  EXPECT_TRUE(quant_type("awq")->embeddings_full_precision);
  EXPECT_FALSE(quant_type("q3_bogus").ok());
}

// KV cache = 2 x layers x kv_heads x head_dim x context x 2 bytes. LLaMA-2-13B (40 x 40 x 128)
// at 4096 tokens is 3.36 GB; Qwen2.5-7B's GQA (28 x 4 x 128) is 0.235 GB.
TEST(VramEstimate, KvCacheFromArchitecture) {
  EXPECT_NEAR(estimate("13B", "f16", 4096).kv_cache_gb, 2.0 * 40 * 40 * 128 * 4096 * 2 / 1e9, 1e-9);
  EXPECT_NEAR(estimate("7B", "q4_k_m", 4096).kv_cache_gb, 2.0 * 28 * 4 * 128 * 4096 * 2 / 1e9, 1e-9);
  EXPECT_DOUBLE_EQ(estimate("7B", "q4_k_m", 8192).kv_cache_gb, 2 * estimate("7B", "q4_k_m", 4096).kv_cache_gb);
  const auto e = estimate("13B", "f16", 4096);
  EXPECT_NEAR(e.total_gb, e.weights_gb + e.kv_cache_gb + e.vision_gb, 1e-12);
}

TEST(VramEstimate, CatalogueArchitectureOverridesReference) {
  VramRequest r;
  r.params_b = 13;
  r.quant = "f16";
  r.context = 1000;
  r.arch = ModelArchitecture{10, 1000, 1, 100, 1000, false};
  auto e = estimate_vram(r);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->arch_source, "catalogue");
  EXPECT_NEAR(e->kv_cache_gb, 2.0 * 10 * 1 * 100 * 1000 * 2 / 1e9, 1e-12);
}

// Qwen2.5-VL: 1920x1080 -> smart_resize 1932x1092 -> 69 x 39 merged 28 px tokens.
TEST(VisionTokens, QwenSmartResize) {
  EXPECT_EQ(vision_token_count("qwen2.5-vl", 1920, 1080).value(), 69 * 39);
  EXPECT_EQ(vision_token_count("qwen2-vl", 1920, 1080).value(), 69 * 39);
  // 4K is above max_pixels? 3840x2160 = 8.3 MP < 12.8 MP, so only rounding applies.
  EXPECT_EQ(vision_token_count("qwen2.5-vl", 3840, 2160).value(), 137 * 77);
  // Tiny images are scaled up to min_pixels (UI-TARS: 100 x 28 x 28).
  EXPECT_GE(vision_token_count("ui-tars-1.5", 56, 56).value(), 100);
  EXPECT_EQ(vision_token_count("qwen3-vl", 1920, 1080).value(), 60 * 34);
  EXPECT_FALSE(vision_token_count("qwen2.5-vl", 10000, 10).ok());  // aspect ratio > 200
  EXPECT_FALSE(vision_token_count("no-such-family", 100, 100).ok());
}

TEST(VisionTokens, LlavaAnyres) {
  EXPECT_EQ(vision_token_count("llava-1.5", 1920, 1080).value(), 576);
  // 672x672 grid (48x48 features) unpadded to 16:9 -> 28 rows x (48 + newline) + 576 base.
  EXPECT_EQ(vision_token_count("llava-1.6", 1920, 1080).value(), 576 + 28 * 49);
}

TEST(VramEstimate, VisionAddsEncoderAndImageTokens) {
  VramRequest r;
  r.params_b = 7.62;
  r.quant = "q4_k_m";
  r.image = std::pair{1920, 1080};
  r.family = "qwen2.5-vl";
  auto e = estimate_vram(r);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->vision_tokens, 2691);
  const double kv_per_token = 2.0 * 28 * 4 * 128 * 2;
  EXPECT_NEAR(e->vision_gb, (0.67e9 * 2 + kv_per_token * 2691) / 1e9, 1e-9);
  r.family.clear();
  EXPECT_FALSE(estimate_vram(r).ok());  // an image needs a family
}

TEST(VramEstimate, ParsesParameterCounts) {
  EXPECT_DOUBLE_EQ(parse_param_count("7B").value(), 7.0);
  EXPECT_DOUBLE_EQ(parse_param_count("13b").value(), 13.0);
  EXPECT_DOUBLE_EQ(parse_param_count("500M").value(), 0.5);
  EXPECT_DOUBLE_EQ(parse_param_count("7.6e9").value(), 7.6);
  EXPECT_FALSE(parse_param_count("").ok());
  EXPECT_FALSE(parse_param_count("seven").ok());
  EXPECT_FALSE(parse_param_count("-3B").ok());
  EXPECT_FALSE(parse_param_count("7BB").ok());
  // Issue 11: a unit is never also divided as a raw count ("1000000B" printed 0.00B).
  EXPECT_FALSE(parse_param_count("1000000B").ok());
  EXPECT_DOUBLE_EQ(parse_param_count("2000M").value(), 2.0);
  EXPECT_FALSE(parse_image_size("1920*1080").ok());
  EXPECT_FALSE(parse_image_size("0x10").ok());
  EXPECT_EQ(parse_image_size("1920x1080").value(), (std::pair{1920, 1080}));
}

}  // namespace
}  // namespace humain
