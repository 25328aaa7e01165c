#include <gtest/gtest.h>

#include "humain/models.h"

namespace humain {
namespace {

const ModelCatalog& catalog() {
  static const ModelCatalog c = load_model_catalog(std::string(HUMAIN_SOURCE_DIR) + "/data/models/catalog.yaml").value();
  return c;
}

Recommendation recommend(double vram, const std::string& accuracy, const std::string& budget, const std::string& hardware) {
  RecommendRequest r;
  r.vram_gb = vram;
  r.accuracy = accuracy;
  r.budget = budget;
  r.hardware = hardware;
  auto rec = recommend_model(catalog(), r);
  EXPECT_TRUE(rec.ok()) << (rec.ok() ? "" : rec.error().message);
  return rec.ok() ? *rec : Recommendation{};
}

TEST(Recommend, ExcellentOnConsumerGpuPicksMostAccurateThatFits) {
  auto r = recommend(12, "excellent", "low", "consumer");
  EXPECT_EQ(r.model.id, "qwen3-vl-8b");  // 94 on ScreenSpot-v2, fits at q4_K_M
  EXPECT_EQ(r.quant, "q4_k_m");
  EXPECT_EQ(r.engine, "ollama");
  EXPECT_LE(r.vram.total_gb * 1.1, 12.0);
  EXPECT_EQ(r.seed_choice, "llava:13b-v1.6-q4_K_M");
  bool llava_explained = false;
  for (const auto& s : r.rejected) llava_explained |= s.rfind("llava-1.6-13b: no published", 0) == 0;
  EXPECT_TRUE(llava_explained);
}

TEST(Recommend, BudgetBuysPrecisionWhenItFits) {
  EXPECT_EQ(recommend(24, "excellent", "medium", "workstation").quant, "q8_0");
  auto big = recommend(80, "excellent", "high", "workstation");
  EXPECT_EQ(big.quant, "f16");
  auto tight = recommend(8, "high", "medium", "consumer");  // q8_0 of a 7-8B model does not fit in 8 GB
  EXPECT_EQ(tight.quant, "q4_k_m");
}

TEST(Recommend, ModerateTakesTheLightestGoodEnoughModel) {
  auto r = recommend(6, "moderate", "low", "consumer");
  EXPECT_EQ(r.model.id, "qwen2.5-vl-3b");
}

TEST(Recommend, ServersGetAwqForVllm) {
  auto r = recommend(80, "high", "medium", "server");
  EXPECT_EQ(r.engine, "vllm");
  EXPECT_EQ(r.quant, "f16");
  auto cheap = recommend(80, "high", "low", "server");
  EXPECT_EQ(cheap.engine, "vllm");
  EXPECT_EQ(cheap.quant, "awq");
  EXPECT_EQ(cheap.artifact, "Qwen/Qwen3-VL-8B-Instruct-AWQ");
}

TEST(Recommend, ImpossibleConstraintsAreAnErrorListingWhy) {
  RecommendRequest r;
  r.vram_gb = 2;
  r.accuracy = "excellent";
  auto rec = recommend_model(catalog(), r);
  ASSERT_FALSE(rec.ok());
  EXPECT_NE(rec.error().message.find("qwen3-vl-8b"), std::string::npos);
  r.accuracy = "perfect";
  EXPECT_FALSE(recommend_model(catalog(), r).ok());
}

TEST(Recommend, SeedRulesAreReproducedLiterally) {
  EXPECT_EQ(seed_select_model("workstation", "excellent", "medium"), "qwen2-vl:7b-instruct-q4_K_M");
  EXPECT_EQ(seed_select_model("cloud", "excellent", "high"), "gpt-4-vision-preview");
  EXPECT_EQ(seed_select_model("server", "high", "high"), "llava:13b-v1.6-q4_K_M");
}

}  // namespace
}  // namespace humain
