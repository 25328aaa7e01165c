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

namespace {

// Decodes the UTF-8 sequence at s[i] (advancing i); malformed bytes come back as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
  const unsigned char c = s[i];
  const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = s[i + k];
    if ((cc >> 6) != 0x2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

// Ideographs, kana and hangul: scripts written without spaces between words.
bool is_cjk(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

// Letters of other scripts (accented Latin, Greek, Cyrillic, CJK) are word characters; symbols
// and punctuation ("…", "•", "·") separate words like ASCII punctuation does.
bool is_letter(char32_t cp) {
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) || is_cjk(cp);
}

}  // namespace

std::string normalize_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = true;
  bool last_cjk = false;     // the last character written was CJK
  bool cjk_gap = false;      // ...and only spaces followed it so far
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (cp < 0x80 && std::isalnum(static_cast<unsigned char>(cp))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(cp)));
      space = false;
      last_cjk = cjk_gap = false;
    } else if (cp == '\'') {
      continue;  // "don't" -> "dont"
    } else if (is_letter(cp)) {
      // OCR puts spaces between Chinese characters ("设 置"): a CJK run is one word.
      if (is_cjk(cp) && cjk_gap && space && !out.empty()) out.pop_back();
      out.append(s.substr(start, i - start));
      space = false;
      last_cjk = is_cjk(cp);
      cjk_gap = false;
    } else {
      if (!space) {
        out += ' ';
        space = true;
      }
      if (cp != ' ') last_cjk = false;  // punctuation ends the run
      cjk_gap = last_cjk;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool has_cjk(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (is_cjk(next_code_point(s, i))) return true;
  }
  return false;
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

double similarity_if_at_least(std::string_view a, std::string_view b, double floor) {
  if (a.empty() || b.empty() || a == b) return similarity(a, b);
  const std::string fa = fold(a), fb = fold(b);
  const double longer = static_cast<double>(std::max(fa.size(), fb.size()));
  const double diff = static_cast<double>(fa.size() > fb.size() ? fa.size() - fb.size() : fb.size() - fa.size());
  if (1.0 - diff / longer < floor) return 0.0;  // the distance is at least the length difference
  return std::max(0.0, 1.0 - edit_distance(fa, fb) / longer);
}

}  // namespace humain::local
