// The YAML loader: every seed example loads and means what the seed says; bad input names key and line.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "humain/config.h"

namespace humain {
namespace {

const std::string kSeedDir = std::string(HUMAIN_SOURCE_DIR) + "/configs/seed/";
const std::string kConfigDir = std::string(HUMAIN_SOURCE_DIR) + "/configs/";

std::string error_of(const std::string& yaml) {
  auto r = parse_config(yaml, "t.yaml");
  EXPECT_FALSE(r.ok()) << "expected an error for:\n" << yaml;
  return r.ok() ? std::string() : r.error().message;
}

TEST(SeedConfigs, VlmConfigIsLocalOllamaWithQuantizationAndInference) {
  auto c = load_config(kSeedDir + "vlm_config.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->mode, "local_only");
  ASSERT_TRUE(c->local.has_value());
  EXPECT_FALSE(c->cloud.has_value());
  EXPECT_EQ(c->local->provider, "ollama");
  EXPECT_EQ(c->local->model, "llava:13b-v1.6-q4_K_M");
  EXPECT_EQ(c->quantization.bits, 4);
  EXPECT_EQ(c->quantization.type, "k_quant_mixed");
  EXPECT_EQ(c->inference.max_tokens, 512);
  EXPECT_DOUBLE_EQ(c->inference.temperature, 0.1);
  EXPECT_EQ(c->inference.batch_size, 1);
  // inference: defaults flow into the endpoint that did not set its own.
  EXPECT_EQ(c->local->max_tokens, 512);
  EXPECT_DOUBLE_EQ(c->local->temperature, 0.1);
}

TEST(SeedConfigs, LocalOnlyNeverHasACloudAndWarnsAboutFramework) {
  auto c = load_config(kSeedDir + "local_only.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->mode, "local_only");
  ASSERT_TRUE(c->local.has_value());
  EXPECT_EQ(c->local->location, "local");
  EXPECT_FALSE(c->cloud.has_value());
  EXPECT_EQ(c->inference.framework, "vllm");
  EXPECT_TRUE(c->cache.enabled);
  EXPECT_EQ(c->cache.max_size, 100);
  EXPECT_DOUBLE_EQ(c->cache.ttl_s, 300);
  EXPECT_FALSE(c->cache.aggressive);
  ASSERT_EQ(c->warnings.size(), 1u);
  EXPECT_NE(c->warnings[0].find("advisory"), std::string::npos) << c->warnings[0];
}

TEST(SeedConfigs, HybridHasBothTiersAndConfidentialThreshold) {
  auto c = load_config(kSeedDir + "hybrid.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->mode, "hybrid");
  EXPECT_EQ(c->sensitivity_threshold, "confidential");
  ASSERT_TRUE(c->local && c->cloud);
  EXPECT_EQ(c->local->provider, "ollama");
  EXPECT_EQ(c->local->model, "qwen2-vl:7b-instruct-q4_K_M");
  EXPECT_EQ(c->cloud->provider, "openrouter");
  EXPECT_EQ(c->cloud->model, "anthropic/claude-3-sonnet");
  EXPECT_EQ(c->cloud->location, "cloud");
  EXPECT_TRUE(c->cloud->fallback_to_local);
  EXPECT_EQ(c->cloud->send, "redacted");
  EXPECT_EQ(c->cloud->api_key_env, "OPENROUTER_API_KEY");
  EXPECT_TRUE(c->cache.enabled);
  EXPECT_FALSE(c->allow_confidential_in_cloud);
}

TEST(SeedConfigs, CloudFirstMapsFallbackToTheLocalTier) {
  auto c = load_config(kSeedDir + "cloud_first.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->mode, "cloud_first");
  ASSERT_TRUE(c->cloud && c->local);
  EXPECT_EQ(c->cloud->provider, "openrouter");
  EXPECT_EQ(c->cloud->model, "openai/gpt-4-vision-preview");
  EXPECT_TRUE(c->cloud->fallback_to_local);
  EXPECT_EQ(c->local->provider, "ollama");
  EXPECT_EQ(c->local->model, "llava:13b-v1.6-q4_K_M");
  EXPECT_TRUE(c->fallbacks.empty());
  EXPECT_TRUE(c->cache.enabled);
  EXPECT_TRUE(c->cache.aggressive);
}

TEST(ExampleConfigs, AllLoad) {
  for (const char* f : {"local_only.yaml", "hybrid.yaml", "cloud_first.yaml"}) {
    auto c = load_config(kConfigDir + f);
    EXPECT_TRUE(c.ok()) << f << ": " << (c.ok() ? "" : c.error().message);
  }
}

// Issue 15: family versions, the bare names whose meaning changed, OpenAI computer use.
TEST(FamilyVersions, ParsedWarnedAndCheckedAgainstTheProvider) {
  auto pinned = parse_config("vlm:\n  provider: vllm\n  model: m\n  family: holo\n  family_version: \"1.5\"\n", "t.yaml");
  ASSERT_TRUE(pinned.ok()) << pinned.error().message;
  EXPECT_EQ(pinned->local->family_version, "1.5");
  EXPECT_TRUE(pinned->warnings.empty());
  auto bare = parse_config("vlm:\n  provider: vllm\n  model: m\n  family: ui-tars\n", "t.yaml");
  ASSERT_TRUE(bare.ok()) << bare.error().message;
  ASSERT_EQ(bare->warnings.size(), 1u);
  EXPECT_NE(bare->warnings[0].find("UI-TARS-1.5"), std::string::npos) << bare->warnings[0];
  const auto e = error_of("vlm:\n  provider: openai\n  model: computer-use-preview\n  family: openai-computer-use\n");
  EXPECT_NE(e.find("provider: openai-responses"), std::string::npos) << e;
  auto ok = parse_config("vlm:\n  provider: openai-responses\n  model: computer-use-preview\n  family: openai-computer-use\n"
                         "  family_version: preview\n", "t.yaml");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->cloud->provider, "openai-responses");
  EXPECT_EQ(ok->cloud->api_key_env, "OPENAI_API_KEY");
}

TEST(ConfigErrors, UnknownKeyNamesKeyAndLine) {
  const auto e = error_of("deployment:\n  mode: hybrid\n  sensitivty_threshold: confidential\n");
  EXPECT_NE(e.find("t.yaml:3"), std::string::npos) << e;
  EXPECT_NE(e.find("deployment.sensitivty_threshold"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key"), std::string::npos) << e;
}

TEST(ConfigErrors, WrongTypesNameKeyAndLine) {
  {
    auto o = error_of("ocr:\n  languages: eng\n");
    EXPECT_NE(o.find("t.yaml:2: ocr.languages: must be a list of strings"), std::string::npos) << o;
    o = error_of("ocr:\n  langs: [eng]\n");
    EXPECT_NE(o.find("ocr"), std::string::npos) << o;
  }
  auto e = error_of("caching:\n  enabled: true\n  max_size: lots\n");
  EXPECT_NE(e.find("t.yaml:3: caching.max_size: must be an integer"), std::string::npos) << e;
  e = error_of("caching:\n  enabled: maybe\n");
  EXPECT_NE(e.find("t.yaml:2: caching.enabled: must be true or false"), std::string::npos) << e;
  e = error_of("deployment:\n  mode: [hybrid]\n");
  EXPECT_NE(e.find("deployment.mode: must be a string"), std::string::npos) << e;
  e = error_of("deployment:\n  escalate_below: 1.5\n");
  EXPECT_NE(e.find("deployment.escalate_below: must be between 0 and 1"), std::string::npos) << e;
  e = error_of("vlm: ollama\n");
  EXPECT_NE(e.find("t.yaml:1: vlm: must be a mapping"), std::string::npos) << e;
}

TEST(ConfigErrors, BadValues) {
  auto e = error_of("deployment:\n  mode: turbo\n");
  EXPECT_NE(e.find("t.yaml:2: deployment.mode: \"turbo\" is not one of local_only | hybrid | cloud_first"), std::string::npos) << e;
  e = error_of("vlm:\n  provider: ollamma\n  model: x\n");
  EXPECT_NE(e.find("t.yaml:2: vlm.provider: unknown provider \"ollamma\""), std::string::npos) << e;
  e = error_of("vlm:\n  provider: ollama\n");
  EXPECT_NE(e.find("vlm.model: missing"), std::string::npos) << e;
  e = error_of("vlm:\n  cloud: {provider: openrouter, model: m, send: everything}\ndeployment: {mode: hybrid}\n");
  EXPECT_NE(e.find("vlm.cloud.send: \"everything\" is not one of redacted | crop"), std::string::npos) << e;
  e = error_of("vlm:\n  local: {provider: ollama, model: m, send: crop}\n");
  EXPECT_NE(e.find("vlm.local.send: only applies to cloud tiers"), std::string::npos) << e;
  e = error_of("vlm:\n  provider: ollama\n  model: m\n  quantization: {bits: 7}\n");
  EXPECT_NE(e.find("t.yaml:4: vlm.quantization.bits: must be 2, 3, 4"), std::string::npos) << e;
}

TEST(ConfigErrors, ImpossibleCombinations) {
  auto e = error_of("deployment:\n  mode: cloud_first\nvlm:\n  provider: ollama\n  model: llava\n");
  EXPECT_NE(e.find("t.yaml:2: deployment.mode: cloud_first needs a cloud VLM"), std::string::npos) << e;
  e = error_of("deployment:\n  mode: hybrid\n");
  EXPECT_NE(e.find("hybrid needs a cloud VLM"), std::string::npos) << e;
  // A third-party API is never the local tier unless the user says it is served locally.
  e = error_of("vlm:\n  local: {provider: openrouter, model: m}\n");
  EXPECT_NE(e.find("t.yaml:2: vlm.local.provider"), std::string::npos) << e;
  e = error_of("vlm:\n  local: {provider: ollama, model: m, location: cloud}\n");
  EXPECT_NE(e.find("contradicts"), std::string::npos) << e;
  e = error_of("inference: {max_tokens: 10}\nvlm:\n  provider: ollama\n  model: m\n  inference: {max_tokens: 20}\n");
  EXPECT_NE(e.find("given twice"), std::string::npos) << e;
}

// Issue 11: a later `force_local: true` was silently ignored (the first of two equal keys won).
TEST(ConfigErrors, DuplicateKeysNameBothLines) {
  auto e = error_of("force_local: false\ndeployment: {mode: local_only}\nforce_local: true\n");
  EXPECT_NE(e.find("t.yaml:3: force_local: duplicate key (first on line 1, again on line 3)"), std::string::npos) << e;
  e = error_of("vlm:\n  provider: ollama\n  model: a\n  model: b\n");
  EXPECT_NE(e.find("vlm.model: duplicate key (first on line 3, again on line 4)"), std::string::npos) << e;
  e = error_of("vlm:\n  provider: ollama\n  model: a\n  headers: {X-A: 1, X-A: 2}\n");
  EXPECT_NE(e.find("vlm.headers.X-A: duplicate key"), std::string::npos) << e;
}

// Issue 11: a ${VAR}'s value is never echoed in a config error (it may be a secret).
TEST(ConfigErrors, EnvironmentValuesAreNotEchoed) {
  ::setenv("HUMAIN_TEST_SECRETISH", "sk-very-secret-value", 1);
  auto e = error_of("deployment:\n  mode: ${HUMAIN_TEST_SECRETISH}\n");
  EXPECT_NE(e.find("deployment.mode"), std::string::npos) << e;
  EXPECT_EQ(e.find("sk-very-secret-value"), std::string::npos) << e;
  e = error_of("vlm:\n  provider: ${HUMAIN_TEST_SECRETISH}\n  model: m\n");
  EXPECT_NE(e.find("unknown provider"), std::string::npos) << e;
  EXPECT_EQ(e.find("sk-very-secret-value"), std::string::npos) << e;
}

TEST(ConfigErrors, MalformedYamlHasALine) {
  auto r = parse_config("deployment:\n  mode: [hybrid\nvlm: {\n", "bad.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("bad.yaml:"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("malformed YAML"), std::string::npos) << r.error().message;
  auto missing = load_config("/nonexistent/humain.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/humain.yaml"), std::string::npos);
}

TEST(ConfigEnv, ExpandsVariablesAndDefaults) {
  ::setenv("HUMAIN_TEST_HOST", "http://10.0.0.7:11434", 1);
  ::unsetenv("HUMAIN_TEST_UNSET");
  auto c = parse_config(
      "vlm:\n  provider: ollama\n  model: m\n  base_url: ${HUMAIN_TEST_HOST}\n"
      "  keep_alive: ${HUMAIN_TEST_UNSET:-5m}\n",
      "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->local->base_url, "http://10.0.0.7:11434");
  EXPECT_EQ(c->local->keep_alive, "5m");
  const auto e = error_of("vlm:\n  provider: ollama\n  model: m\n  base_url: ${HUMAIN_TEST_UNSET}\n");
  EXPECT_NE(e.find("t.yaml:4: vlm.base_url: environment variable HUMAIN_TEST_UNSET is not set"), std::string::npos) << e;
}

TEST(ConfigEnv, ApiKeyIsOnlyAReferenceAndMayBeUnsetUntilUsed) {
  ::unsetenv("HUMAIN_TEST_KEY");
  auto c = parse_config(
      "deployment: {mode: hybrid}\nvlm:\n  local: {provider: ollama, model: m}\n"
      "  cloud: {provider: openai, model: gpt-4o, api_key: \"${HUMAIN_TEST_KEY}\"}\n",
      "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->cloud->api_key_env, "HUMAIN_TEST_KEY");
  const auto e = error_of("vlm:\n  cloud: {provider: openai, model: gpt-4o, api_key: sk-live-123}\ndeployment: {mode: hybrid}\n");
  EXPECT_NE(e.find("vlm.cloud.api_key: must be a reference"), std::string::npos) << e;
  EXPECT_EQ(e.find("sk-live-123"), std::string::npos) << "the error must not echo the secret: " << e;
}

TEST(ConfigDefaults, EmptyFileIsLocalEngineOnly) {
  auto c = parse_config("", "empty.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->mode, "local_only");
  EXPECT_FALSE(c->local || c->cloud);
  EXPECT_FALSE(c->cache.enabled);
  EXPECT_FALSE(c->sensitive_keywords.empty());
}

TEST(ConfigRouterKeys, DeploymentAdditionsAreRead) {
  auto c = parse_config(
      "deployment:\n  mode: hybrid\n  force_local: true\n  escalate_below: 0.4\n  audit_log: /tmp/a.jsonl\n"
      "  allow_confidential_in_cloud: true\n  sensitive_keywords: [payroll, hr]\n  breaker: {failures: 2, cooldown: 5}\n"
      "vlm:\n  local: {provider: vllm, model: q, replicas: [\"http://a:8000\", \"http://b:8000\"]}\n"
      "  cloud: {provider: anthropic, model: claude, send: crop, timeout: 3}\n",
      "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->force_local);
  EXPECT_DOUBLE_EQ(c->escalate_below, 0.4);
  EXPECT_EQ(c->audit_log, "/tmp/a.jsonl");
  EXPECT_TRUE(c->allow_confidential_in_cloud);
  EXPECT_EQ(c->sensitive_keywords, (std::vector<std::string>{"payroll", "hr"}));
  EXPECT_EQ(c->breaker_failures, 2);
  EXPECT_DOUBLE_EQ(c->breaker_cooldown_s, 5);
  EXPECT_EQ(c->local->replicas.size(), 2u);
  EXPECT_EQ(c->cloud->send, "crop");
  EXPECT_DOUBLE_EQ(c->cloud->total_timeout_s, 3);
  EXPECT_EQ(c->cloud->api_key_env, "ANTHROPIC_API_KEY");
}

}  // namespace
TEST(Config, OcrLanguagesForTheLocalEngine) {
  auto c = parse_config("ocr: {languages: [eng, chi_sim, jpn]}\n", "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->ocr_languages, (std::vector<std::string>{"eng", "chi_sim", "jpn"}));
  auto d = parse_config("", "t.yaml");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->ocr_languages.empty());  // the engine's default
  EXPECT_NE(error_of("ocr:\n  languages: []\n").find("ocr.languages: must name at least one"), std::string::npos);
}

}  // namespace humain
