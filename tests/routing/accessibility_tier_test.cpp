// The accessibility tier in the router (issue 14): first in the plan when the router has one and the
// config does not say `accessibility: off`, its own source name in predictions and the audit log.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/screenshot_pixels.h"
#include "humain/router.h"

namespace humain {
namespace {

// A grounder double: answers `box` with `confidence` (no box = no match), counts its calls.
class FixedGrounder : public Grounder {
 public:
  FixedGrounder(std::string source, std::optional<Box> box, double confidence)
      : source_(std::move(source)), box_(box), confidence_(confidence) {}
  Result<Prediction> find_element(const Screenshot&, std::string_view) override {
    ++calls;
    Prediction p;
    if (box_) p.box = *box_, p.point = box_->center();
    p.confidence = confidence_;
    p.source = source_;
    return p;
  }
  std::string name() const override { return source_; }
  std::atomic<int> calls{0};

 private:
  std::string source_;
  std::optional<Box> box_;
  double confidence_;
};

struct Fixture {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("humain_a11y_tier_" + std::to_string(::getpid()));
  Screenshot screen = screenshot_from_mat(cv::Mat(60, 80, CV_8UC3, cv::Scalar(200, 200, 200))).value();
  std::shared_ptr<FixedGrounder> engine = std::make_shared<FixedGrounder>("engine", Box{1, 1, 11, 11}, 0.9);

  Fixture() { std::filesystem::create_directories(dir); }
  RouterDeps deps(std::shared_ptr<Grounder> accessibility) {
    RouterDeps d;
    d.local_engine = engine;
    d.accessibility = std::move(accessibility);
    return d;
  }
  ~Fixture() { std::filesystem::remove_all(dir); }

  Config config(const std::string& accessibility) {
    std::string y = "deployment: {mode: local_only, audit_log: \"" + (dir / "audit.jsonl").string() + "\"" +
                    (accessibility.empty() ? "" : ", accessibility: " + accessibility) + "}\n";
    auto c = parse_config(y, "t.yaml");
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.value();
  }
  std::vector<nlohmann::json> audit_lines() {
    std::vector<nlohmann::json> out;
    std::ifstream in(dir / "audit.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
};

TEST(AccessibilityTier, AnswersFirstWithItsOwnSourceInPredictionAndAudit) {
  Fixture f;
  auto a11y = std::make_shared<FixedGrounder>("accessibility", Box{20, 20, 40, 30}, 0.95);
  auto router = make_router(f.config(""), f.deps(a11y));
  ASSERT_TRUE(router.ok()) << router.error().message;
  auto r = (*router)->ground(f.screen, "click Save");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->answered_by, Tier::kAccessibility);
  EXPECT_EQ(r->prediction.source, "accessibility");
  ASSERT_FALSE(r->decision.plan.empty());
  EXPECT_EQ(r->decision.plan.front(), Tier::kAccessibility);
  EXPECT_EQ(f.engine->calls, 0);  // a sure tree answer needs no pixels
  auto lines = f.audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["answered_by"], "accessibility");
  EXPECT_EQ(lines[0]["plan"][0], "accessibility");
}

TEST(AccessibilityTier, NoTreeAnswerFallsToTheEngine) {
  Fixture f;
  auto a11y = std::make_shared<FixedGrounder>("accessibility", std::nullopt, 0);
  auto router = make_router(f.config("on"), f.deps(a11y));
  ASSERT_TRUE(router.ok());
  auto r = (*router)->ground(f.screen, "click Save");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->answered_by, Tier::kLocalEngine);
  EXPECT_EQ(r->prediction.source, "local-engine:engine");
  ASSERT_FALSE(r->fallbacks.empty());
  EXPECT_EQ(r->fallbacks[0], "accessibility unsure (no match)");
}

TEST(AccessibilityTier, OffInTheConfigOrAbsentMeansNotInThePlan) {
  Fixture f;
  auto a11y = std::make_shared<FixedGrounder>("accessibility", Box{20, 20, 40, 30}, 0.95);
  auto off = make_router(f.config("off"), f.deps(a11y));
  ASSERT_TRUE(off.ok());
  auto r = (*off)->ground(f.screen, "click Save");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->answered_by, Tier::kLocalEngine);
  EXPECT_EQ(a11y->calls, 0);
  // Without a tree (serve, ground, route: a screenshot carries none) the plan is as before.
  auto none = make_router(f.config("on"), f.deps(nullptr));
  ASSERT_TRUE(none.ok());
  RouteRequest req;
  req.task = "click Save";
  req.screen = &f.screen;
  auto d = (*none)->decide(req);
  ASSERT_TRUE(d.ok());
  for (Tier t : d->plan) EXPECT_NE(t, Tier::kAccessibility);
  EXPECT_STREQ(tier_name(Tier::kAccessibility), "accessibility");
}

}  // namespace
}  // namespace humain
