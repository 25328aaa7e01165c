// The YAML configuration (see docs/CONFIG.md): deployment mode, VLM endpoints, cache, inference.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "humain/result.h"

namespace humain {

// One VLM endpoint: which engine serves which model, and which model family's adapter speaks to it.
struct EndpointConfig {
  std::string provider;          // ollama | openai | openrouter | vllm | sglang | llama-server | lmstudio | anthropic | openai-compatible
  std::string model;             // e.g. "qwen2.5vl:7b-q4_K_M"
  std::string family = "generic";  // adapter: qwen2.5-vl, ui-tars-1.5, claude-computer-use, ...
  std::string family_version;      // e.g. "1.5" for family holo; empty = today's model of the family
  std::string base_url;          // server root; empty = the provider's default
  std::vector<std::string> replicas;  // more base_urls serving the same model
  std::string location;          // "local" (your machines) | "cloud" (a third party): decides privacy
  std::string api_key_env;       // name of the environment variable holding the key (never the key)
  std::map<std::string, std::string> headers;  // extra HTTP headers (values may use ${ENV})
  double connect_timeout_s = 5;
  double stall_timeout_s = 30;   // no byte for this long = dead stream
  double total_timeout_s = 120;
  int max_retries = 2;
  int max_tokens = 512;
  double temperature = 0.0;
  std::string send = "redacted";  // cloud tiers: what leaves the machine: redacted | crop | crops
  // Set-of-marks (docs/SET_OF_MARKS.md): "set-of-marks" = the model picks a numbered mark drawn on
  // the local engine's candidates instead of answering coordinates; "" = the family's own answers.
  // `family: set-of-marks` and `send: crops` imply it.
  std::string grounding;
  int marks_top_k = 0;            // send only the k likeliest candidates (0 = all; crops: 5)
  int marks_crop_padding = 32;    // send: crops: pixels of context around each candidate
  bool fallback_to_local = false;
  std::string keep_alive;         // Ollama keep_alive ("5m", "0", ...)
  int line = 0;                   // line in the YAML file, for messages
};

struct CacheConfig {
  bool enabled = false;
  int max_size = 100;      // entries
  double ttl_s = 300;      // seconds
  bool aggressive = false; // also match screens that differ only in small regions (perceptual hash)
};

struct InferenceConfig {
  std::string framework;   // informational: vllm | sglang | ollama | llama.cpp
  int max_tokens = 512;
  double temperature = 0.1;
  int batch_size = 1;
};

struct QuantizationConfig {
  int bits = 0;            // 0 = not stated
  std::string type;        // e.g. k_quant_mixed
};

// `serve:` section: the resident HTTP service (`humain serve`, docs/SERVE.md).
struct ServeConfig {
  std::string listen = "127.0.0.1:8090";        // HOST:PORT; anything but loopback needs api_keys
  std::vector<std::string> api_keys;            // Bearer keys (values may use ${ENV}); never logged
  int threads = 16;                             // HTTP worker threads (one per open connection)
  int max_concurrent = 4;                       // requests doing work (ground, parse, chat) at once
  int max_queue = 32;                           // more waiting than this: 429 with Retry-After
  long long max_body_bytes = 32ll << 20;        // request body limit (413)
  long long max_pixels = 40'000'000;            // decoded image limit (413)
  int max_instruction_chars = 2000;             // instruction / task text limit (400)
  double deadline_s = 60;                       // per-request deadline for queued + grounding work
  int max_screens = 64;                         // screens kept for screen_id (LRU)
  std::string access_log = "-";                 // JSON lines: "-" = stderr, "" = off, else a file path
  double shutdown_grace_s = 10;                 // SIGTERM: in-flight requests get this long
};

struct Config {
  std::string mode = "local_only";                  // local_only | hybrid | cloud_first
  std::string sensitivity_threshold = "confidential"; // this level and above stays on the machine
  bool force_local = false;
  bool allow_confidential_in_cloud = false;         // explicit opt-in; default never
  double escalate_below = 0.6;                      // cascade: escalate when confidence is below
  std::optional<EndpointConfig> local;              // local VLM tier
  std::optional<EndpointConfig> cloud;              // cloud VLM tier
  // Single-provider form's `fallback:` when the tier of its location is already taken: tried, in
  // order, after that tier's own endpoint fails (same privacy side as their `location`).
  std::vector<EndpointConfig> fallbacks;
  std::vector<std::string> sensitive_keywords = {   // task words that make a request confidential
      "password", "passcode", "ssn", "social security", "medical", "diagnosis", "financial",
      "credit card", "card number", "cvv", "iban", "bank account", "salary", "tax return", "passport"};
  std::string audit_log;                            // JSON-lines path; empty = off
  std::optional<bool> accessibility;                // deployment.accessibility: on|off (humain act's AT-SPI tier); unset = auto
  double breaker_cooldown_s = 30;
  int breaker_failures = 3;
  CacheConfig cache;
  // ocr.languages: Tesseract models of the local engine; empty = its default (LocalEngineOptions).
  std::vector<std::string> ocr_languages;
  ServeConfig serve;                                // `serve:` (humain serve only)
  InferenceConfig inference;
  QuantizationConfig quantization;
  std::string path;                                 // file it came from
  std::vector<std::string> warnings;                // legal but surprising settings, for `route`
  std::map<std::string, int> lines;                 // dotted key -> line, for later messages
};

// "local" for engines people run themselves (ollama, vllm, sglang, llama-server, lmstudio,
// openai-compatible), "cloud" for third-party APIs (openai, openrouter, anthropic), "" if unknown.
std::string provider_location(const std::string& provider);

// Reads and validates a config file. Unknown keys, wrong types and impossible combinations are
// errors naming the key and line. ${VAR} in values is replaced from the environment.
Result<Config> load_config(const std::string& path);
Result<Config> parse_config(const std::string& yaml_text, const std::string& source = "<string>");

}  // namespace humain
