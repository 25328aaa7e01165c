// The ocr-baseline's matching step: instruction words against OCR words, no pixels involved.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "humain/geometry.h"

namespace humain::ocr_baseline {

// One word Tesseract read, in pixels of the original screenshot.
struct OcrWord {
  std::string text;      // as read
  Box box;
  double confidence = 0; // 0..100, Tesseract's scale
  int line = 0;          // words with the same line index sit on one text line, in reading order
};

// Lower-cased alphanumeric tokens of `text` ("Sign-in!" -> {"sign", "in"}).
std::vector<std::string> tokenize(std::string_view text);

// The instruction's content words: tokens minus verbs and fillers like click/the/button.
// Falls back to every token when only stop words remain ("click the button").
std::vector<std::string> query_terms(std::string_view instruction);

// 1 - edit distance / longer length; tokens of 3 characters or fewer must match exactly.
double word_similarity(const std::string& a, const std::string& b);

struct WordMatch {
  Box box;             // union of the matched words' boxes
  double score = 0;    // 0..1: share of query terms found, minus a small penalty per unmatched word
  double ocr_confidence = 0;  // mean Tesseract confidence of the matched words, 0..1
  std::string text;    // the matched words joined by spaces
};

// Best run of consecutive words on one line matching the terms; ties go to the first in reading
// order. nullopt when nothing scores at least `min_score`.
std::optional<WordMatch> best_match(const std::vector<std::string>& terms, const std::vector<OcrWord>& words,
                                    double min_score = 0.5);

}  // namespace humain::ocr_baseline
