// Loading and validating the YAML configuration. Every error names the key and the line, because a
// config that silently means something else is how confidential screens end up in the cloud.
#include "humain/config.h"
#include "humain/secrets.h"

#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace humain {

std::string provider_location(const std::string& provider) {
  static const std::set<std::string> kLocal = {"ollama", "vllm", "sglang", "llama-server", "llama.cpp",
                                               "lmstudio", "openai-compatible", "local"};
  static const std::set<std::string> kCloud = {"openai", "openrouter", "anthropic",
                                               "openai-responses"};  // issue 15: OpenAI Responses API
  if (kLocal.count(provider)) return "local";
  if (kCloud.count(provider)) return "cloud";
  return "";
}

namespace {

// Internal only: converted to Result at the module boundary (parse_config).
struct ConfigError {
  std::string message;
};

const char* kProviders =
    "ollama, vllm, sglang, llama-server, lmstudio, openai-compatible, openai, openrouter, anthropic, openai-responses";

std::string default_key_env(const std::string& provider) {
  if (provider == "openrouter") return "OPENROUTER_API_KEY";
  if (provider == "openai" || provider == "openai-responses") return "OPENAI_API_KEY";
  if (provider == "anthropic") return "ANTHROPIC_API_KEY";
  return "";
}

class Parser {
 public:
  explicit Parser(std::string source) : source_(std::move(source)) {}

  Config parse(const YAML::Node& root) {
    Config c;
    c.path = source_;
    if (!root || root.IsNull()) return c;  // an empty file is the default: local engine only
    if (!root.IsMap()) fail(root, "<top level>", "must be a mapping of sections");
    reject_duplicate_keys(root, "");
    allow_keys(root, "", {"deployment", "vlm", "inference", "caching", "force_local", "sensitivity_threshold",
                      "ocr", "serve"});

    if (root["inference"]) read_inference(root["inference"], "inference", c);
    if (const auto d = root["deployment"]) read_deployment(d, c);
    if (const auto f = root["force_local"]) c.force_local = boolean(f, "force_local");
    if (const auto t = root["sensitivity_threshold"]) c.sensitivity_threshold = level(t, "sensitivity_threshold");
    if (const auto v = root["vlm"]) read_vlm(v, c);
    if (const auto k = root["caching"]) read_caching(k, c);
    if (const auto o = root["ocr"]) read_ocr(o, c);
    if (const auto sv = root["serve"]) read_serve(sv, c);  // humain serve
    apply_inference_defaults(c);
    validate(c);
    return c;
  }

 private:
  std::string source_;
  bool inference_seen_ = false;
  std::optional<int> inference_max_tokens_;
  std::optional<double> inference_temperature_;

  static int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& key, const std::string& what) const {
    std::ostringstream m;
    m << source_;
    if (line_of(n) > 0) m << ":" << line_of(n);
    m << ": " << key << ": " << what;
    throw ConfigError{m.str()};
  }

  static std::string join(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
  }

  void allow_keys(const YAML::Node& map, const std::string& prefix, std::initializer_list<const char*> allowed) const {
    for (const auto& kv : map) {
      const auto key = kv.first.Scalar();
      bool known = false;
      std::string list;
      for (const char* a : allowed) {
        known = known || key == a;
        list += list.empty() ? a : std::string(", ") + a;
      }
      if (!known) fail(kv.first, join(prefix, key), "unknown key (allowed here: " + list + ")");
    }
  }

