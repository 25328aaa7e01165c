// Instruction parsing and matching: the cap first (as the local engine does), then the parse and
// the matcher against a small fixed screen: a login form with text, a button, a field, an icon.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "grounding/local/match/instruction.h"
#include "grounding/local/match/matcher.h"

namespace {

using namespace humain;
using namespace humain::local;

ScreenElement text(const char* t, Box b, ElementRole role = ElementRole::kText) {
  ScreenElement e;
  e.box = b;
  e.text_box = b;
  e.text = t;
  e.role = role;
  e.confidence = 0.9;
  double x = b.x1;
  const double w = (b.x2 - b.x1) / std::max<size_t>(1, std::string_view(t).size());
  std::string_view rest(t);
  while (!rest.empty()) {
    const auto sp = rest.find(' ');
    const auto word = rest.substr(0, sp);
    e.words.push_back({std::string(word), {x, b.y1, x + w * word.size(), b.y2}});
    x += w * (word.size() + 1);
    rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  }
  return e;
}

ScreenParse screen() {
  ScreenParse p;
  p.width = 1440;
  p.height = 900;
  p.elements.push_back(text("Sign in to continue", {600, 100, 840, 130}));
  p.elements.push_back(text("Email", {600, 200, 660, 220}));
  p.elements.push_back(text("", {600, 230, 840, 260}, ElementRole::kField));
  p.elements.push_back(text("Password", {600, 280, 690, 300}));
  p.elements.push_back(text("Sign in", {600, 340, 840, 380}, ElementRole::kButton));
  p.elements.push_back(text("Remember me", {630, 400, 740, 420}));
  p.elements.push_back(text("", {600, 400, 620, 420}, ElementRole::kCheckbox));
  ScreenElement icon;
  icon.box = {1380, 20, 1410, 50};
  icon.role = ElementRole::kIcon;
  icon.icon_guesses = {{"settings", 0.8}, {"close", 0.3}};
  p.elements.push_back(icon);
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const IconVocabulary vocabulary = IconVocabulary::load(HUMAIN_SOURCE_DIR "/data/icons/concepts.tsv").value();
  static const ScreenParse parse = screen();
  const std::string_view instruction(reinterpret_cast<const char*>(data), size);
  if (!check_instruction_size(instruction)) return 0;
  const Instruction ins = parse_instruction(instruction, vocabulary);
  if (auto m = match_instruction(parse, ins, 0.3)) {
    if (m->element < 0 || m->element >= static_cast<int>(parse.elements.size())) __builtin_trap();
  }
  return 0;
}
