// Which Tesseract models read every text line and which only when an instruction needs them.
#pragma once

#include <string>
#include <vector>

#include "humain/result.h"

namespace humain::local {

struct OcrLanguages {
  std::string primary;  // read on every screen: the non-CJK models joined by '+' ("eng", "eng+deu")
  std::string cjk;      // read on demand: CJK models then the primary ones ("chi_sim+eng"); "" = none
};

// Splits a configured list ({"eng", "chi_sim"}). Chinese, Japanese and Korean models are slow
// (thousands of classes) and only help where such characters are, so they are kept apart.
// Errors: an empty list, or a name that is not a plain model name.
Result<OcrLanguages> split_languages(const std::vector<std::string>& languages);

}  // namespace humain::local
