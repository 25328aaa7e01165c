// Picks the element an instruction means from a screen parse, with a calibrated confidence.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grounding/local/match/instruction.h"
#include "humain/local_engine.h"

namespace humain::local {

struct Match {
  Box box;              // where to click: the element's box (or the words' box for bare text)
  double score = 0;     // raw match score, 0..~1.2
  double confidence = 0;  // 0..1, calibrated on the dev set (see docs/LOCAL_ENGINE.md)
  int element = -1;     // index into ScreenParse::elements
  std::string why;      // a short explanation for --json raw_output and debugging
};

// The best match, or nullopt when nothing scores at least `min_score`.
std::optional<Match> match_instruction(const ScreenParse& parse, const Instruction& ins, double min_score);

// How well `words` (an element's text) carries `label` given the whole instruction `all_words`;
// `weights` (one per label word, 1 when absent) say how much each label word counts. 0..1;
// exposed for tests and for find_text.
double label_score(const std::vector<std::string>& label, const std::vector<std::string>& all_words,
                   const std::vector<std::string>& words, const std::vector<double>& weights = {});

}  // namespace humain::local
