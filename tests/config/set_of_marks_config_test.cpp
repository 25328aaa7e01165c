// Set-of-marks endpoint keys: what implies what, and the combinations that are errors.
#include <gtest/gtest.h>

#include "humain/config.h"

namespace humain {
namespace {

Result<Config> cloud(const std::string& keys) {
  return parse_config("deployment: {mode: hybrid}\nvlm:\n  cloud: {provider: openai, model: gpt-4o" + keys + "}\n", "t.yaml");
}

TEST(SetOfMarksConfig, FamilyAndSendCropsImplyMarks) {
  auto c = cloud("");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->cloud->grounding, "");
  c = cloud(", family: set-of-marks");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->cloud->grounding, "set-of-marks");
  EXPECT_EQ(c->cloud->marks_top_k, 0);
  c = cloud(", send: crops");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->cloud->grounding, "set-of-marks");
  EXPECT_EQ(c->cloud->marks_top_k, 5);
  c = cloud(", family: claude-computer-use, grounding: set-of-marks, marks_top_k: 8, marks_crop_padding: 10");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->cloud->family, "claude-computer-use");
  EXPECT_EQ(c->cloud->grounding, "set-of-marks");
  EXPECT_EQ(c->cloud->marks_top_k, 8);
  EXPECT_EQ(c->cloud->marks_crop_padding, 10);
}

TEST(SetOfMarksConfig, ContradictionsAreErrorsNamingTheKey) {
  for (const char* keys : {", grounding: set-of-marks, send: crop", ", send: crops, grounding: coordinates",
                           ", grounding: marks", ", marks_top_k: -1", ", send: everything"}) {
    auto c = cloud(keys);
    ASSERT_FALSE(c.ok()) << keys;
    EXPECT_NE(c.error().message.find("t.yaml:"), std::string::npos) << c.error().message;
  }
  auto local = parse_config("vlm:\n  local: {provider: ollama, model: m, send: crops}\n", "t.yaml");
  ASSERT_FALSE(local.ok());
  EXPECT_NE(local.error().message.find("send"), std::string::npos);
}

}  // namespace
}  // namespace humain
