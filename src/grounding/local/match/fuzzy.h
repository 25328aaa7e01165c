// Text normalisation and OCR-tolerant string similarity for matching instructions to labels.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace humain::local {

// Lower-case ASCII letters and digits; everything else separates words. "Sign-in…" -> "sign in".
std::string normalize_text(std::string_view s);

// normalize_text split into words.
std::vector<std::string> tokenize(std::string_view s);

// Levenshtein distance (bytes).
int edit_distance(std::string_view a, std::string_view b);

// 1 - distance / longer length, with common OCR confusions (l/1/i, o/0, rn/m) forgiven. 0..1.
double similarity(std::string_view a, std::string_view b);

}  // namespace humain::local
