#include <gtest/gtest.h>

#include "humain/models.h"

namespace humain {
namespace {

const std::string kCatalog = std::string(HUMAIN_SOURCE_DIR) + "/data/models/catalog.yaml";

TEST(ModelCatalog, RepositoryCatalogueLoadsAndAgreesWithGroundingFacts) {
  auto c = load_model_catalog(kCatalog);
  ASSERT_TRUE(c.ok()) << c.error().message;
  const ModelEntry* q7 = c->find("qwen2.5-vl-7b");
  ASSERT_NE(q7, nullptr);
  EXPECT_DOUBLE_EQ(q7->screenspot_v2.value(), 88.8);
  EXPECT_DOUBLE_EQ(q7->screenspot_pro.value(), 29.0);
  EXPECT_EQ(q7->ollama.at("q4_k_m"), "qwen2.5vl:7b");
  EXPECT_FALSE(q7->awq.empty());
  ASSERT_TRUE(q7->arch.has_value());
  EXPECT_EQ(q7->arch->kv_heads, 4);
  EXPECT_DOUBLE_EQ(c->find("qwen2.5-vl-3b")->screenspot_v2.value(), 80.9);
  EXPECT_DOUBLE_EQ(c->find("gta1-7b")->screenspot_pro.value(), 55.5);
  EXPECT_DOUBLE_EQ(c->find("gpt-4o")->screenspot_pro.value(), 0.8);
  for (const auto& m : c->models) {
    EXPECT_FALSE(m.adapter.empty()) << m.id;
    if (m.screenspot_v2) {
      EXPECT_FALSE(m.accuracy_source.empty()) << m.id;
    }
  }
}

TEST(ModelCatalog, RejectsTyposAndBadValuesWithLine) {
  auto unknown = parse_model_catalog("models:\n  - id: a\n    deployment: cloud\n    paramz_b: 3\n", "t.yaml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("t.yaml:4"), std::string::npos) << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("paramz_b"), std::string::npos);

  EXPECT_FALSE(parse_model_catalog("models:\n  - id: a\n    deployment: cloud\n    screenspot_v2: 120\n").ok());
  EXPECT_FALSE(parse_model_catalog("models:\n  - id: a\n    deployment: local\n    params_b: 3\n").ok());  // no arch
  EXPECT_FALSE(parse_model_catalog("models:\n  - id: a\n    deployment: cloud\n  - id: a\n    deployment: cloud\n").ok());
  EXPECT_FALSE(parse_model_catalog("models:\n  - id: a\n    deployment: cloud\n    ollama: {q9_z: x}\n").ok());
  EXPECT_FALSE(parse_model_catalog("models: [").ok());
  EXPECT_FALSE(parse_model_catalog("{}").ok());
  EXPECT_FALSE(parse_model_catalog("models:\n  - id: a\n    deployment: cloud\n    params_b: lots\n").ok());
  EXPECT_FALSE(load_model_catalog("/nonexistent/catalog.yaml").ok());
}

}  // namespace
}  // namespace humain
