// make_adapter: family name -> Adapter.
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
    {"ui-tars", adapters::ui_tars_family},
    {"ui-tars-1.5", adapters::ui_tars_15_family},
    {"showui", adapters::showui_family},
    {"seeclick", adapters::seeclick_family},
    {"os-atlas", adapters::os_atlas_family},
    {"uground", adapters::uground_family},
    {"gta1", adapters::gta1_family},
    {"holo", adapters::holo_family},
    {"infigui-g1", adapters::infigui_g1_family},
    {"gemini", adapters::gemini_family},
    {"claude-computer-use", adapters::claude_computer_use_family},
    {"openai-computer-use", adapters::openai_computer_use_family},
    {"generic", adapters::generic_family},
};

std::string canonical(const std::string& name) {
  std::string out;
  for (char c : name) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<std::unique_ptr<Adapter>> make_adapter(const std::string& family) {
  const std::string want = canonical(family);
  for (const auto& e : kFamilies) {
    if (want == e.name) return adapters::make_family_adapter(e.factory());
  }
  std::string known;
  for (const auto& e : kFamilies) known += (known.empty() ? "" : ", ") + std::string(e.name);
  return Error::invalid("unknown model family \"" + family + "\"; known families: " + known);
}

std::vector<std::string> adapter_families() {
  std::vector<std::string> out;
  for (const auto& e : kFamilies) out.emplace_back(e.name);
  return out;
}

Result<ChatResponse> render_answer(const std::string& family, const Box& target, ImageSize original) {
  auto adapter = make_adapter(family);
  if (!adapter) return adapter.error();
  auto sent = (*adapter)->image_size(original);
  if (!sent) return sent.error();
  return (*adapter)->render(target, original, *sent);
}

}  // namespace humain
