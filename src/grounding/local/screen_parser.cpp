#include "grounding/local/screen_parser.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "grounding/local/detect/controls.h"
#include "grounding/local/detect/element_box.h"
#include "grounding/local/detect/element_detector.h"
#include "grounding/local/detect/window_controls.h"
#include "grounding/local/match/fuzzy.h"
#include "grounding/local/ocr/text_regions.h"
#include "core/screenshot_pixels.h"

namespace humain::local {
namespace {

Box to_box(const cv::Rect& r) { return {double(r.x), double(r.y), double(r.x + r.width), double(r.y + r.height)}; }

// Letters and digits, in bytes: a Chinese character (3 bytes in UTF-8) counts as much as a short word.
int alnum_count(const std::string& s) {
  const std::string n = normalize_text(s);
  return static_cast<int>(std::count_if(n.begin(), n.end(), [](char c) { return c != ' '; }));
}

// OCR output that is really text, not an icon read as "oO" or "[-]".
bool looks_like_text(const OcrLine& line) {
  const std::string t = line.text();
  const int letters = alnum_count(t);
  if (letters == 0) return false;
  if (letters <= 2) return line.confidence >= 0.75;
  return line.confidence >= 0.35;
}

bool icon_sized(const cv::Rect& r) {
  const double aspect = static_cast<double>(r.width) / r.height;
  // Up to 120 px: phone icons at 3x (backspace, map pin, app tiles) are 70-110 px.
  return r.width >= 6 && r.height >= 6 && r.width <= 120 && r.height <= 120 && aspect > 0.4 && aspect < 2.5;
}

// Glyphs of a region merged where they overlap or nearly touch: each cluster is one icon.
std::vector<cv::Rect> icon_clusters(const TextRegion& region) {
  std::vector<cv::Rect> clusters;
  for (const cv::Rect& part : region.parts) {
    // The reach grows with the glyph: at 2x an icon's strokes (the two arrows of "refresh") are
    // further apart than a 1x icon's.
    const int reach = std::max(2, static_cast<int>(0.12 * std::max(part.width, part.height)));
    cv::Rect grown = part - cv::Point(reach, reach) + cv::Size(2 * reach, 2 * reach);
    bool merged = false;
    for (auto& c : clusters) {
      if ((c & grown).area() > 0) {
        c |= part;
        merged = true;
        break;
      }
    }
    if (!merged) clusters.push_back(part);
  }
  return clusters;
}

// Overlay captions read with less confidence than this, or shorter than 3 letters (bytes: one CJK
// character), are texture or an icon's strokes ("oo" for a QR code), not text.
constexpr double kMinOverlayConfidence = 0.6;

bool overlaps(const cv::Rect& a, const cv::Rect& b, double share_of_b) { return (a & b).area() > share_of_b * b.area(); }

// Light captions over pictures (detect_overlay_text) that the gradient lines missed: read from
// their strokes alone; where one reads as text, it replaces what the gradient made of that place
// (texture and letters joined into noise). Lines already read as text are left alone, so ordinary
// screens only pay for the morphology and the few overlay lines that fall outside their text.
std::vector<cv::Rect> add_overlay_captions(const cv::Mat& gray, OcrPool& ocr, TextRegionResult& text, std::vector<OcrLine>& lines) {
  std::vector<cv::Rect> added;
  OverlayText overlay = detect_overlay_text(gray);
  std::vector<TextRegion> fresh;
  for (TextRegion& r : overlay.regions) {
    bool read = false;
    for (size_t i = 0; i < lines.size() && !read; ++i) read = looks_like_text(lines[i]) && overlaps(lines[i].rect, r.rect, 0.3);
    if (!read) fresh.push_back(std::move(r));
  }
  if (fresh.empty()) return added;
  const std::vector<OcrLine> captions = ocr.read_lines(overlay.ink, fresh, true);
  const size_t before = lines.size();
  std::vector<bool> replaced(before, false);
  const auto readable = [&](const OcrLine& c) {
    return looks_like_text(c) && c.confidence >= kMinOverlayConfidence && alnum_count(c.text()) >= 3;
  };
  for (size_t k = 0; k < captions.size(); ++k) {
    const OcrLine& c = captions[k];
    if (!readable(c)) continue;
    // The two dilations may find one caption twice: the better reading stays.
    const bool better_elsewhere = std::any_of(captions.begin(), captions.end(), [&](const OcrLine& o) {
      return &o != &c && readable(o) && (o.rect & c.rect).area() > 0.3 * std::min(o.rect.area(), c.rect.area()) &&
             (o.confidence > c.confidence || (o.confidence == c.confidence && &o < &c));
    });
    if (better_elsewhere) continue;
    for (size_t i = 0; i < before; ++i) replaced[i] = replaced[i] || (!looks_like_text(lines[i]) && overlaps(c.rect, lines[i].rect, 0.3));
    added.push_back(c.rect);
    text.regions.push_back(std::move(fresh[k]));
    lines.push_back(c);
  }
  if (added.empty()) return added;
  for (size_t i = replaced.size(); i-- > 0;) {
    if (!replaced[i]) continue;
    text.regions.erase(text.regions.begin() + static_cast<std::ptrdiff_t>(i));
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return added;
}

// A caption over a picture (desktop, home screen) names the icon above it, which the detectors do
// not find on a busy wallpaper. Icons there are 4-5 caption line heights square, just above: the
// element is that square with the caption when the square holds content (edges) at all. Pieces
// of the icon read as a letter or two there are no labels of their own.
void box_icons_above_overlay_captions(const cv::Mat& gray, const std::vector<cv::Rect>& captions,
                                      std::vector<ScreenElement>& elements) {
  constexpr double kIconLines = 4.5, kGapLines = 0.3, kMinEdgeShare = 0.1;
  std::vector<Box> icons;
  for (auto& e : elements) {
    if (e.role != ElementRole::kText || !(e.box == e.text_box) || e.words.size() > 4) continue;
    const Box& t = e.text_box;
    const auto top_line = std::find_if(captions.begin(), captions.end(), [&](const cv::Rect& c) {
      return std::abs(c.y - t.y1) <= 1 && c.x >= t.x1 - 1 && c.br().x <= t.x2 + 1;
    });
    if (top_line == captions.end()) continue;
    const double h = top_line->height, side = kIconLines * h;
    const cv::Rect square(static_cast<int>(t.center().x - side / 2), static_cast<int>(t.y1 - kGapLines * h - side),
                          static_cast<int>(side), static_cast<int>(side));
    if ((square & cv::Rect(0, 0, gray.cols, gray.rows)) != square) continue;
    cv::Mat grad;
    cv::morphologyEx(gray(square), grad, cv::MORPH_GRADIENT, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
    if (cv::countNonZero(grad >= 32) < kMinEdgeShare * square.area()) continue;
    e.box = union_box(t, to_box(square));
    icons.push_back(to_box(square));
  }
  std::erase_if(elements, [&](const ScreenElement& o) {
    const Box& b = o.text_box;
    return !o.text.empty() && alnum_count(o.text) <= 3 && std::any_of(icons.begin(), icons.end(), [&](const Box& i) {
      return b.x1 >= i.x1 && b.y1 >= i.y1 && b.x2 <= i.x2 && b.y2 <= i.y2;
    });
  });
}

// Classifier scores from which a glyph read as text is also offered as an icon: lower for a glyph
// alone on its line (a lone "A" is more often a person icon than a word), higher for a glyph
// among letters (a "G" in a word also resembles some icon).
constexpr double kLoneGlyphIconScore = 0.65;
constexpr double kInlineGlyphIconScore = 0.8;

// A glyph of a text line that may be an icon read as a letter: square-ish, and not inside a word
// of three or more letters that Tesseract read with confidence.
bool glyph_may_be_icon(const cv::Rect& glyph, const OcrLine& line) {
  const double aspect = static_cast<double>(glyph.width) / glyph.height;
  if (glyph.height < 10 || aspect < 0.7 || aspect > 1.45 || !icon_sized(glyph)) return false;
  for (const auto& w : line.words)
    if ((w.rect & glyph).area() > 0 && alnum_count(w.text) >= 3 && w.confidence >= 0.8) return false;
  return true;
}

// The glyph with a few pixels of the background around it: the classifier reads the background there.
cv::Mat icon_crop(const cv::Mat& gray, const cv::Rect& glyph) {
  constexpr int kMargin = 3;
  return gray((glyph - cv::Point(kMargin, kMargin) + cv::Size(2 * kMargin, 2 * kMargin)) & cv::Rect(0, 0, gray.cols, gray.rows));
}

// The uniform fill around a text line bounded by edges on all sides, as a frame: at most a little
// more than a line above and below (taller is a panel or a card), at most 30 line heights to each
// side (search fields, list rows) and never most of the screen's width (a title or tool bar).
std::optional<Frame> filled_container(const cv::Mat& gray, const cv::Rect& line) {
  const int h = line.height;
  const cv::Rect r = visible_container(gray, line, {30 * h, static_cast<int>(1.3 * h) + 2});
  if (r.empty() || r.width > 0.7 * gray.cols) return std::nullopt;
  const cv::Rect inner(r.x + 2, r.y + 2, std::max(1, r.width - 4), std::max(1, r.height - 4));
  return Frame{r, cv::mean(gray(inner & cv::Rect(0, 0, gray.cols, gray.rows)))[0], FrameOutline::kBox};
}

// A label's element is the control around it: wide light boxes with short text are input fields,
// compact ones are buttons.
void box_as_control(ScreenElement& e, const Frame& f, const cv::Rect& label) {
  e.box = to_box(f.rect);
  const bool wide = f.rect.width > 2.2 * label.width + 30;
  const bool left_aligned = label.x - f.rect.x < 0.2 * f.rect.width;
  e.role = (wide && left_aligned && f.mean_inside > 180) ? ElementRole::kField : ElementRole::kButton;
}

cv::Rect to_rect(const Box& b) { return {int(b.x1), int(b.y1), int(b.width()), int(b.height())}; }

// An icon just left of a label on its line, about as tall as the text (sidebar and menu entries,
// list rows, toolbar buttons with a caption): one element, clicked as one.
ScreenElement* leading_icon(std::vector<ScreenElement>& elements, const Box& text) {
  const double h = text.height();
  ScreenElement* best = nullptr;
  for (auto& e : elements) {
    if (e.role != ElementRole::kIcon || !(e.box == e.text_box)) continue;
    const Box& g = e.box;
    const bool in_line = std::abs(g.center().y - text.center().y) < 0.3 * h;
    const bool sized = g.height() >= 0.7 * h && g.height() <= 2.2 * h && g.width() <= 2.5 * h;
    const double gap = text.x1 - g.x2;
    if (in_line && sized && gap >= 0 && gap <= 1.5 * h && (!best || g.x2 > best->box.x2)) best = &e;
  }
  return best;
}

// Bare labels (no contour frame): the label with its leading icon, inside the fill around them
// when there is one (filled buttons, selected rows, search fields the contours missed). The icon
// answers the same box: "open Display settings" may be matched by the monitor glyph or the word.
void box_bare_text(const cv::Mat& gray, std::vector<ScreenElement>& elements) {
  const size_t n = elements.size();
  for (size_t i = 0; i < n; ++i) {
    ScreenElement& e = elements[i];
    if (e.text.empty() || !(e.box == e.text_box)) continue;
    Box ink = e.text_box;
    // A glyph read as a letter or two ("Q", "a") is no label: more likely an icon of a toolbar row.
    ScreenElement* icon = alnum_count(e.text) >= 2 ? leading_icon(elements, e.text_box) : nullptr;
    if (icon) ink = union_box(ink, icon->box);
    // The fill only boxes the label: its role stays (a light card around a label is no input
    // field, and "the slider below X" must still look past X's own box).
    const auto fill = filled_container(gray, to_rect(ink));
    e.box = fill ? to_box(fill->rect) : ink;
    if (icon) icon->box = e.box;
  }
}

// A magnifier inside an input field is part of the field: "search entries" may be matched by the
// glyph or by the placeholder, and the answer is the field. Other glyphs in a field (clear,
// microphone, help) stay buttons of their own, and nothing joins a box holding two labels or more
// (a bar, not a field). (Any glyph before the text was tried too: GTK toolbars boxed as one wide
// frame made their first button part of a "field".)
void box_field_icons(std::vector<ScreenElement>& elements) {
  for (auto& icon : elements) {
    if (icon.role != ElementRole::kIcon || !(icon.box == icon.text_box) || icon.icon_guesses.empty()) continue;
    const std::string& guess = icon.icon_guesses.front().name;
    if (guess != "search" && guess != "zoom-in") continue;
    const Box& g = icon.box;
    for (const auto& field : elements) {
      if (field.role != ElementRole::kField) continue;
      const Box& f = field.box;
      const bool inside = g.x1 >= f.x1 - 2 && g.y1 >= f.y1 - 2 && g.x2 <= f.x2 + 2 && g.y2 <= f.y2 + 2;
      if (!inside || f.width() < 3 * f.height()) continue;
      const auto labels = std::count_if(elements.begin(), elements.end(), [&](const ScreenElement& t) {
        const Box& b = t.text_box;
        return alnum_count(t.text) >= 2 && b.x1 >= f.x1 && b.y1 >= f.y1 && b.x2 <= f.x2 && b.y2 <= f.y2;
      });
      if (labels > 1) continue;
      icon.box = f;
      break;
    }
  }
}

// Whether a bare text line is a short label (a few words), not a sentence of a paragraph.
bool short_bare_label(const ScreenElement& e) {
  return e.role == ElementRole::kText && e.box == e.text_box && alnum_count(e.text) >= 2 && e.words.size() <= 4 &&
         e.text_box.width() <= 14 * e.text_box.height();
}

// Two short lines stacked closely, centred on each other or left-aligned, with no other line
// as close above or below them, are one label: two-line captions of desktop and home-screen
// icons ("Google / Chrome"), header links ("Hello, sign in / Account & Lists", "Returns /
// & Orders"). The joined label is added; its lines stay (an instruction may name one). Menus and
// lists stack many lines at even spacing and are left alone.
void add_two_line_labels(std::vector<ScreenElement>& elements) {
  const size_t n = elements.size();
  const auto columns_meet = [](const Box& p, const Box& q) { return std::min(p.x2, q.x2) - std::max(p.x1, q.x1) > 0; };
  for (size_t a = 0; a < n; ++a) {
    if (!short_bare_label(elements[a])) continue;
    const Box top = elements[a].text_box;
    // The line just below, if it is a short label aligned with this one.
    size_t below = n;
    double pair_gap = 0;
    for (size_t b = 0; b < n; ++b) {
      const Box& o = elements[b].text_box;
      if (b == a || alnum_count(elements[b].text) < 2 || !columns_meet(top, o)) continue;
      const double h = std::min(top.height(), o.height()), gap = o.y1 - top.y2;
      if (gap < -0.3 * h || gap > 0.8 * h || (below != n && gap >= pair_gap)) continue;
      below = b;
      pair_gap = gap;
    }
    if (below == n || !short_bare_label(elements[below])) continue;
    const Box bottom = elements[below].text_box;
    const double h = std::min(top.height(), bottom.height());
    const bool alike = std::max(top.height(), bottom.height()) <= 2.0 * h;
    const bool centred = std::abs(top.center().x - bottom.center().x) <= 0.15 * std::max(top.width(), bottom.width()) + 2;
    const bool left_aligned = std::abs(top.x1 - bottom.x1) <= 0.4 * h + 2;
    if (!alike || !(centred || left_aligned)) continue;
    // Another line about as close above the first or below the second: a list, a menu, a paragraph.
    const double reach = std::max(0.0, pair_gap) + 0.5 * h;
    bool listed = false;
    for (size_t c = 0; c < n && !listed; ++c) {
      const Box& o = elements[c].text_box;
      if (c == a || c == below || alnum_count(elements[c].text) < 2) continue;
      const bool over = columns_meet(top, o) && o.y2 <= top.y1 + 0.3 * h && top.y1 - o.y2 <= reach;
      const bool under = columns_meet(bottom, o) && o.y1 >= bottom.y2 - 0.3 * h && o.y1 - bottom.y2 <= reach;
      listed = over || under;
    }
    if (listed) continue;
    ScreenElement joined = elements[a];
    const ScreenElement& second = elements[below];
    joined.text += " " + second.text;
    joined.words.insert(joined.words.end(), second.words.begin(), second.words.end());
    joined.text_box = union_box(top, bottom);
    joined.box = joined.text_box;
    joined.confidence = std::min(joined.confidence, second.confidence);
    elements.push_back(std::move(joined));
  }
}

// A short caption centred under an icon (app icons on desktops and home screens, tab-bar items,
// folder tiles): the icon and its caption are one element, whichever of them the instruction names.
// The icon's glyph read as a character ("口" for a folder) is no label of its own then.
void box_icons_with_captions(std::vector<ScreenElement>& elements) {
  const size_t n = elements.size();
  std::vector<bool> misread(n, false);
  for (size_t i = n; i-- > 0;) {  // two-line captions (appended last) before their first line
    ScreenElement& caption = elements[i];
    if (alnum_count(caption.text) < 2 || !(caption.box == caption.text_box)) continue;
    const Box& c = caption.text_box;
    const double h = c.height();
    if (h <= 0 || c.width() > 12 * h) continue;
    ScreenElement* best = nullptr;
    for (size_t k = 0; k < n; ++k) {
      ScreenElement& icon = elements[k];
      if (icon.role != ElementRole::kIcon || !(icon.box == icon.text_box)) continue;
      const Box& b = icon.box;
      const bool centred = std::abs(b.center().x - c.center().x) < 0.25 * std::max(b.width(), c.width()) + 2;
      const bool just_above = b.y2 <= c.y1 + 2 && c.y1 - b.y2 < 1.5 * h;
      const bool sized = b.height() >= 1.2 * h && b.height() <= 6 * h && b.width() <= 2.5 * b.height();
      if (centred && just_above && sized && (!best || b.y2 > best->box.y2)) best = &icon;
    }
    if (!best) continue;
    for (size_t k = 0; k < n; ++k) {
      const ScreenElement& o = elements[k];
      if (k != i && !o.text.empty() && alnum_count(o.text) <= 3 && iou(o.text_box, best->box) > 0.5) misread[k] = true;
    }
    caption.box = union_box(best->box, c);
    best->box = caption.box;
  }
  for (size_t k = n; k-- > 0;)
    if (misread[k]) elements.erase(elements.begin() + static_cast<std::ptrdiff_t>(k));
}

// Icons still boxed by their glyph get the clickable box around it (its button, or a small pad);
// the glyph stays as the element's ink (text_box). Runs last: the detectors above reason on glyphs.
void box_icons(const cv::Mat& gray, std::vector<ScreenElement>& elements) {
  for (auto& e : elements) {
    if (e.role != ElementRole::kIcon || !(e.box == e.text_box)) continue;
    e.box = to_box(icon_button_box(gray, to_rect(e.box)));
  }
}

// Text lines become text, button or field elements (by the frame around them); glyphs that may be
// icons read as letters, and lines that are not text, become icon elements. Marks the frames used.
void add_text_and_icons(const cv::Mat& gray, const TextRegionResult& text, const std::vector<OcrLine>& lines,
                        const std::vector<Frame>& frames, const IconClassifier& icons, std::vector<bool>& frame_used,
                        std::vector<ScreenElement>& elements) {
  // Icon candidates are classified together after the loop: one pass of the icon network a screen.
  struct IconCandidate {
    size_t element;
    double needed;  // score the top guess needs for a glyph of a text line to stay an icon; 0: always stays
  };
  std::vector<IconCandidate> candidates;
  std::vector<cv::Mat> crops;
  for (size_t i = 0; i < lines.size(); ++i) {
    const OcrLine& line = lines[i];
    const TextRegion& region = text.regions[i];
    if (looks_like_text(line)) {
      ScreenElement e;
      e.text = line.text();
      e.text_box = to_box(line.rect);
      e.box = e.text_box;
      e.confidence = line.confidence;
      for (const auto& w : line.words) e.words.push_back({w.text, to_box(w.rect)});
      if (const Frame* f = enclosing_frame(frames, line.rect)) {
        frame_used[f - frames.data()] = true;
        box_as_control(e, *f, line.rect);
      }
      const std::vector<cv::Rect> glyphs = icon_clusters(region);
      const bool lone_glyph = alnum_count(e.text) <= 2 || glyphs.size() == 1;
      elements.push_back(std::move(e));
      // Icons read as letters ("x", "Q" for a magnifier, "A" for a person, "QOG" for a row of
      // them): offer both readings to the matcher when a glyph looks like a known icon.
      for (const cv::Rect& r : glyphs) {
        if (!(lone_glyph ? icon_sized(r) : glyph_may_be_icon(r, line))) continue;
        ScreenElement icon;
        icon.role = ElementRole::kIcon;
        icon.box = to_box(r);
        icon.text_box = icon.box;
        icon.confidence = 0.5;
        candidates.push_back({elements.size(), lone_glyph ? kLoneGlyphIconScore : kInlineGlyphIconScore});
        crops.push_back(icon_crop(gray, r));
        elements.push_back(std::move(icon));
      }
    } else {
      // Not text: a row of icons (toolbars) or one icon. Nested glyphs (a "?" in a circle) are one icon.
      std::vector<cv::Rect> clusters = icon_clusters(region);
      // Icons drawn as a few separate strokes too thin to be icons alone (pause: two bars) are one.
      const bool strokes = clusters.size() >= 2 && clusters.size() <= 3 && icon_sized(region.rect) &&
                           std::none_of(clusters.begin(), clusters.end(), icon_sized);
      if (strokes) clusters = {region.rect};
      for (const cv::Rect& r : clusters) {
        if (!icon_sized(r)) continue;
        ScreenElement e;
        e.role = ElementRole::kIcon;
        e.box = to_box(r);
        e.text_box = e.box;
        candidates.push_back({elements.size(), 0.0});
        crops.push_back(icon_crop(gray, r));
        if (const Frame* f = enclosing_frame(frames, r)) {
          if (f->rect.area() <= 6 * r.area()) {
            frame_used[f - frames.data()] = true;
            e.box = to_box(f->rect);
          }
        }
        elements.push_back(std::move(e));
      }
    }
  }
  std::vector<std::vector<IconGuess>> guesses = icons.classify_all(crops);
  std::vector<bool> unknown(elements.size(), false);
  for (size_t k = 0; k < candidates.size(); ++k) {
    ScreenElement& e = elements[candidates[k].element];
    e.icon_guesses = std::move(guesses[k]);
    const double top = e.icon_guesses.empty() ? 0.0 : e.icon_guesses.front().score;
    if (candidates[k].needed > 0) {
      unknown[candidates[k].element] = top < candidates[k].needed;  // a glyph of a text line: only a known icon
    } else {
      e.confidence = top >= kInlineGlyphIconScore ? 0.6 : 0.3;
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < elements.size(); ++i) {
    if (unknown[i]) continue;
    if (kept != i) elements[kept] = std::move(elements[i]);  // a self-move would empty it
    ++kept;
  }
  elements.resize(kept);
}

// Frames holding no words: empty fields, check boxes and switches (targets of "the field below
// X", "toggle Wi-Fi"). A tick inside may have been read as a letter ("v") or an icon, a knob as an icon.
void add_empty_controls(const cv::Mat& gray, const std::vector<Frame>& frames, const std::vector<bool>& frame_used,
                        std::vector<ScreenElement>& elements) {
  constexpr double kMisreadControlShare = 0.8;  // of a frame's area: text that big is the frame itself
  std::vector<cv::Rect> label_boxes;
  for (const auto& e : elements)
    if (!e.text.empty()) label_boxes.push_back({int(e.text_box.x1), int(e.text_box.y1), int(e.text_box.width()), int(e.text_box.height())});
  for (size_t k = 0; k < frames.size(); ++k) {
    const cv::Rect& r = frames[k].rect;
    ScreenElement e;
    e.box = to_box(r);
    e.confidence = 0.5;
    const auto inside = [&](const Box& b) { return b.x1 >= e.box.x1 && b.y1 >= e.box.y1 && b.x2 <= e.box.x2 && b.y2 <= e.box.y2; };
    // Words inside the frame make it a button, unless they fill it (a switch read as "CD"); a frame
    // inside a word is a letter ("O" of "Oat").
    const auto words = [&](const ScreenElement& t) {
      if (alnum_count(t.text) > 1 && inside(t.text_box) && t.text_box.area() < kMisreadControlShare * e.box.area()) return true;
      const double slack = 0.15 * r.height;  // the word's box hugs the ink, the letter's outline is the ink
      return std::any_of(t.words.begin(), t.words.end(), [&](const TextWord& w) {
        return alnum_count(w.text) > 1 && e.box.area() < kMisreadControlShare * w.box.area() && w.box.x1 - slack <= e.box.x1 &&
               w.box.y1 - slack <= e.box.y1 && w.box.x2 + slack >= e.box.x2 && w.box.y2 + slack >= e.box.y2;
      });
    };
    const auto tick = [&](const ScreenElement& i) {
      return i.role == ElementRole::kIcon && inside(i.box) && !i.icon_guesses.empty() && i.icon_guesses.front().name == "check";
    };
    if (std::any_of(elements.begin(), elements.end(), words)) continue;
    const ControlShape shape = control_shape(frames[k], gray, label_boxes);
    const bool ticked = std::any_of(elements.begin(), elements.end(), tick);
    const bool box_or_radio = shape == ControlShape::kCheckBox || shape == ControlShape::kRadio;
    if (shape == ControlShape::kSwitch || (box_or_radio && (!frame_used[k] || ticked))) {
      e.role = ElementRole::kCheckbox;
    } else if (!frame_used[k] && is_empty_field(frames[k], gray, label_boxes)) {
      e.role = ElementRole::kField;
    } else {
      continue;
    }
    elements.push_back(std::move(e));
  }
}

// Slider tracks: targets of "drag the Contrast slider", found as the control beside its label.
void add_sliders(const cv::Mat& gray, const TextRegionResult& text, std::vector<ScreenElement>& elements) {
  std::vector<cv::Rect> line_rects;
  for (const auto& region : text.regions) line_rects.push_back(region.rect);
  for (const cv::Rect& r : detect_sliders(gray, line_rects)) {
    ScreenElement e;
    e.box = to_box(r);
    e.role = ElementRole::kField;
    e.confidence = 0.5;
    elements.push_back(std::move(e));
  }
}

// Screens over this many pixels (4K monitors, Retina laptops) are parsed at half size:
// their text and icons are about twice the size the detectors and the OCR scale are tuned for,
// and a quarter of the pixels costs a quarter of the time.
constexpr double kHalfSizeAbovePixels = 6.0e6;

Box scaled(const Box& b, double f) { return {b.x1 * f, b.y1 * f, b.x2 * f, b.y2 * f}; }

void scale_elements(std::vector<ScreenElement>& elements, double f) {
  for (auto& e : elements) {
    e.box = scaled(e.box, f);
    e.text_box = scaled(e.text_box, f);
    for (auto& w : e.words) w.box = scaled(w.box, f);
  }
}

}  // namespace

Result<ScreenParse> parse_screenshot(const Screenshot& screen, OcrPool& ocr, const IconClassifier& icons) {
  if (pixels_mat(screen).empty()) return Error::invalid("empty screenshot");
  if (pixels_mat(screen).depth() != CV_8U) return Error::invalid("screenshot must be 8-bit");
  const auto t0 = std::chrono::steady_clock::now();
  cv::Mat gray;
  switch (pixels_mat(screen).channels()) {
    case 1: gray = pixels_mat(screen); break;
    case 3: cv::cvtColor(pixels_mat(screen), gray, cv::COLOR_BGR2GRAY); break;
    case 4: cv::cvtColor(pixels_mat(screen), gray, cv::COLOR_BGRA2GRAY); break;
    default: return Error::invalid("screenshot has an unsupported channel count");
  }

  ScreenParse parse;
  parse.width = gray.cols;
  parse.height = gray.rows;
  parse.hash = screen.hash;
  const bool half = static_cast<double>(gray.total()) > kHalfSizeAbovePixels;
  if (half) {
    cv::Mat small;
    cv::resize(gray, small, cv::Size((gray.cols + 1) / 2, (gray.rows + 1) / 2), 0, 0, cv::INTER_AREA);
    gray = small;
  }

  TextRegionResult text = detect_text_regions(gray);
  const std::vector<Frame> frames = detect_frames(text.faint_edges, gray);
  const auto t_detected = std::chrono::steady_clock::now();
  std::vector<OcrLine> lines = ocr.read_lines(gray, text.regions);
  const std::vector<cv::Rect> overlay_captions = add_overlay_captions(gray, ocr, text, lines);
  const auto t_read = std::chrono::steady_clock::now();
  parse.detect_ms = std::chrono::duration<double, std::milli>(t_detected - t0).count();
  parse.ocr_ms = std::chrono::duration<double, std::milli>(t_read - t_detected).count();
  parse.ocr_lines = static_cast<int>(lines.size());

  std::vector<bool> frame_used(frames.size(), false);
  add_text_and_icons(gray, text, lines, frames, icons, frame_used, parse.elements);
  add_empty_controls(gray, frames, frame_used, parse.elements);
  add_sliders(gray, text, parse.elements);
  name_window_controls(parse.elements);
  add_two_line_labels(parse.elements);
  box_field_icons(parse.elements);
  box_icons_with_captions(parse.elements);
  box_icons_above_overlay_captions(gray, overlay_captions, parse.elements);
  box_bare_text(gray, parse.elements);
  box_icons(gray, parse.elements);
  if (half) scale_elements(parse.elements, static_cast<double>(parse.width) / gray.cols);
  parse.parse_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return parse;
}

}  // namespace humain::local
