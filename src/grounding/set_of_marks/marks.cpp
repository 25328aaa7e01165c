#include "grounding/set_of_marks/marks.h"

#include <algorithm>
#include <cmath>

#include "grounding/local/match/fuzzy.h"

namespace humain::marks {
namespace {

// Which of two overlapping elements keeps the mark: the one a user would name.
int role_priority(ElementRole r) {
  switch (r) {
    case ElementRole::kButton: return 0;
    case ElementRole::kField: return 1;
    case ElementRole::kCheckbox: return 2;
    case ElementRole::kIcon: return 3;
    case ElementRole::kText: return 4;
    case ElementRole::kContainer: return 5;
  }
  return 5;
}

Mark mark_of(const ScreenElement& e, int index) {
  Mark m;
  m.box = e.box;
  m.role = role_name(e.role);
  m.text = e.text;
  if (e.role == ElementRole::kIcon && !e.icon_guesses.empty()) m.icon = e.icon_guesses.front().name;
  m.element = index;
  return m;
}

// Rows top to bottom (a mark joins a row when its centre is within half the row's height of the
// row's first centre), then left to right inside a row.
void sort_reading_order(std::vector<Mark>& marks) {
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.box.center().y < b.box.center().y; });
  std::vector<std::vector<Mark>> rows;
  double row_y = 0, row_h = 0;
  for (auto& m : marks) {
    const double y = m.box.center().y;
    if (rows.empty() || y - row_y > std::max(4.0, row_h / 2)) {
      rows.emplace_back();
      row_y = y;
      row_h = m.box.height();
    }
    rows.back().push_back(std::move(m));
  }
  marks.clear();
  for (auto& row : rows) {
    std::sort(row.begin(), row.end(), [](const Mark& a, const Mark& b) { return a.box.x1 < b.box.x1; });
    for (auto& m : row) marks.push_back(std::move(m));
  }
}

bool overlaps(const Box& a, const Box& b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

}  // namespace

std::vector<Mark> build_marks(const ScreenParse& parse, const MarkOptions& options) {
  std::vector<int> order;
  for (int i = 0; i < static_cast<int>(parse.elements.size()); ++i) {
    const auto& e = parse.elements[i];
    if (e.role == ElementRole::kContainer || !e.box.valid() || e.box.area() < 4) continue;
    order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return role_priority(parse.elements[a].role) < role_priority(parse.elements[b].role);
  });
  std::vector<Mark> marks;
  for (int i : order) {
    Mark m = mark_of(parse.elements[i], i);
    auto same = std::find_if(marks.begin(), marks.end(), [&](const Mark& k) { return iou(k.box, m.box) > 0.8; });
    if (same != marks.end()) {
      if (same->text.empty()) same->text = m.text;  // a button keeps its label even if the text line was separate
      continue;
    }
    marks.push_back(std::move(m));
  }
  sort_reading_order(marks);
  if (options.max_marks > 0 && static_cast<int>(marks.size()) > options.max_marks) marks.resize(options.max_marks);
  for (std::size_t i = 0; i < marks.size(); ++i) marks[i].id = static_cast<int>(i) + 1;
  return marks;
}

std::vector<Mark> top_marks(const std::vector<Mark>& marks, std::string_view instruction,
                            const std::optional<Box>& engine_pick, int k) {
  if (k <= 0) return marks;
  const auto words = local::tokenize(instruction);
  std::vector<std::pair<double, const Mark*>> scored;
  for (const auto& m : marks) {
    double s = 0;
    const auto text = local::tokenize(m.text.empty() ? m.icon : m.text + " " + m.icon);
    for (const auto& t : text) {
      double best = 0;
      for (const auto& w : words) best = std::max(best, local::similarity(w, t));
      if (best > 0.75) s += best;
    }
    if (!text.empty()) s /= std::sqrt(static_cast<double>(text.size()));  // a long paragraph is not a label
    if (engine_pick) {
      const double o = iou(*engine_pick, m.box);
      if (o > 0.3 || contains(m.box, engine_pick->center())) s += 10 + o;
    }
    scored.push_back({s, &m});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Mark> out;
  for (const auto& [s, m] : scored) {
    if (static_cast<int>(out.size()) >= k) break;
    out.push_back(*m);
  }
  return out;
}

void withhold_text(std::vector<Mark>& marks, const std::vector<Box>& redactions) {
  for (auto& m : marks) {
    for (const auto& r : redactions) {
      if (overlaps(m.box, r) && !m.text.empty()) {
        m.text = "[redacted]";
        break;
      }
    }
  }
}

std::optional<Mark> oracle_mark(const std::vector<Mark>& marks, const Box& target) {
  const Mark* best = nullptr;
  for (const auto& m : marks) {
    if (!contains(target, m.box.center())) continue;
    if (!best || m.box.area() < best->box.area()) best = &m;
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace humain::marks
