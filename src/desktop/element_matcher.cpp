// Instruction -> AT-SPI element. The instruction is reduced to a target phrase (verb, articles and
// role words removed) and an optional role; names are compared exactly, then word-wise.
#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "humain/accessibility.h"

namespace humain {
namespace {

std::string fold(std::string_view s) {
  // Lower case, punctuation kept only when the phrase is nothing but punctuation ("+", "=").
  std::string out;
  for (unsigned char c : s) out += static_cast<char>(std::tolower(c));
  return out;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      if (!std::isspace(c)) out.push_back(std::string(1, static_cast<char>(c)));  // "+", "=", "%"
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string join(const std::vector<std::string>& w) {
  std::string out;
  for (const auto& x : w) out += (out.empty() ? "" : " ") + x;
  return out;
}

// Instruction words naming a role -> AT-SPI role names they mean.
const std::map<std::string, std::vector<std::string>>& role_words() {
  static const std::map<std::string, std::vector<std::string>> k = {
      {"button", {"push button", "toggle button", "button"}},
      {"checkbox", {"check box", "check menu item", "toggle button"}},
      {"check", {"check box", "check menu item"}},
      {"radio", {"radio button", "radio menu item"}},
      {"field", {"text", "entry", "password text", "spin button"}},
      {"entry", {"text", "entry"}},
      {"textbox", {"text", "entry"}},
      {"slider", {"slider", "scroll bar"}},
      {"scale", {"slider"}},
      {"switch", {"toggle button", "switch", "check box"}},
      {"toggle", {"toggle button", "check box", "switch"}},
      {"tab", {"page tab"}},
      {"menu", {"menu", "menu item"}},
      {"item", {"menu item", "list item", "table cell"}},
      {"link", {"link"}},
      {"combo", {"combo box"}},
      {"dropdown", {"combo box"}},
      {"spin", {"spin button"}},
      {"area", {"text", "document text"}},
      {"editor", {"text", "document text"}},
  };
  return k;
}

const std::vector<std::string>& filler_words() {
  static const std::vector<std::string> k = {
      "click", "press", "tap", "select", "choose", "pick", "toggle", "check", "uncheck", "open", "hit", "push",
      "activate", "focus", "on", "the", "a", "an", "in", "into", "at", "button", "checkbox", "box", "radio",
      "field", "entry", "textbox", "slider", "scale", "switch", "tab", "menu", "item", "link", "combo", "dropdown",
      "double", "right", "type", "to", "of", "option", "icon", "label", "text", "area", "editor", "spin",
      "move", "drag", "slide", "set", "scroll", "answer", "with", "password"};
  return k;
}

}  // namespace

std::optional<ElementMatch> match_element(const std::vector<AccessibleElement>& elements, std::string_view instruction) {
  // Quoted text names the element exactly: click "Save As".
  std::string quoted;
  if (auto q1 = instruction.find('"'); q1 != std::string_view::npos) {
    if (auto q2 = instruction.find('"', q1 + 1); q2 != std::string_view::npos) quoted = fold(instruction.substr(q1 + 1, q2 - q1 - 1));
  }
  const std::vector<std::string> all = words(std::string(instruction));
  std::vector<std::string> roles;
  std::vector<std::string> target;
  for (size_t i = 0; i < all.size(); ++i) {
    const std::string& w = all[i];
    if (w == "\"") continue;
    if (auto r = role_words().find(w); r != role_words().end()) roles.insert(roles.end(), r->second.begin(), r->second.end());
    const bool filler = std::find(filler_words().begin(), filler_words().end(), w) != filler_words().end();
    // Keep a filler word that is the only thing left to match ("click Open": "open" is the name).
    const bool role_word = role_words().count(w) > 0;
    if (!filler || (i + 1 == all.size() && target.empty() && i > 0 && !role_word)) target.push_back(w);
  }
  const std::string phrase = quoted.empty() ? join(target) : join(words(quoted));

  std::optional<ElementMatch> best;
  for (const auto& el : elements) {
    if (el.box.area() <= 0) continue;
    const std::string name = join(words(el.name));
    const std::string desc = join(words(el.description));
    double score = 0;
    if (!phrase.empty() && !name.empty()) {
      if (name == phrase) score = 1.0;
      else if ((" " + name + " ").find(" " + phrase + " ") != std::string::npos) score = 0.75 - 0.01 * std::min<size_t>(10, name.size() - phrase.size());
      else if ((" " + phrase + " ").find(" " + name + " ") != std::string::npos && name.size() >= 3) score = 0.65;
    }
    if (score == 0 && !phrase.empty() && !desc.empty() && desc == phrase) score = 0.7;
    if (score == 0 && phrase.empty() && !roles.empty()) score = 0.62;  // "the slider": the role alone
    if (score == 0) continue;
    const bool role_ok = roles.empty() || std::find(roles.begin(), roles.end(), el.role) != roles.end();
    if (!role_ok) score -= 0.25;
    if (el.actionable) score += 0.04;
    if (!el.has("sensitive") && el.actionable) score -= 0.1;  // greyed out
    if (el.role == "label" || el.role == "filler" || el.role == "panel") score -= 0.08;  // a caption, not the control
    score = std::clamp(score, 0.0, 1.0);
    // Ties: the first in the tree (reading order) wins, so equal names pick the top-left one.
    if (!best || score > best->confidence + 1e-9) best = ElementMatch{el, score};
  }
  if (best && best->confidence < 0.3) return std::nullopt;
  return best;
}

std::optional<AccessibleElement> element_at(const std::vector<AccessibleElement>& elements, Point p) {
  const AccessibleElement* best = nullptr;
  for (const auto& el : elements) {
    if (!el.actionable || el.box.area() <= 0 || !contains(el.box, p)) continue;
    if (!best || el.box.area() < best->box.area()) best = &el;
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace humain
