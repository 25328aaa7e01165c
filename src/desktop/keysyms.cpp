#include "keysyms.h"


#include <algorithm>
#include <cctype>
#include <map>

#include <X11/Xlib.h>
#include <X11/keysym.h>
#undef Status  // Xlib's macro; humain::Status is meant below

namespace humain::desktop {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Decodes one code point at s[i], advancing i; nullopt on malformed input.
std::optional<char32_t> next_code_point(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return std::nullopt;
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b >> 6) != 0x2) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return cp;
}

}  // namespace

Result<std::vector<unsigned long>> keysyms_for_text(std::string_view utf8) {
  std::vector<unsigned long> out;
  for (size_t i = 0; i < utf8.size();) {
    const size_t at = i;
    const auto cp = next_code_point(utf8, i);
    if (!cp) return Error::invalid("text is not valid UTF-8 (byte " + std::to_string(at) + ")");
    if (*cp == '\n' || *cp == '\r') out.push_back(XK_Return);
    else if (*cp == '\t') out.push_back(XK_Tab);
    else if (*cp == '\b') out.push_back(XK_BackSpace);
    else if (*cp < 0x20 || *cp == 0x7F) return Error::invalid("text holds control character " + std::to_string(*cp) + " that cannot be typed");
    else if (*cp <= 0xFF) out.push_back(*cp);  // Latin-1 keysyms equal their code points
    else out.push_back(0x01000000UL + *cp);
  }
  return out;
}

Result<KeyChord> parse_key_chord(std::string_view chord) {
  static const std::map<std::string, unsigned long> kModifiers = {
      {"ctrl", XK_Control_L}, {"control", XK_Control_L}, {"shift", XK_Shift_L}, {"alt", XK_Alt_L},
      {"super", XK_Super_L},  {"meta", XK_Super_L},      {"win", XK_Super_L},   {"cmd", XK_Super_L}};
  static const std::map<std::string, unsigned long> kAliases = {
      {"enter", XK_Return},   {"return", XK_Return}, {"esc", XK_Escape},       {"escape", XK_Escape},
      {"tab", XK_Tab},        {"space", XK_space},   {"backspace", XK_BackSpace}, {"del", XK_Delete},
      {"delete", XK_Delete},  {"up", XK_Up},         {"down", XK_Down},         {"left", XK_Left},
      {"right", XK_Right},    {"home", XK_Home},     {"end", XK_End},           {"pageup", XK_Prior},
      {"pagedown", XK_Next},  {"insert", XK_Insert}, {"plus", XK_plus},         {"minus", XK_minus}};
  if (chord.empty()) return Error::invalid("empty key chord");
  KeyChord out;
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= chord.size(); ++i) {
    // A '+' right after a separator is the key itself ("ctrl++").
    if (i == chord.size() || (chord[i] == '+' && i > start)) {
      parts.emplace_back(chord.substr(start, i - start));
      start = i + 1;
    }
  }
  for (size_t k = 0; k < parts.size(); ++k) {
    const std::string name = parts[k];
    const std::string low = lower(name);
    const bool last = k + 1 == parts.size();
    if (!last) {
      auto m = kModifiers.find(low);
      if (m == kModifiers.end()) return Error::invalid("unknown modifier \"" + name + "\" in key chord \"" + std::string(chord) + "\" (ctrl, shift, alt, super)");
      out.modifiers.push_back(m->second);
      continue;
    }
    if (auto a = kAliases.find(low); a != kAliases.end()) {
      out.key = a->second;
    } else if (name.size() == 1 && static_cast<unsigned char>(name[0]) > 0x20 && static_cast<unsigned char>(name[0]) < 0x7F) {
      out.key = static_cast<unsigned char>(name[0]);  // "+", "s", "1": printable ASCII keysyms are the character
    } else if (KeySym ks = XStringToKeysym(name.c_str()); ks != NoSymbol) {
      out.key = ks;
    } else if (KeySym ks2 = XStringToKeysym(low.c_str()); ks2 != NoSymbol) {
      out.key = ks2;
    } else {
      return Error::invalid("unknown key \"" + name + "\" in key chord \"" + std::string(chord) + "\"");
    }
  }
  return out;
}

}  // namespace humain::desktop
