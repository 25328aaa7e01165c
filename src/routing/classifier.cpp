// Keyword heuristics, as the seed's HybridDeploymentRouter.classify_task does, widened with the
// spatial words that make grounding hard for small models.
#include "classifier.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace humain::routing {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whole-word (or whole-phrase) match, so "pin" does not fire on "spinner".
bool has_phrase(const std::string& text, const std::string& phrase) {
  for (size_t pos = text.find(phrase); pos != std::string::npos; pos = text.find(phrase, pos + 1)) {
    const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]));
    const size_t end = pos + phrase.size();
    const bool right = end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end])) ||
                       (text[end] == 's' && (end + 1 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end + 1]))));
    if (left && right) return true;
  }
  return false;
}

}  // namespace

Complexity classify_complexity(const std::string& task, const std::string& operation, int screen_width,
                               int screen_height, std::vector<std::string>& reasons) {
  static const std::vector<std::string> kModerate = {"analyze", "compare", "extract", "icon", "which", "all of"};
  static const std::vector<std::string> kComplex = {"coordinate", "pixel", "precise", "locate", "next to", "left of",
                                                    "right of", "above", "below", "between", "second", "third",
                                                    "fourth", "last", "corner", "beside", "underneath"};
  const std::string t = lower(task);
  Complexity c = operation == "reasoning" ? Complexity::kModerate : Complexity::kSimple;
  std::string why = operation == "reasoning" ? "reasoning is at least moderate" : "";
  for (const auto& k : kModerate) {
    if (c < Complexity::kModerate && has_phrase(t, k)) c = Complexity::kModerate, why = "task says \"" + k + "\"";
  }
  for (const auto& k : kComplex) {
    if (c < Complexity::kComplex && has_phrase(t, k)) c = Complexity::kComplex, why = "task says \"" + k + "\"";
  }
  std::istringstream words(t);
  int n = 0;
  for (std::string w; words >> w;) ++n;
  if (c < Complexity::kModerate && n > 12) c = Complexity::kModerate, why = "long task (" + std::to_string(n) + " words)";
  if (operation == "grounding" && c < Complexity::kComplex && double(screen_width) * screen_height > 2560.0 * 1440.0) {
    c = Complexity::kComplex;
    why = "high-resolution screen " + std::to_string(screen_width) + "x" + std::to_string(screen_height);
  }
  reasons.push_back(std::string("complexity ") + complexity_name(c) + (why.empty() ? ": no difficulty cues" : ": " + why));
  return c;
}

std::optional<Sensitivity> task_sensitivity(const std::string& task, const std::vector<std::string>& keywords,
                                            std::vector<std::string>& reasons) {
  const std::string t = lower(task);
  for (const auto& k : keywords) {
    if (!k.empty() && has_phrase(t, lower(k))) {
      reasons.push_back("task mentions \"" + k + "\": confidential");
      return Sensitivity::kConfidential;
    }
  }
  return std::nullopt;
}

}  // namespace humain::routing
