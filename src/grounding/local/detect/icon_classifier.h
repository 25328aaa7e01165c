// Names what an icon means by comparing its glyph with a bank of icons rendered from real icon
// sets (data/icons/bank.png + bank.tsv, made by tools/iconbank). Both the bank and the screen crop
// go through the same normalisation (ink against the background, either polarity; tight box; square;
// 32x32), so size, colour, padding and light-on-dark do not matter; blurred ink plus edge
// orientations make stroke width and anti-aliasing matter little. With the learned network
// (icon_net.h) its probabilities are mixed into the template similarities.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "humain/local_engine.h"
#include "grounding/local/detect/icon_net.h"
#include "humain/result.h"

namespace humain::local {

class IconClassifier {
 public:
  // Loads the bank. Errors (not found / invalid) name the file and what is wrong with it. Without
  // `net` the guesses are the template similarities alone.
  static Result<IconClassifier> load(const std::string& atlas_png, const std::string& index_tsv,
                                     std::shared_ptr<const IconNet> net = nullptr);

  // Finds data/icons/bank.{png,tsv} and data/models/icon_net.{onnx,labels} like the engine's other
  // data files (see data_files.h).
  static Result<IconClassifier> load_default();

  // `crop` is a CV_8U grey (or BGR) image of one icon with a little background around it (>= 2 px,
  // used to tell ink from background). Returns up to `max_guesses` concepts, best first; empty when
  // the crop holds no glyph (flat, too small).
  std::vector<IconGuess> classify(const cv::Mat& crop, int max_guesses = 5) const;

  // classify() of each crop, with one pass of the network for all of them (a screen's candidates).
  std::vector<std::vector<IconGuess>> classify_all(const std::vector<cv::Mat>& crops, int max_guesses = 5) const;

  // The crop's glyph as both the templates and the network see it: ink against the background,
  // frames dropped, tight, centred on a square, 32x32 CV_32F in 0..1. Nothing when flat or tiny.
  static std::optional<cv::Mat> glyph_of(const cv::Mat& grey_crop);

  std::size_t bank_size() const { return static_cast<std::size_t>(features_.rows); }
  bool has_net() const { return net_ != nullptr; }

 private:
  IconClassifier() = default;

  // Best similarity of each concept's bank icons to one feature vector.
  std::vector<double> concept_scores(const cv::Mat& feature) const;
  // The template similarities re-weighted by the network's probabilities (one row of its output).
  void mix_net(std::vector<double>& scores, const float* probabilities) const;

  cv::Mat features_;                  // one row per bank icon, CV_32F, unit length
  std::vector<int> concept_of_row_;   // index into concepts_
  std::vector<std::string> concepts_;
  std::shared_ptr<const IconNet> net_;  // may be null
  std::vector<int> concept_of_class_;   // the network's class -> index into concepts_, -1 for not-icon
};

}  // namespace humain::local
