#include "grounding/local/match/fuzzy.h"

#include <algorithm>
#include <cctype>

namespace humain::local {
namespace {

// Characters Tesseract confuses on small screen fonts map to one representative.
char fold_confusable(char c) {
  switch (c) {
    case '1': case 'l': case 'i': case '|': return 'l';
    case '0': return 'o';
    case '5': return 's';
    default: return c;
  }
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 'r' && i + 1 < s.size() && s[i + 1] == 'n') {  // "rn" read for "m"
      out += 'm';
      ++i;
      continue;
    }
    out += fold_confusable(s[i]);
  }
  return out;
}

}  // namespace

std::string normalize_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = true;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
      space = false;
    } else if (c == '\'') {
      continue;  // "don't" -> "dont"
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> tokenize(std::string_view s) {
  std::vector<std::string> words;
  const std::string n = normalize_text(s);
  size_t start = 0;
  while (start < n.size()) {
    size_t end = n.find(' ', start);
    if (end == std::string::npos) end = n.size();
    if (end > start) words.push_back(n.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

double similarity(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const std::string fa = fold(a), fb = fold(b);
  const double longer = static_cast<double>(std::max(fa.size(), fb.size()));
  return std::max(0.0, 1.0 - edit_distance(fa, fb) / longer);
}

}  // namespace humain::local
