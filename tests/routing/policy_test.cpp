// The routing table: mode x sensitivity x complexity -> tiers, as docs/ROUTING.md states it.
#include <gtest/gtest.h>

#include "routing/circuit_breaker.h"
#include "routing/classifier.h"
#include "routing/policy.h"

namespace humain {
namespace {

Config config_for(const std::string& mode, bool with_local = true, bool fallback_to_local = true) {
  std::string y = "deployment: {mode: " + mode + "}\nvlm:\n";
  if (with_local) y += "  local: {provider: ollama, model: l}\n";
  if (mode != "local_only") y += "  cloud: {provider: openrouter, model: c, fallback_to_local: " + std::string(fallback_to_local ? "true" : "false") + "}\n";
  if (mode == "local_only" && !with_local) y = "deployment: {mode: local_only}\n";
  auto c = parse_config(y, "t.yaml");
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.value();
}

std::string plan_of(const Config& c, Sensitivity s, Complexity cx, const std::string& op = "grounding") {
  RouteDecision d;
  routing::PolicyInput in{op, s, cx, false};
  auto st = routing::plan_route(c, in, d);
  if (!st.ok()) return "error";
  std::string out = std::string(tier_name(d.tier)) + " |";
  for (Tier t : d.plan) out += std::string(" ") + tier_name(t);
  return out;
}

const auto P = Sensitivity::kPublic, I = Sensitivity::kInternal, C = Sensitivity::kConfidential;
const auto S = Complexity::kSimple, M = Complexity::kModerate, X = Complexity::kComplex;

TEST(Policy, LocalOnlyNeverLeaves) {
  const auto c = config_for("local_only");
  for (auto s : {P, I, C}) {
    EXPECT_EQ(plan_of(c, s, S), "local-engine | local-engine local-vlm");
    EXPECT_EQ(plan_of(c, s, X), "local-vlm | local-engine local-vlm");
  }
  EXPECT_EQ(plan_of(c, P, X, "planning"), "local-vlm | local-vlm");
}

TEST(Policy, HybridSendsOnlyComplexNonConfidentialGroundingToTheCloud) {
  const auto c = config_for("hybrid");
  EXPECT_EQ(plan_of(c, I, S), "local-engine | local-engine local-vlm cloud-vlm");
  EXPECT_EQ(plan_of(c, I, M), "local-vlm | local-engine local-vlm cloud-vlm");
  EXPECT_EQ(plan_of(c, I, X), "cloud-vlm | local-engine cloud-vlm local-vlm");
  EXPECT_EQ(plan_of(c, P, X), "cloud-vlm | local-engine cloud-vlm local-vlm");
  for (auto cx : {S, M, X}) {
    const auto p = plan_of(c, C, cx);
    EXPECT_EQ(p.find("cloud"), std::string::npos) << "confidential must stay local: " << p;
  }
  EXPECT_EQ(plan_of(c, I, X, "planning"), "local-vlm | local-vlm cloud-vlm");
  EXPECT_EQ(plan_of(c, C, X, "reasoning"), "local-vlm | local-vlm");
}

TEST(Policy, CloudFirstPrefersTheCloudButNotForConfidential) {
  const auto c = config_for("cloud_first");
  EXPECT_EQ(plan_of(c, I, S), "cloud-vlm | cloud-vlm local-vlm local-engine");
  EXPECT_EQ(plan_of(c, P, X), "cloud-vlm | cloud-vlm local-vlm local-engine");
  EXPECT_EQ(plan_of(c, C, X), "local-vlm | local-engine local-vlm");
  EXPECT_EQ(plan_of(c, I, S, "planning"), "cloud-vlm | cloud-vlm local-vlm");
  const auto no_fallback = config_for("cloud_first", true, false);
  EXPECT_EQ(plan_of(no_fallback, I, S), "cloud-vlm | cloud-vlm");
}

TEST(Policy, ForceLocalThresholdAndOptIn) {
  auto c = config_for("cloud_first");
  c.force_local = true;
  EXPECT_EQ(plan_of(c, P, X), "local-vlm | local-engine local-vlm");
  c = config_for("hybrid");
  c.sensitivity_threshold = "internal";
  EXPECT_EQ(plan_of(c, I, X).find("cloud"), std::string::npos);
  EXPECT_NE(plan_of(c, P, X).find("cloud"), std::string::npos);
  c = config_for("hybrid");
  c.allow_confidential_in_cloud = true;
  EXPECT_NE(plan_of(c, C, X).find("cloud"), std::string::npos);
  // Chat images the router cannot scan stay local.
  RouteDecision d;
  ASSERT_TRUE(routing::plan_route(config_for("cloud_first"), {"planning", P, S, true}, d).ok());
  EXPECT_FALSE(d.cloud_allowed);
  // Planning with no VLM at all has nowhere to go.
  EXPECT_EQ(plan_of(config_for("local_only", false), P, S, "planning"), "error");
}

TEST(Classifier, ComplexityFromOperationTaskAndScreen) {
  std::vector<std::string> why;
  EXPECT_EQ(routing::classify_complexity("click Save", "grounding", 1280, 800, why), Complexity::kSimple);
  EXPECT_EQ(routing::classify_complexity("compare the two prices", "grounding", 1280, 800, why), Complexity::kModerate);
  EXPECT_EQ(routing::classify_complexity("click the icon left of Search", "grounding", 1280, 800, why), Complexity::kComplex);
  EXPECT_EQ(routing::classify_complexity("precise pixel of the slider", "grounding", 1280, 800, why), Complexity::kComplex);
  EXPECT_EQ(routing::classify_complexity("click Save", "grounding", 3840, 2160, why), Complexity::kComplex);
  EXPECT_EQ(routing::classify_complexity("summarise", "reasoning", 0, 0, why), Complexity::kModerate);
  EXPECT_EQ(routing::classify_complexity("open the spinner", "grounding", 1280, 800, why), Complexity::kSimple);
  EXPECT_EQ(routing::task_sensitivity("type the Password", {"password"}, why), Sensitivity::kConfidential);
  EXPECT_FALSE(routing::task_sensitivity("click Save", {"password"}, why).has_value());
}

TEST(CircuitBreaker, OpensCoolsDownAndHalfOpens) {
  auto now = std::chrono::steady_clock::time_point{};
  routing::CircuitBreaker b(2, 10, [&] { return now; });
  EXPECT_TRUE(b.allow());
  b.record_failure();
  EXPECT_FALSE(b.open());
  b.record_failure();
  EXPECT_TRUE(b.open());
  EXPECT_FALSE(b.allow());
  now += std::chrono::seconds(11);
  EXPECT_TRUE(b.allow()) << "half-open: one trial";
  EXPECT_FALSE(b.allow()) << "only one trial at a time";
  b.record_failure();
  EXPECT_TRUE(b.open()) << "failed trial re-opens";
  now += std::chrono::seconds(11);
  EXPECT_TRUE(b.allow());
  b.record_success();
  EXPECT_FALSE(b.open());
  EXPECT_TRUE(b.allow());
}

}  // namespace
}  // namespace humain
