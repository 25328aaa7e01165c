#include "grounding/local/match/matcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "grounding/local/match/candidate.h"
#include "grounding/local/match/fuzzy.h"
#include "grounding/local/match/icon_matcher.h"

namespace humain::local {
namespace {

// "filters" -> "filter", "opening" -> "open", "files"/"file" -> "fil": word forms of one word meet.
std::string stem(std::string_view w) {
  std::string s(w);
  for (std::string_view suffix : {"ing", "ies", "es", "ed", "s"}) {
    if (s.size() >= suffix.size() + 3 && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
      s.resize(s.size() - suffix.size());
      break;
    }
  }
  if (s.size() >= 4 && s.back() == 'e') s.pop_back();
  return s;
}

// How alike two words of one meaning are (search / find).
constexpr double kSynonymSim = 0.8;

// Word similarity that ignores weak resemblances and accepts truncated labels ("Prefer..." ).
double word_sim(std::string_view q, std::string_view t) {
  if (q == t) return 1.0;
  // Search fields say either: "Search for a setting" is the field reading "Find a setting".
  if ((q == "search" && t == "find") || (q == "find" && t == "search")) return kSynonymSim;
  if (q.size() >= 4 && t.size() >= 4 && stem(q) == stem(t)) return 0.95;
  double s = similarity(q, t);
  if (q.size() >= 4 && t.size() >= 4 && (t.substr(0, q.size()) == q || q.substr(0, t.size()) == t)) s = std::max(s, 0.8);
  // Short words must match exactly or nearly: "in" vs "on" is not an OCR slip.
  const double floor = std::min(q.size(), t.size()) <= 3 ? 0.99 : 0.7;
  return s >= floor ? s : 0.0;
}

std::string joined(const std::vector<std::string>& w) {
  return std::accumulate(w.begin(), w.end(), std::string());
}

// "the settings icon": a label reading "Settings" is what is meant only when no icon shows it.
constexpr double kTextForIconPenalty = 0.35;

// The most a weak_rule candidate's confidence may be: below the router's "right 95 %" band.
constexpr double kWeakRuleConfidence = 0.75;

// "type in the Brush size box": an icon is not a field or a check box.
constexpr double kIconForControlPenalty = 0.15;
// Icons score under a whole-label text match; their confidence is measured against this.
constexpr double kIconScoreCeiling = 0.85;

bool interactive(ElementRole r) { return r == ElementRole::kButton || r == ElementRole::kField || r == ElementRole::kCheckbox; }

// Whether some text lies in the same row strictly between `label` and `b` on its right.
bool text_between(const ScreenParse& parse, const Box& label, const Box& b) {
  for (const auto& o : parse.elements) {
    if (o.text.empty()) continue;
    const Box& t = o.text_box;
    const bool in_row = std::min(t.y2, label.y2) - std::max(t.y1, label.y1) > 0.5 * label.height();
    if (in_row && t.x1 >= label.x2 + 2 && t.x2 <= b.x1 - 2) return true;
  }
  return false;
}

// The nearest element of `role` beside a label: fields to the right or below, check boxes to the left.
const ScreenElement* control_for_label(const ScreenParse& parse, const Box& label, ElementRole role) {
  const ScreenElement* best = nullptr;
  double best_d = 1e18;
  const double h = std::max(8.0, label.height());
  for (const auto& e : parse.elements) {
    // A dropdown looks like a button: accept one where a field is asked for, a little farther.
    const bool alike = role == ElementRole::kField && e.role == ElementRole::kButton;
    if (e.role != role && !alike) continue;
    if (e.box == label) continue;
    double d = alike ? 2 * h : 0;
    const Box& b = e.box;
    const bool v_overlap = std::min(b.y2, label.y2) - std::max(b.y1, label.y1) > 0.3 * std::min(b.height(), h);
    const bool h_overlap = std::min(b.x2, label.x2) - std::max(b.x1, label.x1) > 0 || std::abs(b.x1 - label.x1) < 4 * h;
    if (role == ElementRole::kCheckbox) {
      // Check boxes sit left of their label; switches often at the right end of the row.
      d = 1e18;
      // Left of the label: close by, or farther (a table row's box) with no text between them.
      if (v_overlap && b.x2 <= label.x1 + 2 && (label.x1 - b.x2 < 4 * h || !text_between(parse, b, label))) {
        d = label.x1 - b.x2;
      }
      // OCR often reads the box as part of the line ("[ ] Remember me"): the box starts the line.
      if (v_overlap && std::abs(b.x1 - label.x1) <= 4 && b.width() <= 2 * h) d = 0;
      if (v_overlap && b.x1 >= label.x2 - 2 && b.x1 - label.x2 < 60 * h) d = std::min(d, 3 * h + b.x1 - label.x2);
    } else {
      double best_side = 1e18;
      // Settings rows put the control at the far end of a wide row: any distance, as long as no
      // other text stands between the label and the control.
      if (v_overlap && b.x1 >= label.x2 - 2 && !text_between(parse, label, b)) best_side = b.x1 - label.x2;
      if (h_overlap && b.y1 >= label.y2 - 2 && b.y1 - label.y2 < 4 * h) best_side = std::min(best_side, b.y1 - label.y2);
      d = best_side >= 1e18 ? 1e18 : d + best_side;
    }
    if (d < best_d) {
      best_d = d;
      best = &e;
    }
  }
  return best;
}

// "Sort by", "Show:", "Convert to": text that only makes sense with the control's value after it.
bool introduces_control(const std::string& text) {
  static constexpr std::array kOpenEnds = {"by", "to", "for", "per", "as", "from", "with", "after"};
  const std::vector<std::string> words = tokenize(text);
  if (words.empty()) return false;
  const size_t end = text.find_last_not_of(" \t");
  if (end != std::string::npos && text[end] == ':') return true;
  return words.size() >= 2 && std::find(kOpenEnds.begin(), kOpenEnds.end(), words.back()) != kOpenEnds.end();
}

// A menu item's clickable box around its words: a little wider than the text and as tall as the
// bar it sits in (when the bar is only a line high).
Box item_box(const Box& words, const Box& bar) {
  const double h = words.height();
  if (bar.height() <= 3 * h) return {words.x1 - 0.4 * h, bar.y1, words.x2 + 0.4 * h, bar.y2};
  return {words.x1 - 0.4 * h, words.y1 - 0.3 * h, words.x2 + 0.4 * h, words.y2 + 0.3 * h};
}

// Whether another text line lies inside `e`'s box: then the box is a bar (menu bar, toolbar,
// segmented control) holding several labels, not this label's own control.
bool box_is_shared(const ScreenParse& parse, const ScreenElement& e) {
  if (e.box == e.text_box) return false;
  for (const auto& o : parse.elements) {
    if (&o == &e || o.text.empty() || iou(o.text_box, e.text_box) > 0.3) continue;
    const Box& t = o.text_box;
    if (t.x1 >= e.box.x1 && t.x2 <= e.box.x2 && t.y1 >= e.box.y1 && t.y2 <= e.box.y2) return true;
  }
  return false;
}

bool satisfies(Relation r, const Box& c, const Box& a) {
  const Point pc = c.center(), pa = a.center();
  switch (r) {
    case Relation::kBelow: return pc.y > a.y2 - 2;
    case Relation::kAbove: return pc.y < a.y1 + 2;
    case Relation::kRightOf: return pc.x > a.x2 - 2;
    case Relation::kLeftOf: return pc.x < a.x1 + 2;
    case Relation::kNear: return std::hypot(pc.x - pa.x, pc.y - pa.y) < 400;
    case Relation::kNone: return true;
  }
  return true;
}

// A short caption centred under an icon (app icons on phone home screens and desktops, toolbar
// buttons with their label below): the clickable thing is the icon and its caption together.
std::optional<Box> icon_above_caption(const ScreenParse& parse, const Box& caption) {
  const double h = caption.height();
  if (h <= 0 || caption.width() > 12 * h) return std::nullopt;
  const double cx = caption.center().x;
  std::optional<Box> best;
  for (const auto& e : parse.elements) {
    if (e.role != ElementRole::kIcon) continue;
    const Box& b = e.text_box.area() > 0 ? e.text_box : e.box;  // the glyph, not its button
    const bool centred = std::abs(b.center().x - cx) < 0.25 * std::max(b.width(), caption.width()) + 2;
    const bool just_above = b.y2 <= caption.y1 + 2 && caption.y1 - b.y2 < 1.5 * h;
    const bool icon_sized = b.height() >= 1.2 * h && b.height() <= 6 * h && b.width() <= 2.5 * b.height();
    if (centred && just_above && icon_sized && (!best || b.y2 > best->y2)) best = b;
  }
  if (!best) return std::nullopt;
  return union_box(*best, caption);
}

// "Expand the Application category": the disclosure chevron just before or after the label in its
// row (tree views, accordions, collapsible sections), when the parse guessed one there.
const ScreenElement* disclosure_beside(const ScreenParse& parse, const Box& label) {
  const double h = std::max(8.0, label.height());
  const ScreenElement* best = nullptr;
  double best_gap = 3 * h;
  for (const auto& e : parse.elements) {
    if (e.role != ElementRole::kIcon) continue;
    const Box& g = e.text_box.area() > 0 ? e.text_box : e.box;
    const bool in_row = std::min(g.y2, label.y2) - std::max(g.y1, label.y1) > 0.5 * std::min(g.height(), h);
    const double gap = std::max(g.x1 - label.x2, label.x1 - g.x2);
    const bool chevron = std::any_of(e.icon_guesses.begin(), e.icon_guesses.begin() + std::min<size_t>(3, e.icon_guesses.size()),
                                     [](const IconGuess& c) { return c.name.rfind("chevron-", 0) == 0 && c.score >= 0.5; });
    if (in_row && chevron && gap >= -2 && gap < best_gap) {
      best_gap = gap;
      best = &e;
    }
  }
  return best;
}

// A label that is only part of a longer line ("Sign in" in "Sign in to continue") is a weaker
// reading than a control whose whole text it is; not so when all it leaves out is an icon's glyph
// that OCR read as a letter or two before it ("Ea Explore", "© Downloads").
double partial_penalty(const std::vector<TextWord>& words, size_t first, size_t len) {
  if (len >= words.size()) return 0.0;
  const bool glyph_before = first > 0 && first + len == words.size() &&
                            std::all_of(words.begin(), words.begin() + first,
                                        [](const TextWord& w) { return normalize_text(w.text).size() <= 2; });
  return glyph_before ? 0.02 : 0.08;
}

// A label word the screen shows nowhere ("Open the Downloads *bookmark*") and no icon stands for
// is the user's description, not the target's text: it counts this much of its weight, so the words that are
// on the screen decide between elements.
constexpr double kUnseenWordWeight = 0.2;

struct ScreenLabel {
  std::vector<std::string> words;
  std::vector<double> weights;
  // A word naming an icon that no text shows ("backlog list *actions*"): the words the screen
  // does show are then the anchor of that icon rather than the label.
  bool unseen_icon_word = false;
};

// Nouns of containers: they say where the target is, not which glyph it shows.
constexpr std::array<std::string_view, 8> kContainerNouns = {"menu", "list", "window", "dialog", "panel", "tab", "bar", "page"};

// The instruction's label words weighted by whether the screen shows them. When it shows none of
// them, the leading verbs it does show join the label: "Open the selected file" is the Open
// button, "Share this project" the Share button.
ScreenLabel screen_label(const ScreenParse& parse, const Instruction& ins) {
  ScreenLabel out{ins.label_words, ins.label_weights};
  out.weights.resize(out.words.size(), 1.0);
  if (ins.quoted) return out;
  std::vector<std::string> shown;
  for (const auto& e : parse.elements) {
    for (auto& t : tokenize(e.text)) shown.push_back(std::move(t));
  }
  std::sort(shown.begin(), shown.end());
  shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
  const auto on_screen = [&](const std::string& w) {
    return std::any_of(shown.begin(), shown.end(), [&](const std::string& t) { return word_sim(w, t) >= 0.8; });
  };
  bool any = false;
  for (size_t i = 0; i < out.words.size(); ++i) {
    // The head word naming an icon ("Shuffle the queue", "Lock the database") is shown by the icon.
    const bool icon = i == 0 && std::find(ins.icon_words.begin(), ins.icon_words.end(), out.words[i]) != ins.icon_words.end();
    const bool names_icon = std::find(ins.icon_words.begin(), ins.icon_words.end(), out.words[i]) != ins.icon_words.end();
    if (on_screen(out.words[i])) {
      any = true;
      continue;
    }
    if (!icon) out.weights[i] *= kUnseenWordWeight;
    if (names_icon && std::find(kContainerNouns.begin(), kContainerNouns.end(), out.words[i]) == kContainerNouns.end()) {
      out.unseen_icon_word = true;
    }
  }
  if (!any || ins.acts_on_selection) {
    for (const auto& v : ins.verbs) {
      if (!on_screen(v)) continue;
      out.words.push_back(v);
      out.weights.push_back(1.0);
    }
  }
  return out;
}

// "Show Details of the Builder app" and a button reading "Show Details": every word of the text is
// in the instruction, and it holds every word the instruction gives full weight. That text is the
// label said whole, whatever description the instruction adds; it scores at least this.
constexpr double kLabelSaidWhole = 0.9;

bool said_whole(const ScreenLabel& label, const std::vector<std::string>& all_words, const std::vector<std::string>& toks) {
  if (toks.empty() || label.unseen_icon_word) return false;
  const auto holds = [](const std::vector<std::string>& in_words, const std::string& w) {
    return std::any_of(in_words.begin(), in_words.end(), [&](const std::string& t) { return word_sim(w, t) >= 0.9; });
  };
  bool any_full = false;
  for (size_t i = 0; i < label.words.size(); ++i) {
    if (label.weights[i] < 0.99) continue;
    if (!holds(toks, label.words[i])) return false;
    any_full = true;
  }
  return any_full && std::all_of(toks.begin(), toks.end(), [&](const std::string& t) { return holds(all_words, t); });
}

double distance(const Box& a, const Box& b) {
  const Point pa = a.center(), pb = b.center();
  return std::hypot(pa.x - pb.x, pa.y - pb.y);
}

}  // namespace

double label_score(const std::vector<std::string>& label, const std::vector<std::string>& all_words,
                   const std::vector<std::string>& words, const std::vector<double>& weights) {
  if (label.empty() || words.empty()) return 0.0;
  const auto weight = [&](size_t i) { return i < weights.size() ? weights[i] : 1.0; };
  // A repeated instruction word is compared once (its weights summed): the cost follows the
  // distinct words, so "Click Sign in" x 60 costs what "Click Sign in" does.
  std::vector<size_t> order(label.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return label[a] < label[b]; });
  double recall = 0, total = 0;
  for (size_t i = 0, j = 0; i < order.size(); i = j) {
    double w = 0;
    for (j = i; j < order.size() && label[order[j]] == label[order[i]]; ++j) w += weight(order[j]);
    double best = 0;
    for (const auto& t : words) best = std::max(best, word_sim(label[order[i]], t));
    recall += w * best;
    total += w;
  }
  recall = total > 0 ? recall / total : 0.0;
  std::vector<std::string_view> distinct_all(all_words.begin(), all_words.end());
  std::sort(distinct_all.begin(), distinct_all.end());
  distinct_all.erase(std::unique(distinct_all.begin(), distinct_all.end()), distinct_all.end());
  double precision = 0;
  for (const auto& t : words) {
    double best = 0;
    for (const auto& q : distinct_all) best = std::max(best, word_sim(q, t));
    precision += best;
  }
  precision /= words.size();
  double s = 0.65 * recall + 0.35 * precision;
  // OCR splits and merges words ("Signin", "Log in"): compare the letters without spaces.
  const double j = similarity_if_at_least(joined(label), joined(words), 0.8);
  if (j >= 0.8) s = std::max(s, j);
  return s;
}

