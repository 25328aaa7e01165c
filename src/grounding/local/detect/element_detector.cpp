#include "grounding/local/detect/element_detector.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <opencv2/imgproc.hpp>

namespace humain::local {
namespace {

bool near_same(const cv::Rect& a, const cv::Rect& b) {
  return std::abs(a.x - b.x) <= 4 && std::abs(a.y - b.y) <= 4 && std::abs(a.br().x - b.br().x) <= 4 &&
         std::abs(a.br().y - b.br().y) <= 4;
}

constexpr int kMaxFrameHeight = 160;

// A stadium (semicircular ends) fills 1 - (1 - pi/4) h/w of its bounding box (a circle pi/4); a
// card with small corner radii fills nearly all of it.
constexpr double kOutlineFillTolerance = 0.025;

constexpr double kMinCircleCornerGap = 0.25;  // of the radius; an ideal circle's is 0.41, a 15 px one's 0.3

// A circle keeps clear of its bounding box's corners ((sqrt 2 - 1) r away); a rounded square's
// outline passes close to them (its fill alone is too near a circle's when it is 13 px across).
bool is_circle(const std::vector<cv::Point>& contour, const cv::Rect& r) {
  const double radius = (r.width + r.height) / 4.0;
  for (const cv::Point corner : {r.tl(), cv::Point(r.br().x - 1, r.y), cv::Point(r.x, r.br().y - 1), r.br() - cv::Point(1, 1)}) {
    for (const cv::Point& p : contour)
      if (std::hypot(p.x - corner.x, p.y - corner.y) < kMinCircleCornerGap * radius) return false;
  }
  return true;
}

std::optional<FrameOutline> outline_of(const std::vector<cv::Point>& contour, const cv::Rect& r) {
  const double fill = cv::contourArea(contour) / r.area();
  const double aspect = static_cast<double>(r.width) / r.height;
  if (aspect > 0.9 && aspect < 1.1 && std::abs(fill - CV_PI / 4) < 2 * kOutlineFillTolerance && is_circle(contour, r))
    return FrameOutline::kCircle;
  if (fill < 0.85) return std::nullopt;
  const double stadium_fill = 1.0 - (1.0 - CV_PI / 4) / aspect;
  if (aspect >= 1 && std::abs(fill - stadium_fill) < kOutlineFillTolerance) return FrameOutline::kPill;
  return FrameOutline::kBox;
}

constexpr int kMinTrackLength = 80;
constexpr int kMinTrackThickness = 3;   // thinner is a rule or a border
constexpr int kMaxTrackThickness = 14;
constexpr int kContrast = 25;           // grey levels between the track and its background
constexpr int kMaxThumbReach = 24;      // px above/below the track's centre a thumb may reach
constexpr int kMinThumbOverhang = 4;   // px the thumb reaches beyond the track, both sides together
constexpr double kMaxThumbShare = 0.3;  // of the track's columns
constexpr int kTrackReach = kMaxTrackThickness + 1;  // rows to the background above and below

// Mean absolute difference of two equally long rows of `gray` over [x0, x1).
double row_difference(const cv::Mat& gray, int ya, int yb, int x0, int x1) {
  double sum = 0;
  for (int x = x0; x < x1; ++x) sum += std::abs(gray.at<uchar>(ya, x) - gray.at<uchar>(yb, x));
  return sum / std::max(1, x1 - x0);
}

// The track's box grown to the thumb: the farthest rows, within reach of the track's centre, that
// still differ from the background (the rows kTrackReach above and below) in some column. Empty
// when nothing stands out, or when too many columns do (a chip with text, not one round thumb).
cv::Rect with_thumb(const cv::Mat& gray, const cv::Rect& track) {
  const int cy = track.y + track.height / 2;
  const int above = std::max(0, cy - kTrackReach), below = std::min(gray.rows - 1, cy + kTrackReach);
  int top = track.y, bottom = track.br().y, thumb_columns = 0;
  for (int x = track.x; x < track.br().x; ++x) {
    const auto stands_out = [&](int y) {
      const int v = gray.at<uchar>(y, x);
      return std::abs(v - gray.at<uchar>(above, x)) > kContrast && std::abs(v - gray.at<uchar>(below, x)) > kContrast;
    };
    int y0 = cy, y1 = cy;
    while (y0 > std::max(0, cy - kMaxThumbReach) && stands_out(y0 - 1)) --y0;
    while (y1 < std::min(gray.rows - 1, cy + kMaxThumbReach) && stands_out(y1 + 1)) ++y1;
    if (y0 > track.y - kMinThumbOverhang / 2 && y1 < track.br().y + kMinThumbOverhang / 2) continue;
    ++thumb_columns;
    top = std::min(top, y0);
    bottom = std::max(bottom, y1 + 1);
  }
  if (thumb_columns == 0 || thumb_columns > kMaxThumbShare * track.width) return {};
  return {track.x, top, track.width, bottom - top};
}

std::vector<cv::Rect> sliders_at_this_scale(const cv::Mat& gray, const std::vector<cv::Rect>& text_lines) {
  // A thin bar differs from the pixels a little above AND a little below it (an edge of a panel
  // or button differs from one side only); long horizontal runs of that survive an opening by a
  // wide kernel, while text and icons do not.
  if (gray.rows <= 2 * kTrackReach) return {};
  const cv::Rect mid(0, kTrackReach, gray.cols, gray.rows - 2 * kTrackReach);
  cv::Mat up, down, diff = cv::Mat::zeros(gray.size(), CV_8U), mask;
  cv::absdiff(gray(mid), gray(mid - cv::Point(0, kTrackReach)), up);
  cv::absdiff(gray(mid), gray(mid + cv::Point(0, kTrackReach)), down);
  cv::Mat both = diff(mid);
  cv::min(up, down, both);
  cv::threshold(diff, mask, kContrast, 255, cv::THRESH_BINARY);
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(41, 1)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> sliders;
  for (int i = 1; i < n; ++i) {
    const cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (r.width < kMinTrackLength || r.height < kMinTrackThickness || r.height > kMaxTrackThickness) continue;
    const int ya = r.y - 4, yb = r.br().y + 3;
    if (ya < 0 || yb >= gray.rows) continue;
    // One background on both sides (not the edge of a filled button or panel), and the bar unlike it.
    if (row_difference(gray, ya, yb, r.x, r.br().x) > 12) continue;
    if (row_difference(gray, ya, r.y + r.height / 2, r.x, r.br().x) < kContrast) continue;
    // A slider has a thumb standing out of its track and no text on it; a progress bar has no
    // thumb, an event chip or a highlighted line has text.
    const cv::Rect box = with_thumb(gray, r);
    if (box.empty()) continue;
    // (The thumb may pass for a one-glyph line and the whole slider for a line of its own.)
    const auto text_on = [&](const cv::Rect& t) {
      return t.width > 1.5 * box.height && t.width < 0.8 * box.width && (t & box).area() > 0;
    };
    if (std::any_of(text_lines.begin(), text_lines.end(), text_on)) continue;
    sliders.push_back(box);
  }
  // The thumb may cut a track in two (the filled and the empty part): join pieces of one row.
  std::sort(sliders.begin(), sliders.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  std::vector<cv::Rect> joined;
  for (const auto& s : sliders) {
    auto piece = std::find_if(joined.begin(), joined.end(), [&](const cv::Rect& j) {
      const int overlap = std::min(j.br().y, s.br().y) - std::max(j.y, s.y);
      return overlap >= 0.5 * std::min(j.height, s.height) && s.x - j.br().x <= 2 * std::max(j.height, s.height);
    });
    if (piece != joined.end()) *piece |= s;
    else joined.push_back(s);
  }
  return joined;
}

// Text at least this tall (median line, px) means a HiDPI or phone screen: controls are 2-3x too.
constexpr int kHiDpiTextHeight = 24;

}  // namespace

std::vector<cv::Rect> detect_sliders(const cv::Mat& gray, const std::vector<cv::Rect>& text_lines) {
  std::vector<cv::Rect> sliders = sliders_at_this_scale(gray, text_lines);
  std::vector<int> heights;
  for (const cv::Rect& t : text_lines) heights.push_back(t.height);
  if (heights.empty()) return sliders;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  if (heights[heights.size() / 2] < kHiDpiTextHeight) return sliders;
  // Tracks and thumbs of a 2-3x screen are too thick for the 1x measures: look again at half size.
  cv::Mat half;
  cv::resize(gray, half, {}, 0.5, 0.5, cv::INTER_AREA);
  std::vector<cv::Rect> half_lines;
  for (const cv::Rect& t : text_lines) half_lines.push_back({t.x / 2, t.y / 2, t.width / 2, t.height / 2});
  for (const cv::Rect& h : sliders_at_this_scale(half, half_lines)) {
    const cv::Rect full(2 * h.x, 2 * h.y, 2 * h.width, 2 * h.height);
    const bool known = std::any_of(sliders.begin(), sliders.end(), [&](const cv::Rect& s) { return (s & full).area() > 0; });
    if (!known) sliders.push_back(full);
  }
  return sliders;
}

std::vector<Frame> detect_frames(const cv::Mat& edges, const cv::Mat& gray) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(edges, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
  std::vector<Frame> frames;
  for (const auto& c : contours) {
    const cv::Rect r = cv::boundingRect(c);
    // Phone screens at 3x have 170 px search bars; taller boxes are panels and cards.
    if (r.height < 10 || r.width < 10 || r.height > std::max(kMaxFrameHeight, gray.rows / 12) || r.width > 1200) continue;
    if (r.width < r.height / 2) continue;
    // Rectangular (rounded corners allowed) or round: the contour encloses most of its bounding box.
    const std::optional<FrameOutline> outline = outline_of(c, r);
    if (!outline) continue;
    frames.push_back({r, 0, *outline});
  }
  std::sort(frames.begin(), frames.end(), [](const Frame& a, const Frame& b) { return a.rect.area() < b.rect.area(); });
  std::vector<Frame> unique;
  for (const auto& f : frames) {
    bool dup = false;
    for (auto& u : unique) {
      if (near_same(u.rect, f.rect)) {
        u.rect |= f.rect;  // keep the outer edge, and its shape (an inner edge is rounder)
        u.outline = f.outline;
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
    // Pill-shaped search bars are roomier (4x the text on phones) than any card a line sits in.
    const double max_to_text = f.outline == FrameOutline::kPill ? 4.6 : 3.5;
    if (r.height > std::max(max_to_text * inner.height, inner.height + 36.0)) continue;
    if (r.width > inner.width + 900) continue;
    return &f;
  }
  return nullptr;
}

}  // namespace humain::local
