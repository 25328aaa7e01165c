// Names what an icon means by comparing its glyph with a bank of icons rendered from real icon
// sets (data/icons/bank.png + bank.tsv, made by tools/iconbank). Both the bank and the screen crop
// go through the same normalisation (ink against the background, either polarity; tight box; square;
// 32x32), so size, colour, padding and light-on-dark do not matter; blurred ink plus edge
// orientations make stroke width and anti-aliasing matter little.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "humain/local_engine.h"
#include "humain/result.h"

namespace humain::local {

class IconClassifier {
 public:
  // Loads the bank. Errors (not found / invalid) name the file and what is wrong with it.
  static Result<IconClassifier> load(const std::string& atlas_png, const std::string& index_tsv);

  // Finds data/icons/bank.{png,tsv} like the engine's other data files (see data_files.h).
  static Result<IconClassifier> load_default();

  // `crop` is a CV_8U grey (or BGR) image of one icon with a little background around it (>= 2 px,
  // used to tell ink from background). Returns up to `max_guesses` concepts, best first; empty when
  // the crop holds no glyph (flat, too small).
  std::vector<IconGuess> classify(const cv::Mat& crop, int max_guesses = 5) const;

  std::size_t bank_size() const { return static_cast<std::size_t>(features_.rows); }

 private:
  IconClassifier() = default;

  // Best similarity of each concept's bank icons to one feature vector.
  std::vector<double> concept_scores(const cv::Mat& feature) const;

  cv::Mat features_;                  // one row per bank icon, CV_32F, unit length
  std::vector<int> concept_of_row_;   // index into concepts_
  std::vector<std::string> concepts_;
};

}  // namespace humain::local
