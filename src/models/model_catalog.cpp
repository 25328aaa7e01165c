// Reads data/models/catalog.yaml into ModelEntry values; strict about keys and types so a typo
// in the catalogue is an error naming the line, not a silently missing model.
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "humain/models.h"

namespace humain {
namespace {

std::string where(const std::string& source, const YAML::Node& n) {
  return source + ":" + std::to_string(n.Mark().line + 1);
}

// Converts a scalar, turning yaml-cpp's exception into an error message with the line.
template <typename T>
Result<T> scalar(const YAML::Node& n, const std::string& key, const std::string& source) {
  if (!n.IsScalar()) return Error::parse(where(source, n) + ": '" + key + "' must be a scalar");
  try {
    return n.as<T>();
  } catch (const YAML::Exception&) {
    return Error::parse(where(source, n) + ": '" + key + "' has the wrong type");
  }
}

Result<std::map<std::string, std::string>> string_map(const YAML::Node& n, const std::string& key,
                                                      const std::string& source) {
  if (!n.IsMap()) return Error::parse(where(source, n) + ": '" + key + "' must be a map of quant -> name");
  std::map<std::string, std::string> out;
  for (const auto& kv : n) {
    const auto k = kv.first.as<std::string>();
    if (auto q = quant_type(k); !q) return Error::parse(where(source, kv.first) + ": " + q.error().message);
    auto v = scalar<std::string>(kv.second, key + "." + k, source);
    if (!v) return v.error();
    out[quant_type(k)->name] = *v;
  }
  return out;
}

Result<ModelArchitecture> architecture(const YAML::Node& n, const std::string& source) {
  if (!n.IsMap()) return Error::parse(where(source, n) + ": 'arch' must be a map");
  ModelArchitecture a;
  for (const auto& kv : n) {
    const auto k = kv.first.as<std::string>();
    if (k == "tied_embeddings") {
      auto v = scalar<bool>(kv.second, k, source);
      if (!v) return v.error();
      a.tied_embeddings = *v;
      continue;
    }
    int* field = k == "layers" ? &a.layers : k == "hidden" ? &a.hidden : k == "kv_heads" ? &a.kv_heads
               : k == "head_dim" ? &a.head_dim : k == "vocab" ? &a.vocab : nullptr;
    if (!field) return Error::parse(where(source, kv.first) + ": unknown arch key '" + k + "'");
    auto v = scalar<int>(kv.second, k, source);
    if (!v) return v.error();
    if (*v <= 0) return Error::parse(where(source, kv.second) + ": arch." + k + " must be positive");
    *field = *v;
  }
  if (a.layers == 0 || a.kv_heads == 0 || a.head_dim == 0 || a.hidden == 0 || a.vocab == 0) {
    return Error::parse(where(source, n) + ": arch needs layers, hidden, kv_heads, head_dim and vocab");
  }
  return a;
}

Result<ModelEntry> entry(const YAML::Node& n, const std::string& source) {
  if (!n.IsMap()) return Error::parse(where(source, n) + ": each model must be a map");
  ModelEntry m;
  for (const auto& kv : n) {
    const auto key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    std::string* text = key == "id" ? &m.id : key == "name" ? &m.name : key == "family" ? &m.family
                      : key == "adapter" ? &m.adapter : key == "deployment" ? &m.deployment
                      : key == "gguf_mmproj" ? &m.gguf_mmproj : key == "awq" ? &m.awq : key == "hf" ? &m.hf
                      : key == "api_model" ? &m.api_model : key == "accuracy_source" ? &m.accuracy_source
                      : key == "notes" ? &m.notes : nullptr;
    if (text) {
      auto s = scalar<std::string>(v, key, source);
      if (!s) return s.error();
      *text = *s;
    } else if (key == "params_b" || key == "vision_params_b") {
      auto d = scalar<double>(v, key, source);
      if (!d) return d.error();
      if (*d < 0 || *d > 5000) return Error::parse(where(source, v) + ": '" + key + "' out of range");
      (key == "params_b" ? m.params_b : m.vision_params_b) = *d;
    } else if (key == "screenspot_v2" || key == "screenspot_pro") {
      if (v.IsNull()) continue;
      auto d = scalar<double>(v, key, source);
      if (!d) return d.error();
      if (*d < 0 || *d > 100) return Error::parse(where(source, v) + ": '" + key + "' must be a percentage");
      (key == "screenspot_v2" ? m.screenspot_v2 : m.screenspot_pro) = *d;
    } else if (key == "arch") {
      auto a = architecture(v, source);
      if (!a) return a.error();
      m.arch = *a;
    } else if (key == "ollama" || key == "gguf") {
      auto map = string_map(v, key, source);
      if (!map) return map.error();
      (key == "ollama" ? m.ollama : m.gguf) = std::move(*map);
    } else {
      return Error::parse(where(source, kv.first) + ": unknown model key '" + key + "'");
    }
  }
  if (m.id.empty()) return Error::parse(where(source, n) + ": model without an id");
  if (m.deployment != "local" && m.deployment != "cloud") {
    return Error::parse(where(source, n) + ": model '" + m.id + "' needs deployment: local or cloud");
  }
  if (m.deployment == "local" && (m.params_b <= 0 || !m.arch)) {
    return Error::parse(where(source, n) + ": local model '" + m.id + "' needs params_b and arch");
  }
  return m;
}

Result<ModelCatalog> parse_catalog_yaml(const YAML::Node& root, const std::string& source);

}  // namespace

const ModelEntry* ModelCatalog::find(std::string_view id) const {
  for (const auto& m : models) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

Result<ModelCatalog> parse_model_catalog(const std::string& yaml_text, const std::string& source) {
  try {
    return parse_catalog_yaml(YAML::Load(yaml_text), source);
  } catch (const YAML::Exception& e) {  // syntax errors, non-scalar keys
    return Error::parse(source + ": " + e.what());
  }
}

namespace {
Result<ModelCatalog> parse_catalog_yaml(const YAML::Node& root, const std::string& source) {
  if (!root.IsMap() || !root["models"] || !root["models"].IsSequence()) {
    return Error::parse(source + ": expected a map with a 'models' list");
  }
  for (const auto& kv : root) {
    const auto k = kv.first.as<std::string>();
    if (k != "models" && k != "version") return Error::parse(where(source, kv.first) + ": unknown key '" + k + "'");
  }
  ModelCatalog catalog;
  catalog.source = source;
  std::set<std::string> ids;
  for (const auto& n : root["models"]) {
    auto m = entry(n, source);
    if (!m) return m.error();
    if (!ids.insert(m->id).second) return Error::parse(where(source, n) + ": duplicate model id '" + m->id + "'");
    catalog.models.push_back(std::move(*m));
  }
  if (catalog.models.empty()) return Error::parse(source + ": the catalogue lists no models");
  return catalog;
}
}  // namespace

Result<ModelCatalog> load_model_catalog(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::io("cannot open model catalogue " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_model_catalog(text.str(), path);
}

}  // namespace humain
