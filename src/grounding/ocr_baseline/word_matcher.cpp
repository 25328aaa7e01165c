#include "grounding/ocr_baseline/word_matcher.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace humain::ocr_baseline {
namespace {

// Words that say how to act, not what to act on. Kept short on purpose: words such as "menu",
// "tab" or "search" are often the label itself.
constexpr std::array<std::string_view, 34> kStopWords = {
    "click", "tap", "press", "select", "choose", "open", "hit", "push", "go", "the", "a", "an",
    "on", "in", "at", "to", "of", "for", "button", "icon", "link", "field", "please", "and",
    "with", "that", "this", "labeled", "labelled", "called", "named", "text", "box", "option"};

bool is_stop_word(const std::string& w) {
  return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

constexpr double kMinWordSimilarity = 0.75;    // below this an OCR word does not count as the term
constexpr double kUnmatchedWordPenalty = 0.1;  // per word inside the run that matched no term

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      cur.push_back(static_cast<char>(std::tolower(c)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::vector<std::string> query_terms(std::string_view instruction) {
  std::vector<std::string> all = tokenize(instruction);
  std::vector<std::string> content;
  std::copy_if(all.begin(), all.end(), std::back_inserter(content), [](const std::string& w) { return !is_stop_word(w); });
  return content.empty() ? all : content;
}

double word_similarity(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() <= 3 || b.size() <= 3) return 0.0;
  const double longer = static_cast<double>(std::max(a.size(), b.size()));
  return 1.0 - static_cast<double>(edit_distance(a, b)) / longer;
}

std::optional<WordMatch> best_match(const std::vector<std::string>& terms, const std::vector<OcrWord>& words,
                                    double min_score) {
  if (terms.empty() || words.empty()) return std::nullopt;
  // One normalised token per OCR word; a word like "Sign-in" becomes "signin" so it still matches.
  std::vector<std::string> norm;
  norm.reserve(words.size());
  for (const OcrWord& w : words) {
    std::string joined;
    for (const std::string& t : tokenize(w.text)) joined += t;
    norm.push_back(std::move(joined));
  }

  std::optional<WordMatch> best;
  const std::size_t max_run = terms.size() + 1;  // room for one stray word inside a label
  for (std::size_t start = 0; start < words.size(); ++start) {
    if (norm[start].empty()) continue;
    for (std::size_t len = 1; len <= max_run && start + len <= words.size(); ++len) {
      const std::size_t end = start + len;
      if (words[end - 1].line != words[start].line) break;
      double found = 0;
      std::vector<bool> used(len, false);
      for (const std::string& term : terms) {
        double best_sim = 0;
        std::size_t best_k = len;
        for (std::size_t k = 0; k < len; ++k) {
          const double sim = word_similarity(term, norm[start + k]);
          if (sim >= kMinWordSimilarity && sim > best_sim) best_sim = sim, best_k = k;
        }
        if (best_k < len) {
          found += best_sim;
          used[best_k] = true;
        }
      }
      const auto unmatched = static_cast<double>(std::count(used.begin(), used.end(), false));
      const double score = found / static_cast<double>(terms.size()) - kUnmatchedWordPenalty * unmatched;
      if (score < min_score || (best && score <= best->score)) continue;
      WordMatch m;
      m.score = std::min(score, 1.0);
      double conf_sum = 0;
      int n_used = 0;
      for (std::size_t k = 0; k < len; ++k) {
        if (!used[k]) continue;
        const OcrWord& w = words[start + k];
        m.box = n_used == 0 ? w.box : union_box(m.box, w.box);
        m.text += (n_used ? " " : "") + w.text;
        conf_sum += w.confidence;
        ++n_used;
      }
      m.ocr_confidence = std::clamp(conf_sum / n_used / 100.0, 0.0, 1.0);
      best = std::move(m);
    }
  }
  return best;
}

}  // namespace humain::ocr_baseline
