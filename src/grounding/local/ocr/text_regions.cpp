#include "grounding/local/ocr/text_regions.h"

#include <algorithm>
#include <numeric>

#include <opencv2/imgproc.hpp>

namespace humain::local {
namespace {

// A glyph-sized connected component: a letter, a word whose letters touch, or a small icon.
struct Glyph {
  cv::Rect rect;
  int pixels = 0;  // foreground pixels of the component
};

// Gradient strength that counts as an edge. Screen text is crisp: even grey placeholder text on
// white gives gradients above 60; 32 also keeps low-contrast disabled labels.
constexpr int kEdgeThreshold = 32;
// Field borders are often light grey on white (#d1d5db: a gradient of ~40, less after anti-aliasing).
constexpr int kFaintEdgeThreshold = 10;
constexpr int kMinGlyphHeight = 4;
constexpr int kMaxGlyphHeight = 64;

// A frame (field or button border, check box) is hollow: almost none of its edge pixels lie
// inside its box shrunk by a few pixels. Letters are never that hollow at these sizes.
bool is_hollow(const cv::Mat& labels, int label, const cv::Rect& r, int pixels) {
  constexpr int kBand = 5;
  if (r.width <= 2 * kBand + 2 || r.height <= 2 * kBand + 2) return false;
  const cv::Rect inner(r.x + kBand, r.y + kBand, r.width - 2 * kBand, r.height - 2 * kBand);
  int inside = 0;
  for (int y = inner.y; y < inner.y + inner.height; ++y) {
    const int* row = labels.ptr<int>(y);
    for (int x = inner.x; x < inner.x + inner.width; ++x) inside += row[x] == label;
  }
  return inside < 0.06 * pixels;
}

bool is_glyph(const cv::Rect& r, int pixels) {
  if (r.height < kMinGlyphHeight || r.height > kMaxGlyphHeight) return false;
  if (r.width > 1200) return false;
  const double density = static_cast<double>(pixels) / r.area();
  // Hollow rectangles (button and field borders) are long edges with an empty middle.
  if (r.width > 2 * r.height && r.height > 24 && density < 0.25) return false;
  if (r.width >= 24 && r.height >= 24 && density < 0.12) return false;
  // Vertical rules taller than any glyph of their width.
  if (r.width <= 3 && r.height > 28) return false;
  return true;
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  }
  void unite(int a, int b) { parent[find(a)] = find(b); }
};

// Whether two glyphs sit on one line close enough to be letters or words of the same label.
bool same_line(const cv::Rect& a, const cv::Rect& b) {
  const int hmax = std::max(a.height, b.height), hmin = std::min(a.height, b.height);
  const int overlap = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
  if (overlap < 0.5 * hmin) return false;
  // A small glyph (dot, comma, lower-case letter) may join a tall one when it lies within it.
  if (hmax > 2.2 * hmin) {
    const bool inside = b.y >= a.y - 2 && b.y + b.height <= a.y + a.height + 2;
    const bool inside2 = a.y >= b.y - 2 && a.y + a.height <= b.y + b.height + 2;
    if (!inside && !inside2) return false;
  }
  const int gap = std::max(a.x, b.x) - std::min(a.x + a.width, b.x + b.width);
  return gap <= 0.75 * hmax + 1;
}

// Splits a line where the space between glyphs is wider than a word space: menu bars, tab strips
// and toolbars are one line to the grouping above, but each label (or icon) is its own target.
// At UI sizes the parts are whole words (the gradient joins the letters of a word) and the gaps
// left are word spaces (2-4 px, the dilation eats ~2 px of each) or the space between items (menu
// items ~9 px, toolbar icons ~12 px at 13-16 px glyphs). Big text (phones at 3x) keeps its word
// spaces (~0.45 of the cap height). So the widest gap inside a label is ~0.5 of the glyph height
// at 13 px, growing to ~0.7 for big text. Measured on data/dev: +11 rows (+9 icons, which were
// hidden inside toolbar "text").
double max_gap_in_label(double glyph_height) { return std::max(6.0, 0.8 * glyph_height - 4.0); }

// An app or file icon just left of its label (window switcher titles, taskbar buttons, sidebar and
// list rows) sits closer than a word space, so it stays in the label's line and Tesseract reads the
// whole line as noise. It stands out by shape: a square glyph clearly taller than every part of
// the text after it. At UI sizes the letters of a word touch after the gradient, so the parts are
// words, as tall as their ascenders, and an icon is >= 1.3x them; where the letters stand apart
// (big text, phones at 3x) a capital before lower-case letters is ~1.4x them ("Gas"), so there
// the icon must be >= 1.6x.
bool leading_icon_of(const std::vector<cv::Rect>& parts_by_x) {
  if (parts_by_x.size() < 2) return false;
  const cv::Rect& icon = parts_by_x.front();
  const double aspect = static_cast<double>(icon.width) / icon.height;
  if (icon.height < 12 || aspect < 0.7 || aspect > 1.4) return false;
  std::vector<int> heights, widths;
  int tallest = 0;
  for (size_t k = 1; k < parts_by_x.size(); ++k) {
    const cv::Rect& p = parts_by_x[k];
    if ((p & icon) == p) continue;  // a stroke inside the icon's outline
    if (p.x < icon.br().x + 1) return false;
    heights.push_back(p.height);
    widths.push_back(p.width);
    tallest = std::max(tallest, p.height);
  }
  const auto lower_median = [](std::vector<int>& v) {
    std::nth_element(v.begin(), v.begin() + (v.size() - 1) / 2, v.end());
    return v[(v.size() - 1) / 2];
  };
  if (heights.empty()) return false;  // nothing but the icon
  const int height = lower_median(heights);
  const bool letters_apart = lower_median(widths) <= height;
  return icon.height >= (letters_apart ? 1.6 : 1.3) * height && icon.height >= 1.2 * tallest;
}

std::vector<TextRegion> split_at_wide_gaps(const TextRegion& line) {
  std::vector<cv::Rect> parts = line.parts;
  std::sort(parts.begin(), parts.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  // The lower median height: an icon beside a short label ("share" glyph + "Shared") must not
  // set the scale of the word spaces.
  std::vector<int> heights;
  for (const cv::Rect& p : parts) heights.push_back(p.height);
  std::nth_element(heights.begin(), heights.begin() + (heights.size() - 1) / 2, heights.end());
  const double max_gap = max_gap_in_label(heights[(heights.size() - 1) / 2]);
  std::vector<TextRegion> out;
  int right = -1;
  for (const cv::Rect& p : parts) {
    if (out.empty() || p.x - right > max_gap) {
      out.push_back({p, 0, line.glyph_height, {}});
      right = p.x + p.width;
    }
    TextRegion& seg = out.back();
    seg.rect |= p;
    seg.glyphs++;
    seg.parts.push_back(p);
    right = std::max(right, p.x + p.width);
  }
  std::vector<TextRegion> split;
  for (TextRegion& seg : out) {
    if (!leading_icon_of(seg.parts)) {
      split.push_back(std::move(seg));
      continue;
    }
    const cv::Rect outline = seg.parts.front();
    TextRegion icon{outline, 0, static_cast<double>(outline.height), {}}, label{{}, 0, seg.glyph_height, {}};
    for (const cv::Rect& p : seg.parts) {
      TextRegion& to = (p & outline) == p ? icon : label;
      to.rect = to.parts.empty() ? p : (to.rect | p);
      to.parts.push_back(p);
    }
    icon.glyphs = static_cast<int>(icon.parts.size());
    label.glyphs = static_cast<int>(label.parts.size());
    split.push_back(std::move(icon));
    split.push_back(std::move(label));
  }
  return split;
}

// Icons drawn with bars alone never reach glyph height: the hamburger (three stacked bars) and
// the window's minimise bar. Short bars stacked at one x become one item; a lone short bar
// becomes an item of its own. Both are padded to an icon's proportions, so the icon stage
// treats them like any other glyph (the classifier crops the ink tight again).
// Only bars thinner than a glyph: at 2-3x bars are glyph-tall, and taking flat glyphs as bars
// (lone or stacked) cost more dev rows (dashes, rules, text) than the HiDPI hamburgers it found.
void add_bar_icons(std::vector<TextRegion>& items) {
  auto is_bar = [](const TextRegion& r) { return r.rect.height < 6 && r.rect.width >= 8 && r.rect.width <= 40; };
  std::vector<cv::Rect> bars;
  for (const auto& r : items) {
    if (is_bar(r)) bars.push_back(r.rect);
  }
  std::sort(bars.begin(), bars.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  std::vector<bool> used(bars.size(), false);
  for (size_t i = 0; i < bars.size(); ++i) {
    if (used[i]) continue;
    cv::Rect icon = bars[i];
    int count = 1, bottom = bars[i].y + bars[i].height;
    for (size_t j = i + 1; j < bars.size(); ++j) {
      const cv::Rect& b = bars[j];
      if (b.y - bottom > 0.6 * bars[i].width) break;
      const bool aligned = std::abs(b.x - bars[i].x) <= 3 && std::abs(b.width - bars[i].width) <= 4;
      if (!aligned || used[j]) continue;
      used[j] = true;
      icon |= b;
      bottom = b.y + b.height;
      ++count;
    }
    if (count == 2 || count > 4) continue;  // two bars: an "=" or a table rule pair; more: a grid
    // Pad to at least 2/3 of the width in height, centred on the ink.
    const int h = std::max(icon.height, (2 * icon.width) / 3);
    const cv::Rect padded(icon.x, icon.y + icon.height / 2 - h / 2, icon.width, h);
    items.push_back({padded, count, static_cast<double>(h), {padded}});
  }
}

// Glyph components of a binary edge map grouped into lines, then split into items.
std::vector<TextRegion> find_lines(const cv::Mat& edges) {
  cv::Mat labels, stats, centroids;
  std::vector<Glyph> g;
  const int n = cv::connectedComponentsWithStats(edges, labels, stats, centroids, 8, CV_32S);
  for (int i = 1; i < n; ++i) {
    cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
               stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const int pixels = stats.at<int>(i, cv::CC_STAT_AREA);
    if (!is_glyph(r, pixels)) continue;
    const bool frame_sized = (r.width >= 28 && r.height >= 12) || (r.height >= 28 && r.width >= 12);
    if (frame_sized && is_hollow(labels, i, r, pixels)) continue;
    g.push_back({r, pixels});
  }

  // Group glyphs into lines: sort by x and join each glyph with the later ones within reach.
  std::sort(g.begin(), g.end(), [](const Glyph& a, const Glyph& b) { return a.rect.x < b.rect.x; });
  UnionFind uf(static_cast<int>(g.size()));
  for (size_t i = 0; i < g.size(); ++i) {
    const int reach = g[i].rect.x + g[i].rect.width + kMaxGlyphHeight;
    for (size_t j = i + 1; j < g.size() && g[j].rect.x <= reach; ++j) {
      if (same_line(g[i].rect, g[j].rect)) uf.unite(static_cast<int>(i), static_cast<int>(j));
    }
  }
  std::vector<TextRegion> lines;
  std::vector<int> region_of(g.size(), -1);
  std::vector<std::vector<int>> heights;
  for (size_t i = 0; i < g.size(); ++i) {
    const int root = uf.find(static_cast<int>(i));
    if (region_of[root] < 0) {
      region_of[root] = static_cast<int>(lines.size());
      lines.push_back({g[i].rect, 0, 0, {}});
      heights.emplace_back();
    }
    TextRegion& region = lines[region_of[root]];
    region.rect |= g[i].rect;
    region.glyphs++;
    region.parts.push_back(g[i].rect);
    heights[region_of[root]].push_back(g[i].rect.height);
  }
  for (size_t k = 0; k < lines.size(); ++k) {
    auto& h = heights[k];
    std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
    lines[k].glyph_height = h[h.size() / 2];
  }
  std::vector<TextRegion> items;
  for (const auto& line : lines) {
    for (auto& item : split_at_wide_gaps(line)) items.push_back(std::move(item));
  }
  add_bar_icons(items);
  // Drop slivers no glyph line could be.
  std::erase_if(items, [](const TextRegion& r) { return r.rect.height < 6 || r.rect.width < 5; });
  return items;
}

// Morphological gradient: strong on both polarities (dark-on-light and light-on-dark text).
cv::Mat gradient(const cv::Mat& gray) {
  cv::Mat grad;
  cv::morphologyEx(gray, grad, cv::MORPH_GRADIENT, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  return grad;
}

cv::Mat binary(const cv::Mat& grad, int threshold) {
  cv::Mat edges;
  cv::threshold(grad, edges, threshold, 255, cv::THRESH_BINARY);
  return edges;
}

// Text too tall for the glyph filter (phone screens at 3x: big digits, headings, large buttons)
// is found again on a half-size copy, where it has ordinary glyph sizes. Such a line replaces the
// pieces of it the full-size pass kept (the x-height letters of "Pay now" without "P" and "y").
void add_large_text(const cv::Mat& gray, std::vector<TextRegion>& regions) {
  if (gray.rows < 2 * kMaxGlyphHeight || gray.cols < 2 * kMaxGlyphHeight) return;
  cv::Mat half;
  cv::resize(gray, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  std::vector<TextRegion> large;
  for (TextRegion line : find_lines(binary(gradient(half), kEdgeThreshold))) {
    if (line.glyph_height < kMaxGlyphHeight / 2.0 * 0.75) continue;  // the full-size pass read these
    auto twice = [](const cv::Rect& r) { return cv::Rect(2 * r.x, 2 * r.y, 2 * r.width, 2 * r.height); };
    line.rect = twice(line.rect) & cv::Rect(0, 0, gray.cols, gray.rows);
    for (auto& p : line.parts) p = twice(p);
    line.glyph_height *= 2;
    large.push_back(std::move(line));
  }
  if (large.empty()) return;
  std::erase_if(regions, [&](const TextRegion& piece) {
    return std::any_of(large.begin(), large.end(), [&](const TextRegion& line) {
      return (line.rect & piece.rect).area() > 0.6 * piece.rect.area();
    });
  });
  for (auto& line : large) regions.push_back(std::move(line));
}

// Overlay captions: thin strokes brighter than everything within a few pixels (white top-hat)
// and near white. Pictures rarely have such strokes, and never many in a row at one height.
constexpr int kOverlayStrokeReach = 7;     // px: wider than a caption's strokes at 1-3x
constexpr int kOverlayMinContrast = 60;    // grey levels above the surroundings
constexpr int kOverlayMinBrightness = 190;
constexpr int kOverlayMinHeight = 8, kOverlayMaxHeight = 40;

}  // namespace

OverlayText detect_overlay_text(const cv::Mat& gray) {
  OverlayText out;
  if (gray.empty() || gray.type() != CV_8UC1) return out;
  cv::Mat tophat, strokes;
  cv::morphologyEx(gray, tophat, cv::MORPH_TOPHAT,
                   cv::getStructuringElement(cv::MORPH_RECT, {kOverlayStrokeReach, kOverlayStrokeReach}));
  cv::Mat bright = (tophat >= kOverlayMinContrast) & (gray >= kOverlayMinBrightness);
  // Dilation joins a letter's pieces as the gradient does for ordinary text: 3x3 joins them best,
  // 3x1 keeps a caption apart from the icon 1-2 px above it. Both are tried (the OCR picks).
  for (const cv::Size kernel : {cv::Size(3, 3), cv::Size(3, 1)}) {
    cv::dilate(bright, strokes, cv::getStructuringElement(cv::MORPH_RECT, kernel));
    for (TextRegion& line : find_lines(strokes)) {
      const bool caption_sized = line.rect.height >= kOverlayMinHeight && line.rect.height <= kOverlayMaxHeight;
      if (!caption_sized || line.glyphs < 2 || line.rect.width < 2.5 * line.rect.height) continue;  // a word or more
      const bool known = std::any_of(out.regions.begin(), out.regions.end(), [&](const TextRegion& r) {
        return (r.rect & line.rect).area() > 0.8 * std::max(r.rect.area(), line.rect.area());
      });
      if (!known) out.regions.push_back(std::move(line));
    }
  }
  // What rises above the surroundings, the picture under it flattened: light strokes on black,
  // which the OCR's line preparation turns dark on light.
  out.ink = tophat;
  return out;
}

TextRegionResult detect_text_regions(const cv::Mat& gray) {
  TextRegionResult out;
  const cv::Mat grad = gradient(gray);
  out.regions = find_lines(binary(grad, kEdgeThreshold));
  add_large_text(gray, out.regions);
  out.faint_edges = binary(grad, kFaintEdgeThreshold);
  return out;
}

}  // namespace humain::local
