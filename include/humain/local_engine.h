// The embedded local grounding engine: OCR (Tesseract) + OpenCV element detection + instruction
// matching, on the CPU, with no model server. It is the default grounder ("local").
//
//   auto engine = humain::make_local_engine({});            // Result<unique_ptr<LocalEngine>>
//   auto parse  = (*engine)->parse_screen(screen);          // every element on the screen
//   auto pred   = (*engine)->find_element(screen, "click Save");
//
// The screen parse is cached by Screenshot::hash (bounded LRU), so a second instruction on the
// same pixels does no OCR. All methods are safe to call from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "humain/geometry.h"
#include "humain/grounder.h"
#include "humain/image.h"
#include "humain/result.h"

namespace humain {

// What kind of thing an element looks like. Derived from pixels, not from an accessibility tree.
enum class ElementRole {
  kText,      // a run of text with no visible container (labels, links, menu entries)
  kButton,    // a bordered or filled box holding a short label
  kField,     // an input box: wide, light, bordered; its text is a value or a placeholder
  kCheckbox,  // a small square (check box, radio button) usually with a label beside it
  kIcon,      // a small non-text glyph (close, search, gear, ...) or picture
  kContainer, // a large bordered region (panel, card); rarely the answer itself
};

// Short lower-case name of a role ("button", "field", ...).
const char* role_name(ElementRole role);

// A guess at what an icon means: a concept from the engine's icon vocabulary ("close", "search",
// "edit", "eye", "bell", ...) and how well the glyph matched it (0..1).
struct IconGuess {
  std::string name;
  double score = 0;
};

// One recognised word and where it is.
struct TextWord {
  std::string text;
  Box box;
};

// One thing on the screen the user might click or read.
struct ScreenElement {
  Box box;                       // pixels of the original screenshot
  std::string text;              // recognised text ("" for icons and empty boxes)
  ElementRole role = ElementRole::kText;
  std::vector<IconGuess> icon_guesses;  // for kIcon: concepts the glyph resembles, best first
  double confidence = 0;         // 0..1: OCR confidence for text, detector confidence otherwise
  Box text_box;                  // the ink: the text's own box (== box for bare text), an icon's glyph
  std::vector<TextWord> words;   // the text word by word, for labels that share a line
};

// Everything the engine found on one screenshot. Immutable once built; shared by the cache.
struct ScreenParse {
  int width = 0, height = 0;
  std::uint64_t hash = 0;                 // Screenshot::hash it was built from
  std::vector<ScreenElement> elements;    // text lines, containers with labels, icons
  double parse_ms = 0;                    // time the parse took when it was built, of which:
  double detect_ms = 0;                   //   text-line and frame detection (OpenCV)
  double ocr_ms = 0;                      //   reading the text lines (Tesseract)
  int ocr_lines = 0;                      // text lines sent to Tesseract
};

struct LocalEngineOptions {
  std::string tessdata_dir;        // "" = Tesseract's default (Debian: /usr/share/tesseract-ocr/5/tessdata)
  // Tesseract models (Debian: tesseract-ocr-<lang>, "_" -> "-"). Chinese, Japanese and Korean
  // models (chi_sim, chi_tra, jpn, kor) are read on demand: a second pass over the screen with
  // them plus the others, only for instructions written with CJK characters, so English screens
  // pay nothing for them. The others read every line.
  std::vector<std::string> languages = {"eng", "chi_sim"};
  int ocr_threads = 2;             // TessBaseAPI instances working in parallel
  std::size_t cache_capacity = 32; // screen parses kept (LRU by Screenshot::hash); 0 disables the cache
  double min_match_score = 0.45;   // below this the engine answers "not found"
};

// The engine: a Grounder that can also hand out its parse of a screen.
class LocalEngine : public Grounder {
 public:
  // Parses the screen (or returns the cached parse for the same pixels). The parse is shared and
  // immutable; it stays valid after it leaves the cache. Errors: invalid (empty image), internal (OCR).
  virtual Result<std::shared_ptr<const ScreenParse>> parse_screen(const Screenshot& screen) = 0;

  // Drops every cached parse.
  virtual void clear_cache() = 0;

  // Number of parses computed so far (cache misses); lets callers and tests see the cache work.
  virtual std::size_t parses_computed() const = 0;
};

// Creates the engine; fails when a model of `languages` is not installed in `tessdata_dir` (the
// error names the .traineddata file and the Debian package). Tesseract loads in the background.
Result<std::unique_ptr<LocalEngine>> make_local_engine(const LocalEngineOptions& options = {});

// Elements whose text contains one of `needles` (case-insensitive, tolerant of one OCR error per
// five letters). The router uses it to find confidential text to mask before a screenshot leaves.
std::vector<ScreenElement> find_text(const ScreenParse& parse, const std::vector<std::string>& needles);

}  // namespace humain
