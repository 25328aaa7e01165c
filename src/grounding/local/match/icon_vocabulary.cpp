#include "grounding/local/match/icon_vocabulary.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "grounding/local/match/fuzzy.h"

namespace humain::local {
namespace {

constexpr double kNameWeight = 1.0;
constexpr double kPartOfNameWeight = 0.8;  // "up" of "arrow-up": also "up" the chevron
constexpr double kSynonymWeight = 0.8;

}  // namespace

void IconVocabulary::add(const std::string& word, const std::string& concept_name, double weight) {
  auto& hits = by_word_[word];
  for (auto& h : hits) {
    if (h.name == concept_name) {
      h.weight = std::max(h.weight, weight);
      return;
    }
  }
  hits.push_back({concept_name, weight});
}

Result<IconVocabulary> IconVocabulary::parse(std::string_view tsv) {
  IconVocabulary v;
  std::istringstream in{std::string(tsv)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    const std::string concept_name = line.substr(0, tab);
    const std::vector<std::string> name_words = tokenize(concept_name);
    if (name_words.empty() || concept_name.find(' ') != std::string::npos) {
      return Error::parse("icon vocabulary line " + std::to_string(number) + ": bad concept name '" + concept_name + "'");
    }
    ++v.concept_count_;
    const double name_weight = name_words.size() == 1 ? kNameWeight : kPartOfNameWeight;
    for (const auto& w : name_words) v.add(w, concept_name, name_weight);
    if (tab == std::string::npos) continue;
    for (const auto& w : tokenize(line.substr(tab + 1))) v.add(w, concept_name, kSynonymWeight);
  }
  if (v.concept_count_ == 0) return Error::parse("icon vocabulary has no concepts");
  for (auto& [word, hits] : v.by_word_) {
    std::stable_sort(hits.begin(), hits.end(), [](const ConceptHit& a, const ConceptHit& b) { return a.weight > b.weight; });
  }
  return v;
}

Result<IconVocabulary> IconVocabulary::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error::io("cannot read icon vocabulary " + path);
  std::ostringstream text;
  text << f.rdbuf();
  auto v = parse(text.str());
  if (!v.ok()) return Error::parse(path + ": " + v.error().message);
  return v;
}

std::vector<ConceptHit> IconVocabulary::concepts_of(const std::string& word) const {
  if (auto it = by_word_.find(word); it != by_word_.end()) return it->second;
  if (word.size() > 3 && word.back() == 's') {  // "menus", "layers"
    if (auto it = by_word_.find(word.substr(0, word.size() - 1)); it != by_word_.end()) return it->second;
  }
  return {};
}

double concept_affinity(std::string_view wanted, std::string_view guess) {
  if (wanted == guess) return 1.0;
  const auto variant_of = [](std::string_view base, std::string_view v) {
    return v.size() > base.size() && v.substr(0, base.size()) == base && v[base.size()] == '-';
  };
  return variant_of(wanted, guess) || variant_of(guess, wanted) ? 0.6 : 0.0;
}

}  // namespace humain::local
