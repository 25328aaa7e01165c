#include "grounder_choice.h"

#include <iostream>

namespace humain::cli {

Result<ChosenGrounder> choose_grounder(const std::string& name, const std::string& config_path) {
  ChosenGrounder chosen;
  if (!config_path.empty()) {
    auto config = load_config(config_path);
    if (!config) return config.error();
    chosen.config = std::make_unique<Config>(std::move(*config));
  }
  std::string resolved = name;
  // A config with VLM tiers means "route by its policy" (docs/ROUTING.md) unless a grounder is named.
  if (resolved.empty() && chosen.config && (chosen.config->local || chosen.config->cloud)) resolved = "hybrid";
  if (resolved.empty()) {
    resolved = default_grounder_name();
    if (resolved != "local") {
      std::cerr << "note: the \"local\" engine is not built in; using \"" << resolved << "\"\n";
    }
  }
  auto grounder = make_grounder(resolved, chosen.config.get());
  if (!grounder) return grounder.error();
  chosen.grounder = std::move(*grounder);
  return chosen;
}

std::string grounder_option_help() {
  std::string names;
  for (const std::string& n : grounder_names()) names += (names.empty() ? "" : ", ") + n;
  return "Grounder to use (" + names + "); default " + default_grounder_name();
}

}  // namespace humain::cli
