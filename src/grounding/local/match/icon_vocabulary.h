// The words people use for icon meanings (data/icons/concepts.tsv): "wishlist" names the heart,
// "trash" the delete icon. Concept names are the names the icon classifier puts in icon_guesses.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "humain/result.h"

namespace humain::local {

// One icon concept an instruction word names, and how surely: 1 for the concept's own name,
// less for a synonym or one part of a compound name ("up" in "arrow-up").
struct ConceptHit {
  std::string name;
  double weight = 0;
};

class IconVocabulary {
 public:
  // Reads "concept<TAB>synonym synonym ..." lines; '#' starts a comment line. Errors name the line.
  static Result<IconVocabulary> parse(std::string_view tsv);
  static Result<IconVocabulary> load(const std::string& path);

  // The concepts a normalised word names, best first; a plural falls back to its singular.
  std::vector<ConceptHit> concepts_of(const std::string& word) const;

  std::size_t size() const { return concept_count_; }

 private:
  void add(const std::string& word, const std::string& concept_name, double weight);

  std::unordered_map<std::string, std::vector<ConceptHit>> by_word_;
  std::size_t concept_count_ = 0;
};

// How well an icon guessed as `guess` answers a request for `wanted`: 1 when equal, 0.6 for the
// variants of one base concept ("eye" / "eye-off": a visibility toggle shows either), else 0.
double concept_affinity(std::string_view wanted, std::string_view guess);

}  // namespace humain::local
