// The JSON objects of the contracts (DESIGN.md), built in one place so the CLI (`ground --json`,
// `route --json`, `parse --json`) and `humain serve` answer byte-for-byte the same shapes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/local_engine.h"
#include "humain/prediction.h"
#include "humain/router.h"

namespace humain {

// {"point", "bbox", "confidence", "source", "latency_ms", "timings": {...}} in original pixels.
nlohmann::json prediction_json(const Prediction& p, double latency_ms);

// {"tier", "mode", "sensitivity", "complexity", "reasons", "redactions", "plan", "operation",
//  "cloud_allowed", "findings", "warnings"}.
nlohmann::json route_json(const RouteDecision& d, const std::string& operation, const std::vector<std::string>& warnings);

// One element of a screen parse: {"role", "bbox", "text", "confidence", "icon_guesses"}.
nlohmann::json element_json(const ScreenElement& e);

}  // namespace humain
