// Text normalisation and OCR-tolerant string similarity for matching instructions to labels.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace humain::local {

// Lower-case ASCII letters and digits, plus letters of other scripts (accented Latin, Greek,
// Cyrillic, CJK) as they are; everything else separates words. "Sign-in…" -> "sign in". Spaces
// between CJK characters go ("设 置" -> "设置"): those scripts do not separate words.
std::string normalize_text(std::string_view s);

// Whether `s` holds a Chinese, Japanese or Korean character.
bool has_cjk(std::string_view s);

// normalize_text split into words.
std::vector<std::string> tokenize(std::string_view s);

// Levenshtein distance (bytes).
int edit_distance(std::string_view a, std::string_view b);

// 1 - distance / longer length, with common OCR confusions (l/1/i, o/0, rn/m) forgiven. 0..1.
double similarity(std::string_view a, std::string_view b);

// similarity(a, b) when it can reach `floor`, else 0 without computing the edit distance (the
// length difference alone bounds it): keeps a long instruction from costing |a| x |b| per label.
double similarity_if_at_least(std::string_view a, std::string_view b, double floor);

}  // namespace humain::local
