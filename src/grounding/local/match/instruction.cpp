#include "grounding/local/match/instruction.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include "grounding/local/match/fuzzy.h"

namespace humain::local {
namespace {

using namespace std::string_view_literals;

// Leading verbs and polite filler: they say "act", not "which element".
constexpr std::array kVerbs = {"click"sv, "tap"sv, "press"sv, "select"sv, "choose"sv, "open"sv, "hit"sv,
                               "push"sv, "toggle"sv, "check"sv, "uncheck"sv, "enable"sv, "disable"sv,
                               "activate"sv, "go"sv, "navigate"sv, "switch"sv, "view"sv, "show"sv, "find"sv,
                               "locate"sv, "use"sv, "access"sv, "visit"sv, "type"sv, "enter"sv, "focus"sv,
                               "pick"sv, "launch"sv, "follow"sv, "tick"sv, "untick"sv, "in"sv, "mark"sv, "turn"sv, "off"sv, "expand"sv, "collapse"sv, "double"sv, "right"sv,
                               "please"sv, "on"sv, "at"sv, "to"sv, "into"sv, "the"sv, "a"sv, "an"sv, "this"sv,
                               "that"sv, "its"sv, "my"sv, "your"sv, "button"sv};
// Words that never carry the label wherever they stand.
constexpr std::array kFiller = {"the"sv, "a"sv, "an"sv, "labeled"sv, "labelled"sv, "called"sv, "named"sv,
                                "titled"sv, "that"sv, "says"sv, "reads"sv, "with"sv, "text"sv, "option"sv,
                                "item"sv, "entry"sv, "element"sv, "control"sv, "please"sv, "here"sv};

struct RoleWord {
  std::string_view word;
  ElementRole role;
};
constexpr std::array kRoleWords = {
    RoleWord{"button", ElementRole::kButton},   RoleWord{"btn", ElementRole::kButton},
    RoleWord{"field", ElementRole::kField},     RoleWord{"input", ElementRole::kField},
    RoleWord{"textbox", ElementRole::kField},   RoleWord{"searchbox", ElementRole::kField},
    RoleWord{"box", ElementRole::kField},       RoleWord{"checkbox", ElementRole::kCheckbox},
    RoleWord{"radio", ElementRole::kCheckbox},  RoleWord{"toggle", ElementRole::kCheckbox},
    RoleWord{"switch", ElementRole::kCheckbox}, RoleWord{"icon", ElementRole::kIcon},
    RoleWord{"tool", ElementRole::kIcon},  // "the brush tool": a toolbox button
    RoleWord{"dropdown", ElementRole::kField},  RoleWord{"combo", ElementRole::kField},
    RoleWord{"combobox", ElementRole::kField},  RoleWord{"slider", ElementRole::kField},
    RoleWord{"spinner", ElementRole::kField},   RoleWord{"picker", ElementRole::kField},
    RoleWord{"selector", ElementRole::kField},  RoleWord{"entry", ElementRole::kField},
    RoleWord{"link", ElementRole::kText},       RoleWord{"tab", ElementRole::kText},
    RoleWord{"menu", ElementRole::kText},       RoleWord{"label", ElementRole::kText},
};

// Verbs and articles that are never a label themselves ("open the menu" is the menu button).
constexpr std::array kPureActions = {"click"sv, "tap"sv, "press"sv, "open"sv, "hit"sv, "push"sv, "expand"sv,
                                     "toggle"sv, "the"sv, "a"sv, "an"sv};
// "in the menu", "from the toolbar": places that say where to look, not what the label is.
constexpr std::array kPlacePrepositions = {"in"sv, "from"sv, "on"sv, "within"sv};
constexpr std::array kPlaces = {"menu"sv, "menubar"sv, "toolbar"sv, "sidebar"sv, "header"sv, "footer"sv, "navbar"sv,
                                "navigation"sv, "nav"sv, "panel"sv, "dialog"sv, "window"sv, "list"sv, "table"sv};
// Small words that join an icon's meaning to its anchor text ("save X to wishlist").
constexpr std::array kLinkWords = {"to"sv, "from"sv, "for"sv, "of"sv, "in"sv, "on"sv, "at"sv, "by"sv, "and"sv, "or"sv};
// A leading verb names a meaning less surely than the object does ("show password" is the eye,
// but "open" rarely means the open padlock).
constexpr double kVerbConceptScale = 0.6;
// How surely "zoom in" / "zoom out" means a bare + / - button.
constexpr double kZoomSignWeight = 0.8;
// A complement ("of the video", the object after "Close the") names the icon's meaning this much.
constexpr double kComplementConceptScale = 0.5;
// Each reading copies the other words as context: without a bound a long instruction costs its
// length squared (issue 11: "Click Sign in" x 3000 took 1.2 GB).
constexpr size_t kMaxMeaningReadings = 8;
// Recall weights of label words that describe rather than name (see label_word_weights).
constexpr double kLinkWordWeight = 0.3;
constexpr double kContextWordWeight = 0.5;
constexpr double kDescriptionWordWeight = 0.3;
constexpr double kObjectWordWeight = 0.5;
// Adjectives of stepping through a sequence: the arrow is the meaning, the noun after them its object.
constexpr std::array kStepWords = {"previous"sv, "prev"sv, "next"sv, "preceding"sv, "following"sv};
// "the selected file", "the current tab": what the action applies to, not a label.
constexpr std::array kSelectionWords = {"selected"sv, "current"sv, "highlighted"sv, "chosen"sv};
// Words that open a noun phrase: the word before them is a verb ("Cancel the ...").
constexpr std::array kDeterminers = {"the"sv, "a"sv, "an"sv, "this"sv, "that"sv, "these"sv, "those"sv,
                                     "my"sv, "your"sv, "its"sv, "our"sv, "their"sv};

template <size_t N>
bool in(const std::array<std::string_view, N>& list, const std::string& w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Extracts a phrase in straight or curly quotes, if any.
std::optional<std::string> quoted_phrase(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kQuotes = {
      std::pair{"\""sv, "\""sv}, std::pair{"\xe2\x80\x9c"sv, "\xe2\x80\x9d"sv}, std::pair{"'"sv, "'"sv},
      std::pair{"\xe2\x80\x98"sv, "\xe2\x80\x99"sv}};
  for (auto [open, close] : kQuotes) {
    const size_t a = s.find(open);
    if (a == std::string_view::npos) continue;
    // A single quote inside a word ("don't") is an apostrophe, not a quote.
    if (open == "'"sv && a > 0 && std::isalpha(static_cast<unsigned char>(s[a - 1]))) continue;
    const size_t b = s.find(close, a + open.size());
    if (b == std::string_view::npos || b == a + open.size()) continue;
    return std::string(s.substr(a + open.size(), b - a - open.size()));
  }
  return std::nullopt;
}

// "Confirm the GIMP preferences (OK)": a short phrase in parentheses closing the instruction is
// often the label as the screen shows it, the words before it a description.
struct Parenthetical {
  std::vector<std::string> words;
  size_t first = 0;  // index of its first word among the instruction's words
};
std::optional<Parenthetical> trailing_parenthetical(std::string_view s) {
  const size_t end = s.find_last_not_of(" \t.");
  if (end == std::string_view::npos || s[end] != ')') return std::nullopt;
  const size_t open = s.rfind('(', end);
  if (open == std::string_view::npos || open == 0) return std::nullopt;
  std::vector<std::string> inside = tokenize(s.substr(open + 1, end - open - 1));
  const size_t before = tokenize(s.substr(0, open)).size();
  if (inside.empty() || before < 2) return std::nullopt;
  return Parenthetical{std::move(inside), before};
}

// Recall weights of the label words (see Instruction::label_weights). Words after a linking
// preposition describe where the target is ("from the file tree", "of the Builder app"); after
// an action head (`action_head`: "Cancel the file dialog") the object counts less.
std::vector<double> label_word_weights(const std::vector<std::string>& label, bool action_head,
                                       const std::optional<Parenthetical>& parenthetical) {
  std::vector<double> w(label.size(), 1.0);
  if (action_head) std::fill(w.begin() + 1, w.end(), kObjectWordWeight);
  bool context = false;
  for (size_t i = 0; i < label.size(); ++i) {
    const bool link = in(kLinkWords, label[i]) && label[i] != "and" && label[i] != "or";
    // A link word closing the label ("Sign in", "Log on") or followed by another ("Sign in to
    // Booking.com") belongs to it.
    const bool particle = i + 1 < label.size() && in(kLinkWords, label[i + 1]);
    if (link && i > 0 && i + 1 < label.size() && !particle) {
      context = true;
      w[i] = kLinkWordWeight;
      continue;
    }
    if (context) w[i] = std::min(w[i], kContextWordWeight);
  }
  if (parenthetical) {
    for (size_t i = 0; i < label.size(); ++i) {
      const bool said = std::find(parenthetical->words.begin(), parenthetical->words.end(), label[i]) != parenthetical->words.end();
      w[i] = said ? 1.0 : std::min(w[i], kDescriptionWordWeight);
    }
  }
  return w;
}

bool is_role_word(const std::string& w) {
  return std::any_of(kRoleWords.begin(), kRoleWords.end(), [&](const RoleWord& rw) { return rw.word == w; });
}

void merge_concepts(std::vector<ConceptHit>& into, const std::vector<ConceptHit>& hits, double scale) {
  for (const auto& h : hits) {
    auto it = std::find_if(into.begin(), into.end(), [&](const ConceptHit& c) { return c.name == h.name; });
    if (it == into.end()) into.push_back({h.name, h.weight * scale});
    else it->weight = std::max(it->weight, h.weight * scale);
  }
  std::stable_sort(into.begin(), into.end(), [](const ConceptHit& a, const ConceptHit& b) { return a.weight > b.weight; });
}

// How surely each word names the icon's meaning (one scale per word of `words`). The head of the
// sentence names it, not its complements: "Close the Calendar window" is the x (the calendar only
// says which window), "Create a clip of the video (scissors)" the scissors. So words after an action
// head and its article ("Reload the folder"), words after a link word ("the star for this session"),
// and, when a closing parenthetical names an icon ("(gear)", "(x button)"), every word outside it
// count kComplementConceptScale.
std::vector<double> concept_scales(const std::vector<std::string>& words, const std::vector<bool>& in_parenthetical,
                                   size_t first_non_verb, const IconVocabulary& vocabulary) {
  std::vector<double> scale(words.size(), 1.0);
  const auto names_icon = [&](size_t i) { return !in(kLinkWords, words[i]) && !vocabulary.concepts_of(words[i]).empty(); };
  bool paren_names_icon = false;
  for (size_t i = 0; i < words.size(); ++i) paren_names_icon |= in_parenthetical[i] && names_icon(i);
  const bool action_head = first_non_verb + 1 < words.size() && names_icon(first_non_verb) &&
                           in(kDeterminers, words[first_non_verb + 1]);
  bool linked = false, paren_linked = false;
  for (size_t i = 0; i < words.size(); ++i) {
    // "to" leads to a destination, and destinations name buttons ("save X to wishlist").
    const bool link = in(kLinkWords, words[i]) && words[i] != "and" && words[i] != "or" && words[i] != "to";
    if (i < first_non_verb) scale[i] = kVerbConceptScale;
    if (in_parenthetical[i]) {
      if (paren_linked) scale[i] = kComplementConceptScale;
      paren_linked |= link;
      continue;
    }
    // "the previous month", "next page": the noun says what the arrow steps through.
    const bool stepped = i > 0 && in(kStepWords, words[i - 1]);
    if (linked || stepped || (action_head && i > first_non_verb)) scale[i] = std::min(scale[i], kComplementConceptScale);
    if (paren_names_icon) scale[i] *= kComplementConceptScale;
    linked |= link && i > first_non_verb;
  }
  return scale;
}

// Whether a word may be part of the text an icon sits beside: link words and a container's kind
// ("the window", "the dialog") are not.
bool names_text(const std::string& w) { return !in(kLinkWords, w) && !in(kPlaces, w); }

// Fills icon_concepts from every word, each weighed by concept_scales, and icon_readings (see
// IconReading). Link words ("at", "in") name no icon even when an icon set has one ("@").
void add_icon_meanings(Instruction& ins, const std::vector<std::string>& words, const std::vector<bool>& in_parenthetical,
                       size_t first_non_verb, const IconVocabulary& vocabulary) {
  const std::vector<double> scale = concept_scales(words, in_parenthetical, first_non_verb, vocabulary);
  std::vector<ConceptHit> verb_concepts;
  struct ObjectWord {
    std::string word;
    std::vector<ConceptHit> hits;  // already scaled
    bool complement = false;       // says which icon more than what it means ("the Documents tab")
  };
  std::vector<ObjectWord> object;  // words after the verbs
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (in(kFiller, w) || (is_role_word(w) && w != "menu")) continue;
    std::vector<ConceptHit> hits = in(kLinkWords, w) ? std::vector<ConceptHit>{} : vocabulary.concepts_of(w);
    // "zoom in" / "zoom out": the magnifier with + or -, or a bare + or -.
    if (w == "zoom" && i + 1 < words.size() && (words[i + 1] == "in" || words[i + 1] == "out")) {
      const bool zoom_in = words[i + 1] == "in";
      hits = {{zoom_in ? "zoom-in" : "zoom-out", 1.0}, {zoom_in ? "add" : "remove", kZoomSignWeight}};
    }
    if (!hits.empty()) ins.icon_words.push_back(w);
    for (auto& h : hits) h.weight *= scale[i];
    if (i < first_non_verb) merge_concepts(verb_concepts, hits, 1.0);
    else if (!hits.empty() || !in(kLinkWords, w)) object.push_back({w, std::move(hits), scale[i] < 1.0});
  }
  IconReading all{verb_concepts, {}};
  for (const auto& o : object) {
    merge_concepts(all.concepts, o.hits, 1.0);
    if ((o.hits.empty() || o.complement) && names_text(o.word)) all.context.push_back(o.word);
  }
  ins.icon_concepts = all.concepts;
  ins.icon_readings.push_back(all);
  if (all.concepts.empty()) return;
  // The verb alone may be the meaning and the object the anchor ("show password": eye by Password).
  if (!verb_concepts.empty() && !object.empty()) {
    IconReading verb{verb_concepts, {}};
    for (const auto& o : object) {
      if (names_text(o.word)) verb.context.push_back(o.word);
    }
    ins.icon_readings.push_back(verb);
  }
  std::vector<std::string_view> meaning_words;  // one reading per distinct word, at most kMaxMeaningReadings
  for (size_t j = 0; j < object.size() && object.size() >= 2; ++j) {
    if (object[j].hits.empty()) continue;
    if (std::find(meaning_words.begin(), meaning_words.end(), object[j].word) != meaning_words.end()) continue;
    if (meaning_words.size() >= kMaxMeaningReadings) break;
    meaning_words.push_back(object[j].word);
    IconReading one{verb_concepts, {}};
    merge_concepts(one.concepts, object[j].hits, 1.0);
    for (size_t k = 0; k < object.size(); ++k) {
      if (k != j && names_text(object[k].word)) one.context.push_back(object[k].word);
    }
    ins.icon_readings.push_back(one);
  }
}

}  // namespace

Status check_instruction_size(std::string_view text) {
  if (text.size() > kMaxInstructionChars) {
    return Error::invalid("instruction is " + std::to_string(text.size()) + " characters; the local engine takes at most " +
                          std::to_string(kMaxInstructionChars) + " (a GUI instruction names one element)");
  }
  size_t words = 0;
  bool in_word = false;
  for (const unsigned char c : text) {
    const bool letter = std::isalnum(c) != 0;
    words += letter && !in_word;
    in_word = letter;
  }
  if (words > kMaxInstructionWords) {
    return Error::invalid("instruction has " + std::to_string(words) + " words; the local engine takes at most " +
                          std::to_string(kMaxInstructionWords) + " (a GUI instruction names one element)");
  }
  return ok_status();
}

Instruction parse_instruction(std::string_view text, const IconVocabulary& vocabulary) {
  Instruction ins;
  ins.all_words = tokenize(text);
  std::vector<std::string> words = ins.all_words;

  // Relations: "below X", "under X", "above X", "next to X", "right of X", "left of X".
  for (size_t i = 0; i < words.size(); ++i) {
    Relation r = Relation::kNone;
    size_t skip = 1;
    const std::string& w = words[i];
    if (w == "below" || w == "under" || w == "beneath" || w == "underneath") r = Relation::kBelow;
    else if (w == "above" || w == "over") r = Relation::kAbove;
    else if ((w == "right" || w == "left") && i + 1 < words.size() && words[i + 1] == "of") {
      r = w == "right" ? Relation::kRightOf : Relation::kLeftOf;
      skip = 2;
    } else if ((w == "next" && i + 1 < words.size() && words[i + 1] == "to") || w == "beside") {
      r = Relation::kNear;
      skip = w == "next" ? 2 : 1;
    }
    if (r != Relation::kNone && i + skip < words.size() && i > 0) {
      ins.relation = r;
      for (size_t j = i + skip; j < words.size(); ++j) {
        if (!in(kFiller, words[j])) ins.anchor_words.push_back(words[j]);
      }
      words.resize(i);
      break;
    }
  }

  // "... in the menu", "... from the toolbar": where to look, not part of the label.
  if (words.size() >= 3) {
    const size_t last = words.size() - 1;
    const size_t prep = words[last - 1] == "the" ? last - 2 : last - 1;
    if (prep > 0 && in(kPlacePrepositions, words[prep]) && in(kPlaces, words[last])) words.resize(prep);
  }

  // Positions and ordinals anywhere in the remaining words, except a lone word after the verbs:
  // "choose Right" names an option labelled "Right".
  const bool last_is_label = words.size() >= 2 && std::all_of(words.begin(), words.end() - 1, [](const std::string& w) {
    return in(kVerbs, w) && !in(kFiller, w) && !in(kLinkWords, w) && !is_role_word(w);
  });
  std::vector<std::string> rest;
  std::vector<size_t> rest_index;  // each rest word's index in all_words
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (last_is_label && i + 1 == words.size()) {
      rest.push_back(w);
      rest_index.push_back(i);
      continue;
    }
    // Music and video apps dock their mini player at the bottom of the screen.
    if (w == "mini" && i + 1 < words.size() && words[i + 1] == "player") ins.vertical = 1;
    if (w == "top" || w == "upper") { ins.vertical = -1; continue; }
    if (w == "bottom" || w == "lower") { ins.vertical = 1; continue; }
    if ((w == "left" || w == "leftmost") && i > 0) { ins.horizontal = -1; continue; }
    if (w == "rightmost" || (w == "right" && i > 0)) {
      ins.horizontal = 1;
      continue;
    }
    if (w == "first" || w == "1st") { ins.ordinal = 1; continue; }
    if (w == "second" || w == "2nd") { ins.ordinal = 2; continue; }
    if (w == "third" || w == "3rd") { ins.ordinal = 3; continue; }
    if (w == "last") { ins.ordinal = -1; continue; }
    if (w == "corner" || w == "side" || (w == "of" && (ins.vertical || ins.horizontal || ins.ordinal))) continue;
    rest.push_back(w);
    rest_index.push_back(i);
  }

