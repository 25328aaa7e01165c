// The one place that maps a grounder name to an implementation. Add a line per grounder.
#include <algorithm>
#include <functional>
#include <utility>

#include "grounding/ocr_baseline/ocr_baseline_grounder.h"
#include "grounding/vlm/vlm_grounder.h"
#include "humain/config.h"
#include "humain/grounder.h"
#include "humain/local_engine.h"
#include "humain/router.h"

namespace humain {
namespace {

using Factory = std::function<Result<std::unique_ptr<Grounder>>(const Config* config)>;

// Registered grounders, in the order `--help` lists them.
const std::vector<std::pair<std::string, Factory>>& registry() {
  static const std::vector<std::pair<std::string, Factory>> kRegistry = {
      {"local", [](const Config* c) -> Result<std::unique_ptr<Grounder>> {
         LocalEngineOptions options;
         if (c && !c->ocr_languages.empty()) options.languages = c->ocr_languages;
         auto e = make_local_engine(options);
         if (!e.ok()) return e.error();
         return std::unique_ptr<Grounder>(std::move(e.value()));
       }},
      {"ocr-baseline", [](const Config*) { return make_ocr_baseline_grounder(); }},
      {"vlm", [](const Config* c) -> Result<std::unique_ptr<Grounder>> {
         if (!c) return Error::invalid("grounder \"vlm\" needs --config naming a VLM endpoint (docs/ADAPTERS.md)");
         return grounding::make_vlm_grounder(*c);
       }},
      {"hybrid", [](const Config* c) -> Result<std::unique_ptr<Grounder>> {
         if (!c) return Error::invalid("grounder \"hybrid\" needs --config (docs/CONFIG.md)");
         auto r = make_router(*c);
         if (!r.ok()) return r.error();
         return std::unique_ptr<Grounder>(std::move(r.value()));
       }},
  };
  return kRegistry;
}

}  // namespace

Result<std::unique_ptr<Grounder>> make_grounder(const std::string& name, const Config* config) {
  for (const auto& [n, factory] : registry()) {
    if (n == name) return factory(config);
  }
  std::string known;
  for (const std::string& n : grounder_names()) known += (known.empty() ? "" : ", ") + n;
  return Error::invalid("unknown grounder \"" + name + "\" (known: " + known + ")");
}

std::vector<std::string> grounder_names() {
  std::vector<std::string> names;
  for (const auto& entry : registry()) names.push_back(entry.first);
  return names;
}

std::string default_grounder_name() {
  const auto names = grounder_names();
  return std::find(names.begin(), names.end(), "local") != names.end() ? "local" : "ocr-baseline";
}

}  // namespace humain
