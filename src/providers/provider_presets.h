// The engines humain knows by name: which wire format each speaks, where it listens by default,
// and which environment variable holds its key.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace humain::providers {

enum class Wire { kOllama, kOpenAi, kAnthropic, kOpenAiResponses };

struct ProviderPreset {
  std::string name;              // as written in the config's `provider:`
  Wire wire;
  std::string default_base_url;  // empty = base_url is required
  std::string default_key_env;   // empty = no key unless api_key_env is set
};

// nullopt for a name humain does not know.
std::optional<ProviderPreset> find_preset(const std::string& name);
std::vector<std::string> preset_names();

}  // namespace humain::providers
