#include "grounding/local/match/icon_matcher.h"

#include <algorithm>
#include <cmath>

#include "grounding/local/match/fuzzy.h"
#include "grounding/local/match/matcher.h"

namespace humain::local {
namespace {

// Scores are kept under a whole-label text match (1.0): "open Settings" is the label if one says it.
constexpr double kBase = 0.3;
constexpr double kMeaningOnly = 0.6;
constexpr double kWithAnchor = 0.65;
constexpr double kMinAnchorScore = 0.6;
constexpr double kOffRowShare = 0.7;       // of the anchor's strength, for the nearest icon off its row
constexpr double kFartherInRowShare = 0.75;  // for an icon of the anchor's row beyond the nearest one

struct Anchor {
  Box box;
  double strength = 0;  // label_score of the context words against its text
};

std::vector<Anchor> find_anchors(const ScreenParse& parse, const std::vector<std::string>& context) {
  std::vector<Anchor> anchors;
  for (const auto& e : parse.elements) {
    if (e.text.empty()) continue;
    const double s = label_score(context, context, tokenize(e.text));
    if (s >= kMinAnchorScore) anchors.push_back({e.text_box.area() > 0 ? e.text_box : e.box, s});
  }
  return anchors;
}

// An anchor on an icon's glyph is that glyph read as text ("x"): it says nothing about which icon
// is meant.
bool overlaps(const Box& icon, const Box& anchor) {
  const Box i{std::max(icon.x1, anchor.x1), std::max(icon.y1, anchor.y1), std::min(icon.x2, anchor.x2),
              std::min(icon.y2, anchor.y2)};
  return i.area() > 0.5 * std::min(icon.area(), anchor.area());
}

bool same_row(const Box& a, const Box& b) {
  const double overlap = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  return overlap >= 0.5 * std::min(a.height(), b.height());
}

// Distance for "the icon of this row / card": a row apart costs sixteen times a column apart. In
// the row, an action icon follows its label (a tab's x, a row's buttons): one before it, often the
// previous item's, counts three times its distance.
double anchor_distance(const Box& icon, const Box& anchor) {
  const bool row = same_row(icon, anchor);
  const double dx = std::max({0.0, (row ? 3.0 : 1.0) * (anchor.x1 - icon.x2), icon.x1 - anchor.x2});
  const double dy = row ? 0.0 : std::abs(icon.center().y - anchor.center().y);
  return 0.25 * dx + 4 * dy;
}

// Where platforms put an icon of this meaning: window controls top right, navigation top left,
// everything else in the bars at the top. Only breaks ties between equally good readings.
// Distances to anchors are measured from the glyph: the parse may box an icon with its caption or
// label (one element), which must not bring it nearer to other text.
const Box& glyph_of(const ScreenElement& e) { return e.text_box.area() > 0 ? e.text_box : e.box; }

double position_prior(const std::string& meaning, const Point& p, double W, double H) {
  if (meaning == "close" || meaning == "minimize" || meaning == "maximize") return 0.1 * (p.x / W) - 0.1 * (p.y / H);
  if (meaning == "back" || meaning == "menu") return 0.1 * (1 - p.x / W) - 0.1 * (p.y / H);
  return -0.05 * (p.y / H);
}

}  // namespace

double icon_meaning(const ScreenElement& icon, const std::vector<ConceptHit>& wanted) {
  double best = 0;
  for (const auto& g : icon.icon_guesses) {
    for (const auto& c : wanted) best = std::max(best, c.weight * g.score * concept_affinity(c.name, g.name));
  }
  return best;
}

std::vector<Candidate> icon_candidates(const ScreenParse& parse, const Instruction& ins) {
  // "the icon next to X" names no meaning: any icon or check box beside X may be it.
  const bool any_icon = ins.icon_concepts.empty() && ins.role == ElementRole::kIcon;
  if ((ins.icon_concepts.empty() && !any_icon) || ins.icon_readings.empty()) return {};
  std::vector<int> icons;
  for (int i = 0; i < static_cast<int>(parse.elements.size()); ++i) {
    const ScreenElement& e = parse.elements[i];
    const bool iconlike = e.role == ElementRole::kIcon || (any_icon && e.role == ElementRole::kCheckbox);
    if (iconlike && (any_icon || icon_meaning(e, ins.icon_concepts) > 0)) icons.push_back(i);
  }
  std::vector<double> best(icons.size(), 0.0);
  bool anchored = false;  // the whole reading's context words are on screen
  for (const IconReading& reading : ins.icon_readings) {
    const auto meaning = [&](int element) { return any_icon ? 0.5 : icon_meaning(parse.elements[element], reading.concepts); };
    const std::vector<Anchor> anchors =
        reading.context.empty() ? std::vector<Anchor>{} : find_anchors(parse, reading.context);
    if (any_icon && anchors.empty()) continue;
    anchored |= &reading == &ins.icon_readings.front() && !anchors.empty();
    // The nearest meaningful icon in the anchor's row takes its full strength (a table's actions
    // sit far right of the name), farther ones in the row less ("the x of the Documents tab", not
    // the window's x at the end of the same title bar); off the row, the nearest icon takes most of
    // it and farther ones exponentially less.
    std::vector<double> nearest_in_row(anchors.size(), 1e18), nearest_off_row(anchors.size(), 1e18);
    for (size_t a = 0; a < anchors.size(); ++a) {
      for (int i : icons) {
        const Box& b = glyph_of(parse.elements[i]);
        if (meaning(i) <= 0 || overlaps(b, anchors[a].box)) continue;
        double& nearest = same_row(b, anchors[a].box) ? nearest_in_row[a] : nearest_off_row[a];
        nearest = std::min(nearest, anchor_distance(b, anchors[a].box));
      }
    }
    const double n = static_cast<double>(reading.context.size());
    for (size_t k = 0; k < icons.size(); ++k) {
      const double m = meaning(icons[k]);
      if (m <= 0) continue;
      const Box& box = glyph_of(parse.elements[icons[k]]);
      // Words the icon does not explain make a meaning-only reading weaker ("file system root").
      double score = kBase + (reading.context.empty() ? 1.0 : 0.9) * kMeaningOnly * m;
      for (size_t a = 0; a < anchors.size(); ++a) {
        const Anchor& an = anchors[a];
        if (overlaps(box, an.box)) continue;
        const double h = std::max(8.0, an.box.height());
        const double d = anchor_distance(box, an.box);
        const double p = same_row(box, an.box)
                             ? std::max(kFartherInRowShare, std::exp(-(d - nearest_in_row[a]) / (8 * h)))
                             : kOffRowShare * std::exp(-(d - nearest_off_row[a]) / (3 * h));
        score = std::max(score, kBase + kWithAnchor * (n * an.strength * p + m) / (n + 1));
      }
      best[k] = std::max(best[k], score);
    }
  }
  std::vector<Candidate> out;
  const std::string wanted = ins.icon_concepts.empty() ? "" : ins.icon_concepts.front().name;
  for (size_t k = 0; k < icons.size(); ++k) {
    if (best[k] <= 0) continue;
    const ScreenElement& e = parse.elements[icons[k]];
    // The platform's usual place only breaks ties the words leave open: with an anchor on screen
    // ("Close the Documents tab") the instruction has said which one.
    const double prior = anchored ? 0.0 : position_prior(wanted, e.box.center(), std::max(1, parse.width), std::max(1, parse.height));
    const double score = best[k] + prior;
    // The parse boxes an icon as its clickable button (screen_parser.cpp, detect/element_box.h).
    out.push_back({e.box, score, 0.8, icons[k], e.icon_guesses.empty() ? "icon" : "icon:" + e.icon_guesses.front().name, false});
  }
  return out;
}

}  // namespace humain::local
