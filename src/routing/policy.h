// The routing policy: mode x sensitivity x complexity x operation -> ordered tiers. Pure: no I/O,
// so docs/ROUTING.md's table is generated from (and tested against) this one function.
#pragma once

#include "humain/config.h"
#include "humain/router.h"

namespace humain::routing {

struct PolicyInput {
  std::string operation = "grounding";
  Sensitivity sensitivity = Sensitivity::kInternal;
  Complexity complexity = Complexity::kSimple;
  bool unscanned_images = false;  // chat images the router could not scan: they stay local
};

// Fills decision.tier, plan, cloud_allowed and appends reasons. Error when no tier can serve
// (e.g. planning with no VLM at all, or everything allowed is missing).
Status plan_route(const Config& config, const PolicyInput& in, RouteDecision& decision);

}  // namespace humain::routing
