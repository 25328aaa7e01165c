// How `ground` and `eval` pick their grounder: --grounder NAME or the default, --config FILE.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "humain/config.h"
#include "humain/grounder.h"

namespace humain::cli {

// A grounder plus the config it was built from (the grounder may keep a pointer to it).
struct ChosenGrounder {
  std::unique_ptr<Config> config;  // null without --config
  std::unique_ptr<Grounder> grounder;
};

// Loads `config_path` (empty = none) and builds grounder `name` (empty = default_grounder_name();
// when "local" is not built in yet, says on stderr that ocr-baseline stands in).
Result<ChosenGrounder> choose_grounder(const std::string& name, const std::string& config_path);

// "--grounder" help text listing the registered names.
std::string grounder_option_help();

}  // namespace humain::cli