  // YAML lookups return the first of two equal keys, so a later `force_local: true` would be
  // silently ignored: a repeated key is an error naming both lines, in every mapping.
  void reject_duplicate_keys(const YAML::Node& n, const std::string& prefix) const {
    if (n.IsSequence()) {
      for (const auto& item : n) reject_duplicate_keys(item, prefix);
      return;
    }
    if (!n.IsMap()) return;
    std::map<std::string, int> seen;  // key -> line
    for (const auto& kv : n) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("<complex key>");
      const auto [it, inserted] = seen.emplace(key, line_of(kv.first));
      if (!inserted) {
        fail(kv.first, join(prefix, key),
             "duplicate key (first on line " + std::to_string(it->second) + ", again on line " +
                 std::to_string(line_of(kv.first)) + ")");
      }
      reject_duplicate_keys(kv.second, join(prefix, key));
    }
  }

  void expect_map(const YAML::Node& n, const std::string& key) const {
    if (!n.IsMap()) fail(n, key, "must be a mapping");
  }

  // ${VAR} and ${VAR:-default} from the environment; an unset VAR without default is an error.
  std::string expand(const YAML::Node& n, const std::string& key, const std::string& in) const {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '$' && i + 1 < in.size() && in[i + 1] == '{') {
        const auto end = in.find('}', i);
        if (end == std::string::npos) fail(n, key, "unterminated ${ in \"" + in + "\"");
        std::string name = in.substr(i + 2, end - i - 2);
        std::optional<std::string> fallback;
        if (const auto d = name.find(":-"); d != std::string::npos) {
          fallback = name.substr(d + 2);
          name = name.substr(0, d);
        }
        const char* v = std::getenv(name.c_str());
        // A value from the environment may be a credential: scrubbed from all output from now on.
        // Addresses stay readable, since "cannot connect to [redacted]" helps nobody.
        const bool address = key.find("base_url") != std::string::npos || key.find("replicas") != std::string::npos;
        if (v && !address) register_secret(v);
        if (v) out += v;
        else if (fallback) out += *fallback;
        else fail(n, key, "environment variable " + name + " is not set");
        i = end;
      } else {
        out += in[i];
      }
    }
    return out;
  }

  std::string str(const YAML::Node& n, const std::string& key) const {
    if (!n.IsScalar()) fail(n, key, "must be a string");
    return expand(n, key, n.Scalar());
  }
  bool boolean(const YAML::Node& n, const std::string& key) const {
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) fail(n, key, "must be true or false");
    return v;
  }
  double number(const YAML::Node& n, const std::string& key, double lo, double hi) const {
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v)) fail(n, key, "must be a number");
    if (!(v >= lo && v <= hi)) {
      std::ostringstream m;
      m << "must be between " << lo << " and " << hi << " (got " << n.Scalar() << ")";
      fail(n, key, m.str());
    }
    return v;
  }
  int integer(const YAML::Node& n, const std::string& key, int lo, int hi) const {
    int v = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, v)) fail(n, key, "must be an integer");
    if (v < lo || v > hi) {
      fail(n, key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + " (got " + n.Scalar() + ")");
    }
    return v;
  }
  std::string one_of(const YAML::Node& n, const std::string& key, std::initializer_list<const char*> values) const {
    const auto v = str(n, key);
    std::string list;
    for (const char* a : values) {
      if (v == a) return v;
      list += list.empty() ? a : std::string(" | ") + a;
    }
    fail(n, key, "\"" + n.Scalar() + "\" is not one of " + list);  // as written: never a ${VAR}'s value
  }
  std::string level(const YAML::Node& n, const std::string& key) const {
    return one_of(n, key, {"public", "internal", "confidential"});
  }
  std::vector<std::string> strings(const YAML::Node& n, const std::string& key) const {
    if (!n.IsSequence()) fail(n, key, "must be a list of strings");
    std::vector<std::string> out;
    for (size_t i = 0; i < n.size(); ++i) out.push_back(str(n[i], key + "[" + std::to_string(i) + "]"));
    return out;
  }

  void read_deployment(const YAML::Node& d, Config& c) {
    expect_map(d, "deployment");
    allow_keys(d, "deployment", {"mode", "sensitivity_threshold", "force_local", "allow_confidential_in_cloud",
                                 "escalate_below", "sensitive_keywords", "audit_log", "breaker",
                                 "accessibility"});  // accessibility: issue 14
    if (const auto n = d["mode"]) c.mode = one_of(n, "deployment.mode", {"local_only", "hybrid", "cloud_first"});
    if (const auto n = d["sensitivity_threshold"]) c.sensitivity_threshold = level(n, "deployment.sensitivity_threshold");
    if (const auto n = d["force_local"]) c.force_local = boolean(n, "deployment.force_local");
    if (const auto n = d["allow_confidential_in_cloud"]) {
      c.allow_confidential_in_cloud = boolean(n, "deployment.allow_confidential_in_cloud");
    }
    if (const auto n = d["escalate_below"]) c.escalate_below = number(n, "deployment.escalate_below", 0, 1);
    if (const auto n = d["sensitive_keywords"]) c.sensitive_keywords = strings(n, "deployment.sensitive_keywords");
    if (const auto n = d["audit_log"]) c.audit_log = str(n, "deployment.audit_log");
    if (const auto n = d["accessibility"]) c.accessibility = boolean(n, "deployment.accessibility");
    if (const auto b = d["breaker"]) {
      expect_map(b, "deployment.breaker");
      allow_keys(b, "deployment.breaker", {"failures", "cooldown"});
      if (const auto n = b["failures"]) c.breaker_failures = integer(n, "deployment.breaker.failures", 1, 1000);
      if (const auto n = b["cooldown"]) c.breaker_cooldown_s = number(n, "deployment.breaker.cooldown", 0, 86400);
    }
    c.lines["deployment"] = line_of(d);
  }

  void read_inference(const YAML::Node& n, const std::string& key, Config& c) {
    if (inference_seen_) fail(n, key, "inference is given twice (top level and under vlm); keep one");
    inference_seen_ = true;
    expect_map(n, key);
    allow_keys(n, key, {"framework", "max_tokens", "temperature", "batch_size"});
    if (const auto v = n["framework"]) {
      c.inference.framework = one_of(v, key + ".framework", {"vllm", "sglang", "ollama", "llama.cpp", "llama-server",
                                                             "lmstudio", "transformers"});
    }
    if (const auto v = n["max_tokens"]) inference_max_tokens_ = c.inference.max_tokens = integer(v, key + ".max_tokens", 1, 1 << 20);
    if (const auto v = n["temperature"]) inference_temperature_ = c.inference.temperature = number(v, key + ".temperature", 0, 2);
    if (const auto v = n["batch_size"]) c.inference.batch_size = integer(v, key + ".batch_size", 1, 4096);
    c.lines["inference"] = line_of(n);
  }

  void read_quantization(const YAML::Node& n, const std::string& key, Config& c) {
    expect_map(n, key);
    allow_keys(n, key, {"bits", "type"});
    if (const auto v = n["bits"]) {
      c.quantization.bits = integer(v, key + ".bits", 1, 32);
      if (c.quantization.bits != 2 && c.quantization.bits != 3 && c.quantization.bits != 4 &&
          c.quantization.bits != 5 && c.quantization.bits != 6 && c.quantization.bits != 8 &&
          c.quantization.bits != 16 && c.quantization.bits != 32) {
        fail(v, key + ".bits", "must be 2, 3, 4, 5, 6, 8, 16 or 32");
      }
    }
    if (const auto v = n["type"]) c.quantization.type = str(v, key + ".type");
  }

  // Issue 15: OpenAI's computer-use tool exists only in the Responses API, and two bare family names
  // changed coordinate space when their default became today's model.
  void check_family_version(const YAML::Node& n, const std::string& key, const EndpointConfig& e, Config& c) {
    if (e.family.rfind("openai-computer-use", 0) == 0 && e.provider != "openai-responses") {
      fail(n["family"], key + ".family",
           "openai-computer-use needs provider: openai-responses (OpenAI's computer-use tool exists only in the "
           "Responses API, POST /v1/responses)");
    }
    if (e.family_version.empty() && (e.family == "holo" || e.family == "ui-tars")) {
      c.warnings.push_back(key + ".family: " + e.family + " means today's model (" +
                           (e.family == "holo" ? "Holo3, 0-1000 coordinates" : "UI-TARS-1.5, pixel coordinates") +
                           "); set family_version (" + (e.family == "holo" ? "1.5, 2 or 3" : "1.0, 1.5 or doubao") +
                           ") to pin the model you serve");
    }
  }

  // Endpoint keys shared by every form. `slot` is "local", "cloud" or "" (single-provider form).
  EndpointConfig read_endpoint(const YAML::Node& n, const std::string& key, const std::string& slot, Config& c,
                               bool single_form) {
    expect_map(n, key);
    if (single_form) {
      allow_keys(n, key, {"provider", "model", "family", "family_version", "base_url", "replicas", "api_key", "api_key_env", "headers",
                          "connect_timeout", "stall_timeout", "timeout", "max_retries", "max_tokens", "temperature",
                          "send", "fallback_to_local", "keep_alive", "location", "quantization", "grounding", "marks_top_k",
                          "marks_crop_padding", "inference",
                          "fallback"});
    } else {
      allow_keys(n, key, {"provider", "model", "family", "family_version", "base_url", "replicas", "api_key", "api_key_env", "headers",
                          "connect_timeout", "stall_timeout", "timeout", "max_retries", "max_tokens", "temperature",
                          "send", "fallback_to_local", "keep_alive", "location", "quantization", "grounding", "marks_top_k",
                          "marks_crop_padding"});
    }
    EndpointConfig e;
    e.line = line_of(n);
    if (!n["provider"]) fail(n, key + ".provider", "missing (one of " + std::string(kProviders) + ")");
    e.provider = str(n["provider"], key + ".provider");
    if (provider_location(e.provider).empty() || e.provider == "local") {
      fail(n["provider"], key + ".provider", "unknown provider \"" + n["provider"].Scalar() + "\" (known: " + kProviders + ")");
    }
    if (!n["model"]) fail(n, key + ".model", "missing");
    e.model = str(n["model"], key + ".model");
    if (e.model.empty()) fail(n["model"], key + ".model", "must not be empty");
    if (const auto v = n["family"]) e.family = str(v, key + ".family");
    if (const auto v = n["family_version"]) e.family_version = str(v, key + ".family_version");  // issue 15
    check_family_version(n, key, e, c);
    if (const auto v = n["base_url"]) e.base_url = str(v, key + ".base_url");
    if (const auto v = n["replicas"]) e.replicas = strings(v, key + ".replicas");
    if (const auto v = n["api_key"]) {
      // Only a reference: the secret itself stays in the environment and out of every struct and log.
      const auto s = v.IsScalar() ? v.Scalar() : std::string();
      if (s.size() < 4 || s.rfind("${", 0) != 0 || s.back() != '}' || s.find('}') != s.size() - 1) {
        fail(v, key + ".api_key", "must be a reference like ${OPENROUTER_API_KEY}; secrets do not belong in config files");
      }
      e.api_key_env = s.substr(2, s.size() - 3);
    }
    if (const auto v = n["api_key_env"]) e.api_key_env = str(v, key + ".api_key_env");
    if (e.api_key_env.empty()) e.api_key_env = default_key_env(e.provider);
    if (const auto h = n["headers"]) {
      expect_map(h, key + ".headers");
      for (const auto& kv : h) e.headers[kv.first.Scalar()] = str(kv.second, key + ".headers." + kv.first.Scalar());
    }
    if (const auto v = n["connect_timeout"]) e.connect_timeout_s = number(v, key + ".connect_timeout", 0.001, 3600);
    if (const auto v = n["stall_timeout"]) e.stall_timeout_s = number(v, key + ".stall_timeout", 0.001, 3600);
    if (const auto v = n["timeout"]) e.total_timeout_s = number(v, key + ".timeout", 0.001, 86400);
    if (const auto v = n["max_retries"]) e.max_retries = integer(v, key + ".max_retries", 0, 20);
    e.max_tokens = -1;  // marker: filled from inference: below unless set here
    e.temperature = -1;
    if (const auto v = n["max_tokens"]) e.max_tokens = integer(v, key + ".max_tokens", 1, 1 << 20);
    if (const auto v = n["temperature"]) e.temperature = number(v, key + ".temperature", 0, 2);
    if (const auto v = n["send"]) e.send = one_of(v, key + ".send", {"redacted", "crop", "crops"});
    // Set-of-marks grounding (docs/SET_OF_MARKS.md).
    if (const auto v = n["grounding"]) e.grounding = one_of(v, key + ".grounding", {"coordinates", "set-of-marks"});
    if (e.grounding == "coordinates") e.grounding.clear();
    if (e.family == "set-of-marks" || e.send == "crops") {
      if (n["grounding"] && e.grounding.empty()) {
        fail(n["grounding"], key + ".grounding", "contradicts family: set-of-marks / send: crops (both pick marks)");
      }
      e.grounding = "set-of-marks";
    }
    if (e.grounding == "set-of-marks" && e.send == "crop") {
      fail(n["send"], key + ".send", "crop sends one window, set-of-marks needs every candidate: use send: crops");
    }
    if (const auto v = n["marks_top_k"]) e.marks_top_k = integer(v, key + ".marks_top_k", 0, 1000);
    if (const auto v = n["marks_crop_padding"]) e.marks_crop_padding = integer(v, key + ".marks_crop_padding", 0, 1000);
    if (e.send == "crops" && e.marks_top_k == 0) e.marks_top_k = 5;
    if (const auto v = n["fallback_to_local"]) e.fallback_to_local = boolean(v, key + ".fallback_to_local");
    if (const auto v = n["keep_alive"]) e.keep_alive = str(v, key + ".keep_alive");
    if (const auto v = n["quantization"]) read_quantization(v, key + ".quantization", c);

    const auto natural = provider_location(e.provider);
    if (const auto v = n["location"]) {
      e.location = one_of(v, key + ".location", {"local", "cloud"});
    } else if (!slot.empty() && slot != natural) {
      if (slot == "local") {
        fail(n["provider"], key + ".provider",
             "\"" + e.provider + "\" is a third-party cloud API, not a local engine; add `location: local` only if "
             "base_url points at a server you run");
      }
      e.location = "cloud";  // a self-hostable engine used as the cloud tier: treated as off-machine
    } else {
      e.location = natural;
    }
    if (!slot.empty() && e.location != slot) {
      fail(n["location"], key + ".location", "contradicts its place under vlm." + slot);
    }
    if (e.location == "local" && n["send"]) {
      fail(n["send"], key + ".send", "only applies to cloud tiers (what leaves the machine)");
    }
    if (e.fallback_to_local && e.location == "local") {
      fail(n["fallback_to_local"], key + ".fallback_to_local", "only applies to cloud tiers");
    }
    return e;
  }

  void read_vlm(const YAML::Node& v, Config& c) {
    expect_map(v, "vlm");
    c.lines["vlm"] = line_of(v);
    if (v["local"] || v["cloud"]) {
      // Nested form: vlm.local / vlm.cloud.
      allow_keys(v, "vlm", {"local", "cloud", "quantization", "inference"});
      if (const auto n = v["quantization"]) read_quantization(n, "vlm.quantization", c);
      if (const auto n = v["inference"]) read_inference(n, "vlm.inference", c);
      if (const auto n = v["local"]) c.local = read_endpoint(n, "vlm.local", "local", c, false);
      if (const auto n = v["cloud"]) c.cloud = read_endpoint(n, "vlm.cloud", "cloud", c, false);
      if (c.local) c.lines["vlm.local"] = c.local->line;
      if (c.cloud) c.lines["vlm.cloud"] = c.cloud->line;
      return;
    }
    // Single-provider form: the endpoint takes the tier of its location; `fallback:` the other.
    if (const auto n = v["inference"]) read_inference(n, "vlm.inference", c);
    auto primary = read_endpoint(v, "vlm", "", c, true);
    place(primary, c);
    if (const auto f = v["fallback"]) {
      if (f.IsSequence()) {
        for (size_t i = 0; i < f.size(); ++i) {
          place(read_endpoint(f[i], "vlm.fallback[" + std::to_string(i) + "]", "", c, false), c);
        }
      } else {
        place(read_endpoint(f, "vlm.fallback", "", c, false), c);
      }
      // A cloud primary with a local fallback falls back to it; that is what `fallback:` says.
      if (c.cloud && primary.location == "cloud" && c.local) c.cloud->fallback_to_local = true;
    }
  }

  static void place(EndpointConfig e, Config& c) {
    auto& slot = e.location == "local" ? c.local : c.cloud;
    if (!slot) {
      c.lines[e.location == "local" ? "vlm.local" : "vlm.cloud"] = e.line;
      slot = std::move(e);
    } else {
      c.fallbacks.push_back(std::move(e));
    }
  }

  // ocr: {languages: [eng, chi_sim]}: the local engine checks that each model is installed.
  void read_ocr(const YAML::Node& n, Config& c) {
    expect_map(n, "ocr");
    allow_keys(n, "ocr", {"languages"});
    if (const auto v = n["languages"]) {
      c.ocr_languages = strings(v, "ocr.languages");
      if (c.ocr_languages.empty()) fail(v, "ocr.languages", "must name at least one language (e.g. [eng])");
    }
    c.lines["ocr"] = line_of(n);
  }

  void read_caching(const YAML::Node& n, Config& c) {
    expect_map(n, "caching");
    allow_keys(n, "caching", {"enabled", "max_size", "ttl", "aggressive"});
    if (const auto v = n["enabled"]) c.cache.enabled = boolean(v, "caching.enabled");
    if (const auto v = n["max_size"]) c.cache.max_size = integer(v, "caching.max_size", 1, 10'000'000);
    if (const auto v = n["ttl"]) c.cache.ttl_s = number(v, "caching.ttl", 0.001, 365.0 * 86400);
    if (const auto v = n["aggressive"]) c.cache.aggressive = boolean(v, "caching.aggressive");
    c.lines["caching"] = line_of(n);
  }

  // `serve:` (humain serve, docs/SERVE.md).
  void read_serve(const YAML::Node& n, Config& c) {
    expect_map(n, "serve");
    allow_keys(n, "serve", {"listen", "api_keys", "threads", "max_concurrent", "max_queue", "max_body_bytes", "max_pixels",
                            "max_instruction_chars", "deadline", "max_screens", "access_log", "shutdown_grace"});
    ServeConfig& s = c.serve;
    if (const auto v = n["listen"]) s.listen = str(v, "serve.listen");
    if (const auto v = n["api_keys"]) s.api_keys = strings(v, "serve.api_keys");
    for (const auto& k : s.api_keys) {
      if (k.size() < 16) fail(n["api_keys"], "serve.api_keys", "every key must be at least 16 characters");
    }
    if (const auto v = n["threads"]) s.threads = integer(v, "serve.threads", 2, 1024);
    if (const auto v = n["max_concurrent"]) s.max_concurrent = integer(v, "serve.max_concurrent", 1, 1024);
    if (const auto v = n["max_queue"]) s.max_queue = integer(v, "serve.max_queue", 0, 100000);
    if (const auto v = n["max_body_bytes"]) s.max_body_bytes = static_cast<long long>(number(v, "serve.max_body_bytes", 1024, 1e9));
    if (const auto v = n["max_pixels"]) s.max_pixels = static_cast<long long>(number(v, "serve.max_pixels", 1, 5e8));
    if (const auto v = n["max_instruction_chars"]) s.max_instruction_chars = integer(v, "serve.max_instruction_chars", 1, 1'000'000);
    if (const auto v = n["deadline"]) s.deadline_s = number(v, "serve.deadline", 0.01, 86400);
    if (const auto v = n["max_screens"]) s.max_screens = integer(v, "serve.max_screens", 1, 100000);
    if (const auto v = n["access_log"]) s.access_log = str(v, "serve.access_log");
    if (const auto v = n["shutdown_grace"]) s.shutdown_grace_s = number(v, "serve.shutdown_grace", 0, 3600);
    c.lines["serve"] = line_of(n);
  }

  void apply_inference_defaults(Config& c) const {
    auto fill = [&](EndpointConfig& e) {
      if (e.max_tokens < 0) e.max_tokens = inference_max_tokens_.value_or(512);
      if (e.temperature < 0) e.temperature = inference_temperature_.value_or(0.0);
    };
    if (c.local) fill(*c.local);
    if (c.cloud) fill(*c.cloud);
    for (auto& e : c.fallbacks) fill(e);
  }

  [[noreturn]] void fail_at(int line, const std::string& key, const std::string& what) const {
    throw ConfigError{source_ + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + key + ": " + what};
  }

  void validate(Config& c) const {
    const int mode_line = c.lines.count("deployment") ? c.lines.at("deployment") : 0;
    if (c.mode == "cloud_first" && !c.cloud) {
      fail_at(mode_line, "deployment.mode", "cloud_first needs a cloud VLM (vlm.cloud, or vlm.provider: openrouter/openai/anthropic)");
    }
    if (c.mode == "hybrid" && !c.cloud) {
      fail_at(mode_line, "deployment.mode", "hybrid needs a cloud VLM (vlm.cloud); without one use local_only");
    }
    if (c.mode == "local_only" && c.cloud) {
      c.warnings.push_back("deployment.mode is local_only: the cloud VLM (" + c.cloud->provider + "/" + c.cloud->model +
                           ") configured at line " + std::to_string(c.cloud->line) + " is never used");
    }
    if (c.force_local && c.cloud) {
      c.warnings.push_back("force_local: true: the cloud VLM is never used");
    }
    if (c.allow_confidential_in_cloud && (c.mode == "local_only" || c.force_local)) {
      c.warnings.push_back("allow_confidential_in_cloud has no effect: nothing reaches the cloud in this mode");
    }
    // The seed pairs `inference.framework: vllm` with an Ollama provider: the provider is what gets
    // called; the framework is advice for whoever deploys the server, so say so rather than guess.
    if (!c.inference.framework.empty()) {
      for (const auto* e : {c.local ? &*c.local : nullptr, c.cloud ? &*c.cloud : nullptr}) {
        if (!e || e->location != "local") continue;
        if (e->provider != c.inference.framework &&
            !(c.inference.framework == "llama.cpp" && e->provider == "llama-server")) {
          c.warnings.push_back("inference.framework is " + c.inference.framework + " but the local VLM is served by " +
                               e->provider + ": requests go to " + e->provider +
                               " (the provider decides); framework is advisory");
        }
      }
    }
    if (c.cache.aggressive && !c.cache.enabled) {
      c.warnings.push_back("caching.aggressive has no effect while caching.enabled is false");
    }
  }
};

}  // namespace

Result<Config> parse_config(const std::string& yaml_text, const std::string& source) {
  try {
    const YAML::Node root = YAML::Load(yaml_text);
    return Parser(source).parse(root);
  } catch (const ConfigError& e) {
    return Error::invalid(e.message);
  } catch (const YAML::ParserException& e) {
    return Error::parse(source + ":" + std::to_string(e.mark.line + 1) + ": malformed YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    return Error::invalid(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

Result<Config> load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::io("cannot open config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > (1u << 20)) return Error::invalid(path + ": config file larger than 1 MB");
  return parse_config(text.str(), path);
}

}  // namespace humain
