#include "grounding/local/ocr/ocr_languages.h"

#include <algorithm>
#include <cctype>

namespace humain::local {
namespace {

bool is_cjk_model(const std::string& name) {
  for (const char* prefix : {"chi_sim", "chi_tra", "jpn", "kor"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "+") + n;
  return out;
}

}  // namespace

Result<OcrLanguages> split_languages(const std::vector<std::string>& languages) {
  if (languages.empty()) return Error::invalid("ocr.languages is empty (give at least one, e.g. [eng])");
  std::vector<std::string> primary, cjk;
  for (const auto& name : languages) {
    const bool plain = !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_';
    });
    if (!plain) return Error::invalid("ocr.languages: \"" + name + "\" is not a Tesseract model name (e.g. eng, chi_sim)");
    auto& into = is_cjk_model(name) ? cjk : primary;
    if (std::find(into.begin(), into.end(), name) == into.end()) into.push_back(name);
  }
  if (primary.empty()) primary.push_back("eng");  // lines of Latin text are everywhere
  OcrLanguages out;
  out.primary = join(primary);
  if (!cjk.empty()) out.cjk = join(cjk) + "+" + out.primary;
  return out;
}

}  // namespace humain::local