  // Role words (the last one said wins: "the search box button" is a button), except that
  // "button" only completes a kind already said: a "radio button" is a radio.
  for (size_t i = 0; i < rest.size(); ++i) {
    const bool completes = rest[i] == "button" && i > 0 && is_role_word(rest[i - 1]);
    // "Switch to the Notepad window", "switch to list view": the verb of moving, not a switch.
    if (rest[i] == "switch" && i + 1 < rest.size() && rest[i + 1] == "to") continue;
    for (const auto& rw : kRoleWords) {
      if (rest[i] == rw.word && !completes) ins.role = rw.role;
    }
  }
  // "turn on Follow System Style": a switch, and what follows the phrasal verb is the label.
  const bool turn_on = rest.size() > 2 && rest[0] == "turn" && (rest[1] == "on" || rest[1] == "off");
  // Verbs that name the kind of control: "enter Email" means the Email field, "check X" a check box.
  if (!ins.role && !rest.empty()) {
    const std::string& v = rest[0];
    if (v == "type" || v == "enter" || v == "fill" || v == "write") ins.role = ElementRole::kField;
    if (v == "check" || v == "uncheck" || v == "tick" || v == "untick") ins.role = ElementRole::kCheckbox;
    // "turn on Wi-Fi": a switch.
    if (turn_on) ins.role = ElementRole::kCheckbox;
  }
  ins.disclosure = !rest.empty() && (rest[0] == "expand" || rest[0] == "collapse");
  // Leading verbs and fillers go; role words go unless they are the only words left.
  size_t start = 0;
  // A verb before "menu" is the menu's name ("View menu"), unless it is a pure action ("open menu").
  const auto names_menu = [&](size_t i) {
    return i + 1 < rest.size() && rest[i + 1] == "menu" && !in(kPureActions, rest[i]);
  };
  while (start < rest.size() && in(kVerbs, rest[start]) && !names_menu(start) && !(turn_on && start == 2)) ++start;
  std::vector<std::string> label;
  for (size_t i = start; i < rest.size(); ++i) {
    const std::string& w = rest[i];
    if (in(kFiller, w)) continue;
    if (is_role_word(w) && w != "menu" && w != "search" && w != "entry") continue;
    label.push_back(w);
  }
  if (auto q = quoted_phrase(text)) {
    label = tokenize(*q);
    ins.quoted = !label.empty();
  }
  // A label in Chinese, Japanese or Korean ("Open settings (设置)") is what the screen shows; the
  // English words beside it are a gloss.
  if (!ins.quoted) {
    std::vector<std::string> cjk;
    for (const auto& w : ins.all_words)
      if (has_cjk(w)) cjk.push_back(w);
    if (!cjk.empty()) {
      label = cjk;
      ins.quoted = true;
    }
  }
  if (label.empty() && start < rest.size()) label.assign(rest.begin() + start, rest.end());
  // Only verbs: the last one is the label ("open View", "follow View").
  if (label.empty() && !rest.empty() && !in(kFiller, rest.back()) && !in(kPureActions, rest.back())) {
    label.push_back(rest.back());
  }
  ins.label_words = label;
  // "Cancel the file dialog", "Share this project": a first label word followed by an article is
  // an action, and buttons are named by their action; its object only says what it acts on.
  const bool action_head = !ins.quoted && label.size() >= 2 && start + 1 < rest.size() && label[0] == rest[start] &&
                           in(kDeterminers, rest[start + 1]);
  const std::optional<Parenthetical> parenthetical = trailing_parenthetical(text);
  ins.label_weights = label_word_weights(label, action_head, ins.quoted ? std::nullopt : parenthetical);
  for (size_t i = 0; i < start && i < rest.size(); ++i) {
    if (!in(kFiller, rest[i]) && !in(kLinkWords, rest[i]) && rest[i] != "button") ins.verbs.push_back(rest[i]);
  }
  if (!ins.quoted && !ins.verbs.empty() && start < rest.size() && in(kSelectionWords, rest[start])) {
    ins.acts_on_selection = true;
    for (auto& w : ins.label_weights) w = std::min(w, kObjectWordWeight);
  }

  std::vector<bool> in_parenthetical(rest.size(), false);
  for (size_t i = 0; i < rest.size() && parenthetical; ++i) in_parenthetical[i] = rest_index[i] >= parenthetical->first;
  add_icon_meanings(ins, rest, in_parenthetical, start, vocabulary);
  return ins;
}

}  // namespace humain::local