std::optional<Match> match_instruction(const ScreenParse& parse, const Instruction& ins, double min_score) {
  if (ins.label_words.empty() && ins.icon_concepts.empty()) return std::nullopt;
  std::vector<Candidate> cands = icon_candidates(parse, ins);
  // An icon is not a field or a check box: "type in the Brush size box" means the box.
  if (ins.role == ElementRole::kField || ins.role == ElementRole::kCheckbox) {
    for (auto& c : cands) c.score -= kIconForControlPenalty;
  }
  const double W = std::max(1, parse.width), H = std::max(1, parse.height);
  const ScreenLabel label = screen_label(parse, ins);

  for (int i = 0; i < static_cast<int>(parse.elements.size()); ++i) {
    const ScreenElement& e = parse.elements[i];
    if (e.role == ElementRole::kIcon || e.text.empty()) continue;
    // Controls answer with their whole box; bare text may answer with the matching words only.
    std::vector<std::vector<std::string>> word_tokens;
    for (const auto& w : e.words) word_tokens.push_back(tokenize(w.text));
    const size_t n = e.words.size();
    const size_t max_window = std::min(n, label.words.size() + 2);
    Candidate best;
    // Whole text first, then word windows: menu bars and toolbars often read as one line.
    const bool shared = box_is_shared(parse, e);
    {
      std::vector<std::string> toks;
      for (const auto& t : word_tokens) toks.insert(toks.end(), t.begin(), t.end());
      const Box box = shared ? item_box(e.text_box, e.box) : e.box;
      const double score = label_score(label.words, ins.all_words, toks, label.weights);
      const bool raised = score < kLabelSaidWhole && said_whole(label, ins.all_words, toks);
      best = {box, raised ? kLabelSaidWhole : score, e.confidence, i, shared ? "item" : "text", raised};
    }
    for (size_t len = max_window; len >= 1 && len <= n; --len) {
      for (size_t st = 0; st + len <= n; ++st) {
        std::vector<std::string> toks;
        for (size_t k = st; k < st + len; ++k) toks.insert(toks.end(), word_tokens[k].begin(), word_tokens[k].end());
        // A label that is only part of a longer line ("Sign in" in "Sign in to continue") is a
        // weaker reading than a control whose whole text it is.
        const double s = label_score(label.words, ins.all_words, toks, label.weights) - partial_penalty(e.words, st, len);
        if (s > best.score + 1e-9) {
          Box b = e.words[st].box;
          for (size_t k = st + 1; k < st + len; ++k) b = union_box(b, e.words[k].box);
          if (len == n) best = {shared ? item_box(e.text_box, e.box) : e.box, s, e.confidence, i, shared ? "item" : "text", false};
          else best = {item_box(b, shared ? e.box : e.text_box), s, e.confidence, i, "words", false};
        }
      }
    }
    if (best.score <= 0) continue;
    if (e.role == ElementRole::kText && best.why == "text" && !ins.role) {
      if (auto with_icon = icon_above_caption(parse, e.box)) {
        best.box = *with_icon;
        best.why = "icon-caption";
      }
    }
    if (ins.disclosure && e.role == ElementRole::kText) {
      if (const ScreenElement* chevron = disclosure_beside(parse, e.text_box)) {
        best.box = chevron->box;
        best.why = "disclosure";
      }
    }
    // A label that reads as an unfinished phrase ("Sort by", "Language:") names the control after it.
    if (!ins.role && best.why == "text" && e.role == ElementRole::kText && introduces_control(e.text)) {
      if (const ScreenElement* f = control_for_label(parse, e.text_box, ElementRole::kField)) {
        best.box = f->box;
        best.why = "control-for-label";
      }
    }
    // Role hints: the element kind said in the instruction.
    if (ins.role) {
      if (*ins.role == ElementRole::kIcon) best.score -= kTextForIconPenalty;
      if (*ins.role == e.role && interactive(e.role) && best.why == "text") best.score += 0.08;
      // A bare label names the field beside it; a framed one ("Left" in a dropdown) is the field.
      if (*ins.role == ElementRole::kField && e.role == ElementRole::kText) {
        if (const ScreenElement* f = control_for_label(parse, e.text_box, ElementRole::kField)) {
          best.box = f->box;
          best.why = "field-for-label";
          best.score += 0.05;
        }
      }
      if (*ins.role == ElementRole::kCheckbox) {
        if (const ScreenElement* c = control_for_label(parse, e.text_box, ElementRole::kCheckbox)) {
          best.box = c->box;
          best.why = "checkbox-for-label";
          best.score += 0.05;
        } else if (e.words.size() >= 2 && tokenize(e.words[0].text).size() <= 1 &&
                   normalize_text(e.words[0].text).size() <= 1 && e.words[0].box.width() <= 2.0 * e.words[0].box.height()) {
          // A round radio button or box read as a symbol ("O Under $50", "(x) Remember me").
          best.box = e.words[0].box;
          best.why = "checkbox-glyph";
        }
      }
    }
    cands.push_back(best);
  }
  if (cands.empty()) return std::nullopt;

  // Relations: keep candidates on the right side of the best anchor, nearest first.
  if (ins.relation != Relation::kNone && !ins.anchor_words.empty()) {
    const ScreenElement* anchor = nullptr;
    double best_anchor = 0.6;
    for (const auto& e : parse.elements) {
      const double s = label_score(ins.anchor_words, ins.anchor_words, tokenize(e.text));
      if (s > best_anchor) {
        best_anchor = s;
        anchor = &e;
      }
    }
    if (anchor) {
      std::vector<Candidate> kept;
      for (auto c : cands) {
        if (!satisfies(ins.relation, c.box, anchor->box) || c.box == anchor->box) continue;
        c.score -= std::min(0.15, distance(c.box, anchor->box) / (W + H));
        kept.push_back(c);
      }
      if (!kept.empty()) cands = std::move(kept);
    }
  }

  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  // Positional hints and ordinals choose among near-equal candidates.
  if (ins.vertical || ins.horizontal || ins.ordinal) {
    std::vector<Candidate> tied;
    for (const auto& c : cands) {
      if (c.score >= cands[0].score - 0.1) tied.push_back(c);
    }
    auto key = [&](const Candidate& c) {
      const Point p = c.box.center();
      return ins.vertical * p.y / H + ins.horizontal * p.x / W;
    };
    if (ins.vertical || ins.horizontal) {
      std::sort(tied.begin(), tied.end(), [&](const Candidate& a, const Candidate& b) { return key(a) > key(b); });
    } else {
      std::sort(tied.begin(), tied.end(), [](const Candidate& a, const Candidate& b) {
        const Point pa = a.box.center(), pb = b.box.center();
        return std::abs(pa.y - pb.y) > 8 ? pa.y < pb.y : pa.x < pb.x;
      });
      if (ins.ordinal == -1) std::reverse(tied.begin(), tied.end());
      const size_t k = ins.ordinal > 0 ? std::min<size_t>(ins.ordinal - 1, tied.size() - 1) : 0;
      std::swap(tied[0], tied[k]);
    }
    cands.insert(cands.begin(), tied[0]);
  }

  const Candidate& top = cands[0];
  if (top.score < min_score) return std::nullopt;
  // Margin to the best candidate elsewhere on the screen: ambiguity lowers confidence.
  double runner_up = 0;
  for (size_t k = 1; k < cands.size(); ++k) {
    if (iou(cands[k].box, top.box) < 0.3 && !(cands[k].box == top.box)) {
      runner_up = cands[k].score;
      break;
    }
  }
  const double margin = std::clamp((top.score - runner_up) / 0.25, 0.0, 1.0);
  // Icon scores stay under a whole-label text match (see icon_matcher.cpp), so their strength is
  // measured against the highest score an icon can reach.
  const bool icon = top.why.rfind("icon", 0) == 0;
  const double ceiling = icon ? kIconScoreCeiling : 1.0;
  const double s = std::clamp((top.score - min_score) / (ceiling - min_score), 0.0, 1.0);
  Match m;
  m.box = top.box;
  m.score = top.score;
  m.element = top.element;
  m.confidence = std::clamp(s * (0.55 + 0.45 * margin) * (0.6 + 0.4 * top.ocr), 0.0, top.weak_rule ? kWeakRuleConfidence : 1.0);
  // "at the top right" said, the answer is in the other half: the words matched, the place did not.
  const Point c = top.box.center();
  const bool wrong_place = (ins.vertical && (c.y / H - 0.5) * ins.vertical < -0.1) ||
                           (ins.horizontal && (c.x / W - 0.5) * ins.horizontal < -0.1);
  if (wrong_place) m.confidence *= 0.5;
  m.why = top.why;
  return m;
}

}  // namespace humain::local
