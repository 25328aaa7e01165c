// "ocr-baseline": the original Python project's approach, kept as the floor the local engine must
// beat. Tesseract reads every word on the screenshot; the instruction's content words are matched
// against them; the click goes to the centre of the best matching run of words.
#pragma once

#include <memory>

#include "humain/grounder.h"
#include "humain/result.h"

namespace humain {

// Fails when the Tesseract language data cannot be found or loaded.
Result<std::unique_ptr<Grounder>> make_ocr_baseline_grounder();

}  // namespace humain
