// The policy, in the order the checks matter: privacy first (what may leave), then the mode's
// preference, then cost (the local engine answers first where a cascade is allowed).
#include "policy.h"

#include <algorithm>

namespace humain::routing {
namespace {

bool has_local_vlm(const Config& c) {
  if (c.local) return true;
  return std::any_of(c.fallbacks.begin(), c.fallbacks.end(), [](const EndpointConfig& e) { return e.location == "local"; });
}

void add(std::vector<Tier>& plan, Tier t) {
  if (std::find(plan.begin(), plan.end(), t) == plan.end()) plan.push_back(t);
}

}  // namespace

Status plan_route(const Config& c, const PolicyInput& in, RouteDecision& d) {
  d.mode = c.mode;
  d.sensitivity = in.sensitivity;
  d.complexity = in.complexity;
  const bool grounding = in.operation == "grounding";
  const bool local_vlm = has_local_vlm(c);
  const auto threshold = parse_sensitivity(c.sensitivity_threshold).value_or(Sensitivity::kConfidential);
  const bool sensitive = in.sensitivity >= threshold;

  // 1. May anything leave the machine?
  bool cloud = c.cloud.has_value();
  if (!c.cloud) {
    d.reasons.push_back("no cloud tier configured");
  } else if (c.force_local) {
    cloud = false;
    d.reasons.push_back("force_local: nothing leaves the machine");
  } else if (c.mode == "local_only") {
    cloud = false;
    d.reasons.push_back("mode local_only: nothing leaves the machine");
  } else if (sensitive && !c.allow_confidential_in_cloud) {
    cloud = false;
    d.reasons.push_back(std::string("sensitivity ") + sensitivity_name(in.sensitivity) + " >= threshold " +
                        sensitivity_name(threshold) + ": stays on the machine");
  } else if (in.unscanned_images) {
    cloud = false;
    d.reasons.push_back("request carries images the router could not scan: stays on the machine");
  } else if (sensitive) {
    d.reasons.push_back("allow_confidential_in_cloud: sensitive request may use the cloud, redacted");
  }
  d.cloud_allowed = cloud;
  const bool fallback_local = c.cloud && c.cloud->fallback_to_local;

  // 2. The mode's preference.
  std::vector<Tier> plan;
  if (cloud && c.mode == "cloud_first") {
    add(plan, Tier::kCloudVlm);
    d.tier = Tier::kCloudVlm;
    d.reasons.push_back("cloud_first: the cloud VLM answers first");
    if (fallback_local) {
      if (local_vlm) add(plan, Tier::kLocalVlm);
      if (grounding) add(plan, Tier::kLocalEngine);
      d.reasons.push_back("fallback_to_local: local tiers take over if the cloud fails");
    }
  } else if (grounding) {
    add(plan, Tier::kLocalEngine);
    if (cloud && in.complexity == Complexity::kComplex) {
      // The seed sends complex grounding to the cloud; the free local engine still gets the first
      // look, and the local VLM (weak on exactly these) is only the fallback.
      add(plan, Tier::kCloudVlm);
      d.tier = Tier::kCloudVlm;
      d.reasons.push_back("hybrid: complex grounding goes to the cloud VLM after the local engine");
      if (local_vlm && fallback_local) add(plan, Tier::kLocalVlm);
    } else {
      if (local_vlm) add(plan, Tier::kLocalVlm);
      d.tier = in.complexity == Complexity::kSimple || !local_vlm ? Tier::kLocalEngine : Tier::kLocalVlm;
      if (cloud) {
        add(plan, Tier::kCloudVlm);
        d.reasons.push_back("hybrid: local tiers first; the cloud VLM only if they are unsure or fail");
      } else {
        d.reasons.push_back("local cascade: local engine, then the local VLM when unsure");
      }
    }
  } else {
    if (local_vlm) add(plan, Tier::kLocalVlm);
    if (cloud) add(plan, Tier::kCloudVlm);
    if (plan.empty()) {
      return Error::policy(in.operation + " needs a VLM the policy allows, and none is configured" +
                           (c.cloud ? std::string(" on the machine (vlm.local)") : std::string(" (vlm:)")));
    }
    d.tier = plan.front();
    d.reasons.push_back(in.operation + std::string(": ") + tier_name(d.tier) + " answers" +
                        (plan.size() > 1 ? std::string(", ") + tier_name(plan[1]) + " if it fails" : std::string()));
  }
  if (grounding && plan.size() > 1 && plan.front() == Tier::kLocalEngine) {
    d.reasons.push_back("escalates when confidence < " + std::to_string(c.escalate_below).substr(0, 4));
  }
  d.plan = plan;
  return ok_status();
}

}  // namespace humain::routing
