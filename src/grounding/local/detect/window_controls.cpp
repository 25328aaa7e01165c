#include "grounding/local/detect/window_controls.h"

#include <algorithm>

namespace humain::local {
namespace {

constexpr double kSureClose = 0.8;      // classifier score above which a glyph is a close "x"
constexpr double kPlaceScore = 0.9;     // how sure the place makes us of the neighbours' meaning

bool is_icon(const ScreenElement& e) { return e.role == ElementRole::kIcon; }

bool top_guess_is(const ScreenElement& e, const char* name, double min_score) {
  return !e.icon_guesses.empty() && e.icon_guesses.front().name == name && e.icon_guesses.front().score >= min_score;
}

bool same_row(const Box& a, const Box& b) {
  const double ca = (a.y1 + a.y2) / 2, cb = (b.y1 + b.y2) / 2;
  return std::abs(ca - cb) <= 0.5 * std::max(a.height(), b.height());
}

void name(ScreenElement& e, const char* meaning) {
  std::erase_if(e.icon_guesses, [&](const IconGuess& g) { return g.name == meaning; });
  e.icon_guesses.insert(e.icon_guesses.begin(), IconGuess{meaning, kPlaceScore});
}

}  // namespace

void name_window_controls(std::vector<ScreenElement>& elements) {
  for (const auto& close : elements) {
    if (!is_icon(close) || !top_guess_is(close, "close", kSureClose)) continue;
    const double reach = 3.0 * std::max(close.box.width(), close.box.height());
    // Nothing may follow the close button on its row: it ends the bar.
    const bool ends_row = std::none_of(elements.begin(), elements.end(), [&](const ScreenElement& e) {
      return &e != &close && same_row(e.box, close.box) && e.box.x1 >= close.box.x2 && e.box.x1 - close.box.x2 < reach;
    });
    if (!ends_row) continue;
    // Icons to its left on the row, nearest first, each within reach of the previous one.
    std::vector<ScreenElement*> left;
    double edge = close.box.x1;
    for (;;) {
      ScreenElement* next = nullptr;
      for (auto& e : elements) {
        if (!is_icon(e) || !same_row(e.box, close.box) || e.box.x2 > edge || edge - e.box.x2 > reach) continue;
        if (std::find(left.begin(), left.end(), &e) != left.end()) continue;
        if (!next || e.box.x2 > next->box.x2) next = &e;
      }
      if (!next || left.size() == 2) break;
      left.push_back(next);
      edge = next->box.x1;
    }
    if (left.size() == 2) {
      name(*left[0], "maximize");
      name(*left[1], "minimize");
    } else if (left.size() == 1) {
      // GNOME shows close alone or minimise + close; a lone neighbour that is a square is maximise.
      name(*left[0], top_guess_is(*left[0], "stop", 0.0) ? "maximize" : "minimize");
    }
  }
}

}  // namespace humain::local
