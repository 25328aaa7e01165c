#include "grounding/local/detect/icon_net.h"

#include <fstream>

#include "core/data_files.h"

namespace humain::local {
namespace {

constexpr int kGlyph = 32;  // the normalised glyph's side (icon_classifier.cpp kCell)

}  // namespace

Result<std::shared_ptr<const IconNet>> IconNet::load(const std::string& onnx_path, const std::string& labels_path) {
  std::ifstream labels_in(labels_path);
  if (!labels_in) return Error::not_found("icon network labels " + labels_path + ": cannot open");
  std::shared_ptr<IconNet> net(new IconNet());
  for (std::string line; std::getline(labels_in, line);)
    if (!line.empty()) net->labels_.push_back(line);
  if (net->labels_.empty()) return Error::invalid("icon network labels " + labels_path + ": no labels");

  if (!std::ifstream(onnx_path)) return Error::not_found("icon network " + onnx_path + ": cannot open");
  try {
    net->net_ = cv::dnn::readNetFromONNX(onnx_path);
  } catch (const cv::Exception& e) {
    return Error::invalid("icon network " + onnx_path + ": not a model OpenCV DNN can read (" + e.msg + ")");
  }
  if (net->net_.empty()) return Error::invalid("icon network " + onnx_path + ": empty model");
  net->net_.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  net->net_.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  // One trial forward: a model of the wrong shape fails here, naming the file, not on a screen.
  cv::Mat out;
  try {
    out = net->probabilities({cv::Mat::zeros(kGlyph, kGlyph, CV_32F)});
  } catch (const cv::Exception& e) {
    return Error::invalid("icon network " + onnx_path + ": forward pass failed (" + e.msg + ")");
  }
  if (out.rows != 1 || out.cols != static_cast<int>(net->labels_.size()))
    return Error::invalid("icon network " + onnx_path + ": " + std::to_string(out.total()) + " outputs for " +
                          std::to_string(net->labels_.size()) + " labels in " + labels_path);
  return std::shared_ptr<const IconNet>(std::move(net));
}

Result<std::shared_ptr<const IconNet>> IconNet::load_default() {
  auto onnx = find_data_file("models/icon_net.onnx");
  if (!onnx.ok()) return onnx.error();
  auto labels = find_data_file("models/icon_net.labels");
  if (!labels.ok()) return labels.error();
  return load(*onnx, *labels);
}

cv::Mat IconNet::probabilities(const std::vector<cv::Mat>& glyphs) const {
  if (glyphs.empty()) return cv::Mat(0, static_cast<int>(labels_.size()), CV_32F);
  const int dims[] = {static_cast<int>(glyphs.size()), 1, kGlyph, kGlyph};
  cv::Mat blob(4, dims, CV_32F);
  for (size_t i = 0; i < glyphs.size(); ++i) {
    CV_Assert(glyphs[i].type() == CV_32F && glyphs[i].rows == kGlyph && glyphs[i].cols == kGlyph);
    cv::Mat plane(kGlyph, kGlyph, CV_32F, blob.ptr<float>(static_cast<int>(i)));
    glyphs[i].copyTo(plane);
  }
  std::lock_guard<std::mutex> lock(mu_);
  net_.setInput(blob);
  cv::Mat out = net_.forward();
  return out.reshape(1, static_cast<int>(glyphs.size())).clone();
}

}  // namespace humain::local
