// What an instruction asks for, taken apart: the label words, the kind of element, an icon
// meaning, and where on the screen ("top right", "first", "below Password").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grounding/local/match/icon_vocabulary.h"
#include "humain/local_engine.h"
#include "humain/result.h"

namespace humain::local {

// One way to read an icon instruction: `concepts` are the icon's meaning, `context` the words of
// the text it sits beside. The first reading takes every concept and leaves the words that name
// none ("edit Amara Okafor"); the others let one concept word be the meaning and the rest the
// anchor, because anchors can be concept words too ("show password": the eye by "Password").
struct IconReading {
  std::vector<ConceptHit> concepts;
  std::vector<std::string> context;
};

enum class Relation { kNone, kBelow, kAbove, kRightOf, kLeftOf, kNear };

struct Instruction {
  std::vector<std::string> all_words;    // every normalised word of the instruction
  std::vector<std::string> label_words;  // the words that should appear in the target's text
  // How much each label word counts when an element's text is checked for it (same length as
  // label_words): 1 for the object, less for context ("of the Builder app") and link words, and
  // the rest of the sentence less than a label said in parentheses ("Confirm (OK)").
  std::vector<double> label_weights;
  std::vector<std::string> icon_words;   // words that name an icon meaning ("shuffle", "lock")
  std::vector<std::string> verbs;        // leading verbs ("open", "show"): buttons are often named so
  // "Open the selected file", "Copy the current line": the verb acts on what is selected, so it is the
  // button's label and the object only says what it acts on.
  bool acts_on_selection = false;
  std::optional<ElementRole> role;       // "button", "field", "checkbox", "icon", ... when said
  std::vector<ConceptHit> icon_concepts;  // icon meanings the words name, strongest first
  std::vector<IconReading> icon_readings;  // ways to split the words into meaning and anchor text
  bool quoted = false;                   // label came from quotes: match it strictly
  bool disclosure = false;               // "expand X" / "collapse X": the chevron beside X's label
  // Position: vertical -1 top / +1 bottom, horizontal -1 left / +1 right, 0 = not said.
  int vertical = 0, horizontal = 0;
  int ordinal = 0;                       // 1 = first, 2 = second, -1 = last; 0 = not said
  Relation relation = Relation::kNone;   // "below X": the anchor's words in anchor_words
  std::vector<std::string> anchor_words;
};

// The local engine's instruction cap (docs/LOCAL_ENGINE.md): beyond it, a clear error instead of a
// matcher run whose cost grows with the instruction. Words are runs of letters and digits.
inline constexpr size_t kMaxInstructionChars = 2000;
inline constexpr size_t kMaxInstructionWords = 200;
Status check_instruction_size(std::string_view text);

// `vocabulary` maps words to icon concepts; the returned value does not refer to it.
Instruction parse_instruction(std::string_view text, const IconVocabulary& vocabulary);

}  // namespace humain::local
