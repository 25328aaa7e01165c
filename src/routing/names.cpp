// Stable names of tiers and levels: they appear in JSON, the audit log and docs/ROUTING.md.
#include "humain/router.h"

namespace humain {

const char* tier_name(Tier t) {
  switch (t) {
    case Tier::kLocalEngine: return "local-engine";
    case Tier::kLocalVlm: return "local-vlm";
    case Tier::kCloudVlm: return "cloud-vlm";
    case Tier::kAccessibility: return "accessibility";
  }
  return "?";
}

const char* sensitivity_name(Sensitivity s) {
  switch (s) {
    case Sensitivity::kPublic: return "public";
    case Sensitivity::kInternal: return "internal";
    case Sensitivity::kConfidential: return "confidential";
  }
  return "?";
}

const char* complexity_name(Complexity c) {
  switch (c) {
    case Complexity::kSimple: return "simple";
    case Complexity::kModerate: return "moderate";
    case Complexity::kComplex: return "complex";
  }
  return "?";
}

std::optional<Sensitivity> parse_sensitivity(std::string_view s) {
  if (s == "public") return Sensitivity::kPublic;
  if (s == "internal") return Sensitivity::kInternal;
  if (s == "confidential") return Sensitivity::kConfidential;
  return std::nullopt;
}

}  // namespace humain
