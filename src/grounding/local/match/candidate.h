// One possible answer to an instruction while the matcher ranks them.
#pragma once

#include <string>

#include "humain/geometry.h"

namespace humain::local {

struct Candidate {
  Box box;           // where to click
  double score = 0;  // match strength, 0..~1.1
  double ocr = 1;    // how sure the pixels were read (OCR or icon-guess confidence), 0..1
  int element = -1;  // index into ScreenParse::elements
  std::string why;   // short explanation: "text", "words", "icon:edit", ...
  bool weak_rule = false;  // chosen by a rule that often guesses: keep the confidence under 0.8
};

}  // namespace humain::local
