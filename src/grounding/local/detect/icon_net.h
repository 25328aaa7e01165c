// The learned icon classifier: a small CNN trained here from scratch on renders of the icon bank
// (tools/iconnet/train.py, model card docs/models/icon_net.md), run with OpenCV DNN. Its input is
// the glyph exactly as IconClassifier normalises it (32x32 float ink, tight, centred); its output
// is a probability per concept of data/icons/concepts.tsv plus "not-icon" (letters, digits, words).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "humain/result.h"

namespace humain::local {

class IconNet {
 public:
  // The label of the class that is text, not an icon.
  static constexpr const char* kNotIcon = "not-icon";

  // Loads `onnx_path` and its class names (`labels_path`, one per line). Errors name the file and
  // what is wrong (missing, not ONNX, output size not the number of labels).
  static Result<std::shared_ptr<const IconNet>> load(const std::string& onnx_path, const std::string& labels_path);

  // Finds data/models/icon_net.{onnx,labels} like the engine's other data files (data_files.h).
  static Result<std::shared_ptr<const IconNet>> load_default();

  // One row of class probabilities (CV_32F, labels().size() columns) per glyph (32x32 CV_32F,
  // ink 0..1), in one forward pass. Thread-safe.
  cv::Mat probabilities(const std::vector<cv::Mat>& glyphs) const;

  const std::vector<std::string>& labels() const { return labels_; }

 private:
  IconNet() = default;

  mutable std::mutex mu_;  // cv::dnn::Net::forward is neither const nor thread-safe
  mutable cv::dnn::Net net_;
  std::vector<std::string> labels_;
};

}  // namespace humain::local
