#include "providers/provider_presets.h"

namespace humain::providers {
namespace {

const std::vector<ProviderPreset>& presets() {
  static const std::vector<ProviderPreset> kPresets = {
      {"ollama", Wire::kOllama, "http://localhost:11434", ""},
      {"vllm", Wire::kOpenAi, "http://localhost:8000", ""},
      {"sglang", Wire::kOpenAi, "http://localhost:30000", ""},
      {"llama-server", Wire::kOpenAi, "http://localhost:8080", ""},
      {"lmstudio", Wire::kOpenAi, "http://localhost:1234", ""},
      {"openai-compatible", Wire::kOpenAi, "", ""},
      {"openrouter", Wire::kOpenAi, "https://openrouter.ai/api", "OPENROUTER_API_KEY"},
      {"openai", Wire::kOpenAi, "https://api.openai.com", "OPENAI_API_KEY"},
      {"anthropic", Wire::kAnthropic, "https://api.anthropic.com", "ANTHROPIC_API_KEY"},
      // Issue 15: OpenAI's Responses API, the only place its computer-use tool exists.
      {"openai-responses", Wire::kOpenAiResponses, "https://api.openai.com", "OPENAI_API_KEY"},
  };
  return kPresets;
}

}  // namespace

std::optional<ProviderPreset> find_preset(const std::string& name) {
  for (const auto& p : presets()) {
    if (p.name == name) return p;
  }
  return std::nullopt;
}

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& p : presets()) names.push_back(p.name);
  return names;
}

}  // namespace humain::providers
