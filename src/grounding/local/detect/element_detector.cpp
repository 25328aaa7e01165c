#include "grounding/local/detect/element_detector.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace humain::local {
namespace {

bool near_same(const cv::Rect& a, const cv::Rect& b) {
  return std::abs(a.x - b.x) <= 4 && std::abs(a.y - b.y) <= 4 && std::abs(a.br().x - b.br().x) <= 4 &&
         std::abs(a.br().y - b.br().y) <= 4;
}

}  // namespace

std::vector<Frame> detect_frames(const cv::Mat& edges, const cv::Mat& gray) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(edges, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
  std::vector<Frame> frames;
  for (const auto& c : contours) {
    const cv::Rect r = cv::boundingRect(c);
    if (r.height < 10 || r.width < 10 || r.height > 160 || r.width > 1200) continue;
    if (r.width < r.height / 2) continue;
    // Rectangular: the contour encloses most of its bounding box (rounded corners allowed).
    const double area = cv::contourArea(c);
    if (area < 0.85 * r.area()) continue;
    frames.push_back({r, 0});
  }
  std::sort(frames.begin(), frames.end(), [](const Frame& a, const Frame& b) { return a.rect.area() < b.rect.area(); });
  std::vector<Frame> unique;
  for (const auto& f : frames) {
    bool dup = false;
    for (auto& u : unique) {
      if (near_same(u.rect, f.rect)) {
        u.rect |= f.rect;  // keep the outer edge
        dup = true;
        break;
      }
    }
    if (!dup) unique.push_back(f);
  }
  for (auto& f : unique) {
    cv::Rect inner(f.rect.x + 3, f.rect.y + 3, std::max(1, f.rect.width - 6), std::max(1, f.rect.height - 6));
    f.mean_inside = cv::mean(gray(inner & cv::Rect(0, 0, gray.cols, gray.rows)))[0];
  }
  return unique;
}

const Frame* enclosing_frame(const std::vector<Frame>& frames, const cv::Rect& inner) {
  for (const auto& f : frames) {  // smallest first
    const cv::Rect& r = f.rect;
    if (r.x > inner.x || r.y > inner.y || r.br().x < inner.br().x || r.br().y < inner.br().y) continue;
    if (r.area() <= inner.area() * 1.05) continue;  // the text's own outline
    // A control is at most a few text lines tall; wider boxes are fields holding short text.
    if (r.height > std::max(3.5 * inner.height, inner.height + 36.0)) continue;
    if (r.width > inner.width + 900) continue;
    return &f;
  }
  return nullptr;
}

}  // namespace humain::local
