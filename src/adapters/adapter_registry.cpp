// make_adapter: family name (and version) -> Adapter.
#include <algorithm>
#include <cctype>

#include "adapters/family_adapter.h"

namespace humain {
namespace {

using Factory = adapters::FamilySpec (*)();

struct Entry {
  const char* name;
  Factory factory;
};

constexpr Entry kFamilies[] = {
    {"qwen2-vl", adapters::qwen2_vl_family},
    {"qwen2.5-vl", adapters::qwen25_vl_family},
    {"qwen3-vl", adapters::qwen3_vl_family},
    {"ui-tars-1.0", adapters::ui_tars_10_family},
    {"ui-tars-1.5", adapters::ui_tars_15_family},
    {"ui-tars-doubao", adapters::ui_tars_doubao_family},
    {"showui", adapters::showui_family},
    {"seeclick", adapters::seeclick_family},
    {"os-atlas", adapters::os_atlas_family},
    {"uground", adapters::uground_family},
    {"gta1", adapters::gta1_family},
    {"holo1.5", adapters::holo15_family},
    {"holo2", adapters::holo2_family},
    {"holo3", adapters::holo3_family},
    {"infigui-g1", adapters::infigui_g1_family},
    {"opencua", adapters::opencua_family},
    {"ui-venus-1.0", adapters::ui_venus_10_family},
    {"ui-venus-1.5", adapters::ui_venus_15_family},
    {"gemini", adapters::gemini_family},
    {"claude-computer-use-20251124", adapters::claude_computer_use_family},
    {"claude-computer-use-20251124-hires", adapters::claude_computer_use_hires_family},
    {"claude-computer-use-20250124", adapters::claude_computer_use_20250124_family},
    {"openai-computer-use", adapters::openai_computer_use_family},
    {"openai-computer-use-preview", adapters::openai_computer_use_preview_family},
    {"generic", adapters::generic_family},
};

// A family whose model changed format between versions: `family` alone is today's model (the first
// version); `family_version: v` picks `prefix + v`.
struct Versioned {
  const char* family;
  const char* prefix;
  std::vector<std::string> versions;
};

const std::vector<Versioned>& versioned() {
  static const std::vector<Versioned> kVersioned = {
      {"ui-tars", "ui-tars-", {"1.5", "1.0", "doubao"}},
      {"holo", "holo", {"3", "2", "1.5"}},
      {"ui-venus", "ui-venus-", {"1.5", "1.0"}},
      {"claude-computer-use", "claude-computer-use-", {"20251124", "20251124-hires", "20250124"}},
      {"openai-computer-use", "", {"ga", "preview"}},
  };
  return kVersioned;
}

std::string canonical(const std::string& name) {
  std::string out;
  for (char c : name) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The concrete name for a versioned family at `version` ("" = default), or "" when none.
std::string versioned_name(const Versioned& v, const std::string& version) {
  const std::string want = version.empty() ? v.versions.front() : version;
  if (std::find(v.versions.begin(), v.versions.end(), want) == v.versions.end()) return "";
  if (std::string(v.family) == "openai-computer-use") return want == "ga" ? v.family : std::string(v.family) + "-" + want;
  return v.prefix + want;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Result<std::unique_ptr<Adapter>> make_adapter(const std::string& family, const std::string& version) {
  std::string want = canonical(family);
  const std::string ver = canonical(version);
  bool is_versioned = false;
  for (const auto& v : versioned()) {
    if (want != v.family) continue;
    const std::string name = versioned_name(v, ver);
    if (name.empty()) {
      return Error::invalid("family " + want + " has no version \"" + version + "\"; versions: " + join(v.versions) +
                            " (default " + v.versions.front() + ")");
    }
    want = name;
    is_versioned = true;
    break;
  }
  if (!ver.empty() && !is_versioned) {
    return Error::invalid("family " + want + " takes no family_version (\"" + version + "\"); versioned families: " +
                          [] {
                            std::vector<std::string> names;
                            for (const auto& v : versioned()) names.emplace_back(v.family);
                            return join(names);
                          }());
  }
  for (const auto& e : kFamilies) {
    if (want == e.name) return adapters::make_family_adapter(e.factory());
  }
  std::vector<std::string> known;
  for (const auto& v : versioned()) known.emplace_back(v.family);
  for (const auto& e : kFamilies) known.emplace_back(e.name);
  return Error::invalid("unknown model family \"" + family + "\"; known families: " + join(known));
}

Result<std::unique_ptr<Adapter>> make_adapter(const std::string& family) { return make_adapter(family, ""); }

std::vector<std::string> adapter_families() {
  std::vector<std::string> out;
  for (const auto& e : kFamilies) out.emplace_back(e.name);
  return out;
}

std::vector<FamilyVersions> adapter_family_versions() {
  std::vector<FamilyVersions> out;
  for (const auto& v : versioned()) out.push_back({v.family, v.versions});
  return out;
}

void apply_prompt(const PromptSpec& spec, ChatRequest& request) {
  request.system = spec.system;
  request.pre_image_text = spec.pre_image_text;
  request.prompt = spec.prompt;
  request.json_schema = spec.json_schema;
  request.tools = spec.tools;
}

Result<ChatResponse> render_answer(const std::string& family, const Box& target, ImageSize original) {
  auto adapter = make_adapter(family);
  if (!adapter) return adapter.error();
  auto sent = (*adapter)->image_size(original);
  if (!sent) return sent.error();
  return (*adapter)->render(target, original, *sent);
}

}  // namespace humain
