// A small icon vocabulary in the format of data/icons/concepts.tsv, shared by the matcher tests.
#pragma once

#include "grounding/local/match/icon_vocabulary.h"

namespace humain::local {

inline const IconVocabulary& test_vocabulary() {
  static const IconVocabulary v = IconVocabulary::parse(
                                      "# concept\tsynonyms\n"
                                      "close\tx cross dismiss exit\n"
                                      "search\tfind magnifier\n"
                                      "edit\tpencil modify\n"
                                      "delete\ttrash bin remove\n"
                                      "heart\tfavorite wishlist like\n"
                                      "save\tfloppy disk\n"
                                      "download\tsave export\n"
                                      "notifications\tbell alerts\n"
                                      "eye\tshow view visible\n"
                                      "eye-off\thide hidden\n"
                                      "lock\tpassword secure\n"
                                      "arrow-up\tup upward\n"
                                      "layers\tlayer stack\n")
                                      .value();
  return v;
}

}  // namespace humain::local
