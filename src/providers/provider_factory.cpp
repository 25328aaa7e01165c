// make_provider: EndpointConfig -> the provider for its engine, with keys read from the environment.
#include <cstdlib>

#include "humain/config.h"
#include "humain/provider.h"
#include "humain/secrets.h"
#include "providers/anthropic_provider.h"
#include "providers/endpoint_url.h"
#include "providers/ollama_provider.h"
#include "providers/openai_provider.h"
#include "providers/openai_responses_provider.h"
#include "providers/provider_presets.h"

namespace humain {
namespace {

using providers::Wire;

std::string where(const EndpointConfig& e) {
  return e.line > 0 ? " (config line " + std::to_string(e.line) + ")" : std::string();
}

// Replaces ${NAME} with the environment's value; an unset variable is an error naming it (not its value).
Result<std::string> expand_env(const std::string& text, const std::string& header) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "${") == 0) {
      const auto close = text.find('}', i + 2);
      if (close == std::string::npos) return Error::invalid("header " + header + ": unterminated ${ in value");
      const std::string var = text.substr(i + 2, close - i - 2);
      const char* v = std::getenv(var.c_str());
      if (!v) return Error::invalid("header " + header + " uses ${" + var + "}, which is not set in the environment");
      register_secret(v);  // a header from the environment is a credential until shown otherwise
      out += v;
      i = close + 1;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Provider>> make_provider(const EndpointConfig& e) {
  const auto preset = providers::find_preset(e.provider);
  if (!preset) {
    std::string known;
    for (const auto& n : providers::preset_names()) known += (known.empty() ? "" : ", ") + n;
    return Error::invalid("unknown provider \"" + e.provider + "\"" + where(e) + "; known: " + known);
  }
  if (e.model.empty()) return Error::invalid("provider " + e.provider + ": `model` is required" + where(e));
  const std::string raw_base = e.base_url.empty() ? preset->default_base_url : e.base_url;
  if (raw_base.empty()) return Error::invalid("provider " + e.provider + ": `base_url` is required" + where(e));
  Result<std::string> base = providers::normalize_base_url(raw_base);
  if (!base.ok()) return Error::invalid("provider " + e.provider + ": " + base.error().message + where(e));
  if (e.connect_timeout_s <= 0 || e.stall_timeout_s <= 0 || e.total_timeout_s <= 0) {
    return Error::invalid("provider " + e.provider + ": timeouts must be positive" + where(e));
  }
  if (e.max_retries < 0 || e.max_retries > 10) {
    return Error::invalid("provider " + e.provider + ": max_retries must be 0..10" + where(e));
  }

  providers::ProviderSettings s;
  s.preset = preset->name;
  s.name = preset->wire == Wire::kOpenAi ? "openai-compatible:" + preset->name : preset->name;
  s.model = e.model;
  s.base_url = *base;
  s.timeouts = {e.connect_timeout_s, e.stall_timeout_s, e.total_timeout_s};
  s.max_retries = e.max_retries;
  s.keep_alive = e.keep_alive;

  // The key: from the variable the config names, else the preset's; never copied into messages.
  const std::string key_env = e.api_key_env.empty() ? preset->default_key_env : e.api_key_env;
  std::string key;
  if (!key_env.empty()) {
    const char* v = std::getenv(key_env.c_str());
    if (!v || !*v) {
      return Error::invalid("provider " + e.provider + ": the API key variable " + key_env +
                            " is not set (export it, or set api_key_env to the variable that holds the key)" + where(e));
    }
    key = v;
    register_secret(key);
  }
  if (preset->wire == Wire::kAnthropic) {
    s.headers["x-api-key"] = key;
    s.headers["anthropic-version"] = "2023-06-01";
  } else if (!key.empty()) {
    s.headers["Authorization"] = "Bearer " + key;
  }
  if (preset->name == "openrouter") {  // OpenRouter's app attribution; config headers may override
    s.headers["HTTP-Referer"] = "https://github.com/humain-project/humain";
    s.headers["X-Title"] = "humain";
  }
  for (const auto& [k, v] : e.headers) {
    Result<std::string> value = expand_env(v, k);
    if (!value.ok()) return Error::invalid("provider " + e.provider + ": " + value.error().message + where(e));
    s.headers[k] = *value;
  }

  // A CR or LF in a key or header value (from the environment or the config) would end the header
  // line and inject others into every request.
  for (const auto& [k, v] : s.headers) {
    const auto bad = [](const std::string& t) { return t.find_first_of(std::string("\r\n\0", 3)) != std::string::npos; };
    if (bad(k) || k.find(':') != std::string::npos || k.empty()) {
      return Error::invalid("provider " + e.provider + ": header name \"" + k + "\" is not a valid header name" + where(e));
    }
    if (bad(v)) {
      return Error::invalid("provider " + e.provider + ": header " + k +
                            " has a CR, LF or NUL byte in its value (from the environment or the config); refused" + where(e));
    }
  }

  std::unique_ptr<Provider> p;
  switch (preset->wire) {
    case Wire::kOllama: p = std::make_unique<providers::OllamaProvider>(std::move(s)); break;
    case Wire::kOpenAi: p = std::make_unique<providers::OpenAiProvider>(std::move(s)); break;
    case Wire::kAnthropic: p = std::make_unique<providers::AnthropicProvider>(std::move(s)); break;
    case Wire::kOpenAiResponses: p = std::make_unique<providers::OpenAiResponsesProvider>(std::move(s)); break;
  }
  return p;
}

}  // namespace humain
