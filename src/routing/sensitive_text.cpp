// Finding confidential text on a screen from its OCR lines. Checksums (Luhn, IBAN mod-97) keep
// ordinary numbers (order ids, timestamps) from being masked; the patterns err on the side of
// masking, because a false mask costs a little accuracy and a miss leaks data.
#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>

#include "humain/router.h"

namespace humain {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

size_t code_points(const std::string& s, size_t end) {
  size_t n = 0;
  for (size_t i = 0; i < end && i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

// A text line as the scan sees it: OCR elements on one row joined, remembering which bytes came
// from which element so a match maps back to the elements' own boxes.
struct Piece {
  size_t begin, end;
  Box box;
};
struct Line {
  Box box;
  std::string text;
  bool field = false;
  std::vector<Piece> pieces;
};

// Engines split "4111 1111 1111 1111" into words or groups; card numbers and IBANs span them.
std::vector<Line> join_rows(const std::vector<ScreenText>& items) {
  std::vector<const ScreenText*> order;
  for (const auto& it : items) order.push_back(&it);
  std::sort(order.begin(), order.end(), [](const ScreenText* a, const ScreenText* b) {
    return a->box.y1 != b->box.y1 ? a->box.y1 < b->box.y1 : a->box.x1 < b->box.x1;
  });
  std::vector<Line> lines;
  std::vector<bool> used(order.size(), false);
  for (size_t i = 0; i < order.size(); ++i) {
    if (used[i]) continue;
    used[i] = true;
    Line l{order[i]->box, order[i]->text, order[i]->field, {{0, order[i]->text.size(), order[i]->box}}};
    if (!l.field) {
      for (bool grew = true; grew;) {
        grew = false;
        const double h = std::max(1.0, l.box.height());
        size_t best = order.size();
        for (size_t j = 0; j < order.size(); ++j) {
          const ScreenText* o = order[j];
          if (used[j] || o->field || o->text.empty()) continue;
          const double gap = o->box.x1 - l.box.x2;
          const bool same_row = std::abs(o->box.center().y - l.box.center().y) < 0.5 * h &&
                                std::abs(o->box.height() - h) < 0.6 * h;
          if (same_row && gap > -0.5 * h && gap < 1.6 * h && (best == order.size() || o->box.x1 < order[best]->box.x1)) best = j;
        }
        if (best < order.size()) {
          used[best] = true;
          l.text += ' ';
          l.pieces.push_back({l.text.size(), l.text.size() + order[best]->text.size(), order[best]->box});
          l.text += order[best]->text;
          l.box = union_box(l.box, order[best]->box);
          grew = true;
        }
      }
    }
    lines.push_back(std::move(l));
  }
  return lines;
}

// The boxes of bytes [begin, end) of a line: whole elements inside the span, and for an element
// only partly inside, its share by character position widened by `slack` characters (fonts are
// proportional).
Box span_box(const Line& line, size_t begin, size_t end, double slack = 2.5) {
  std::optional<Box> out;
  for (const auto& p : line.pieces) {
    if (p.end <= begin || p.begin >= end) continue;
    const std::string part = line.text.substr(p.begin, p.end - p.begin);
    const double total = std::max<size_t>(1, code_points(part, part.size()));
    const double w = p.box.width() / total;
    const size_t b = begin > p.begin ? begin - p.begin : 0;
    const size_t e = std::min(end, p.end) - p.begin;
    const double a = std::max(p.box.x1, p.box.x1 + (double(code_points(part, b)) - slack) * w);
    const double z = std::min(p.box.x2, p.box.x1 + (double(code_points(part, e)) + slack) * w);
    const Box bx{a, p.box.y1, z, p.box.y2};
    out = out ? union_box(*out, bx) : bx;
  }
  return out.value_or(line.box);
}

bool luhn(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool iban_valid(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  if (s.size() < 15 || s.size() > 34) return false;
  const std::string moved = s.substr(4) + s.substr(0, 4);
  int rem = 0;
  for (char c : moved) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (std::isupper(static_cast<unsigned char>(c))) {
      const int v = c - 'A' + 10;
      rem = (rem * 100 + v) % 97;
    } else {
      return false;
    }
  }
  return rem == 1;
}

bool ssn_valid(const std::string& area, const std::string& group, const std::string& serial) {
  return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000";
}

struct Run {
  size_t begin, end;
  std::string digits;
};

// Runs of digits joined by single separators from `seps`.
std::vector<Run> digit_runs(const std::string& t, const std::string& seps) {
  std::vector<Run> runs;
  size_t i = 0;
  while (i < t.size()) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) {
      ++i;
      continue;
    }
    Run r{i, i, ""};
    size_t j = i;
    while (j < t.size()) {
      if (std::isdigit(static_cast<unsigned char>(t[j]))) {
        r.digits += t[j];
        r.end = ++j;
      } else if (seps.find(t[j]) != std::string::npos && j + 1 < t.size() &&
                 (std::isdigit(static_cast<unsigned char>(t[j + 1])) || seps.find(t[j + 1]) != std::string::npos)) {
        ++j;
      } else {
        break;
      }
    }
    runs.push_back(r);
    i = std::max(r.end, i + 1);
  }
  return runs;
}

bool is_bullets(const std::string& t) {
  // •, ●, ·, ∙, * and the letters OCR reads bullets as are all "masked input".
  static const std::vector<std::string> kBullets = {"\u2022", "\u25CF", "\u00B7", "\u2219", "*", "\u2027"};
  size_t i = 0, count = 0;
  std::string s = t;
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  while (i < s.size()) {
    bool hit = false;
    for (const auto& b : kBullets) {
      if (s.compare(i, b.size(), b) == 0) {
        i += b.size();
        ++count;
        hit = true;
        break;
      }
    }
    if (!hit) return false;
  }
  return count >= 4;
}

}  // namespace

std::vector<SensitiveItem> find_sensitive_text(const std::vector<ScreenText>& lines,
                                               const std::vector<std::string>& keywords) {
  static const std::regex kSsn(R"((^|[^0-9])([0-9]{3})[- ]([0-9]{2})[- ]([0-9]{4})([^0-9]|$))");
  static const std::regex kEmail(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
  static const std::regex kIban(R"(\b[A-Z]{2}[0-9]{2}( ?[A-Z0-9]){11,30}\b)");
  std::vector<SensitiveItem> out;
  auto add = [&](Box b, const char* kind, Sensitivity level) { out.push_back({b, kind, level}); };
  const std::vector<Line> rows = join_rows(lines);

  for (const auto& line : rows) {
    const std::string& t = line.text;
    const std::string low = lower(t);
    std::vector<std::pair<size_t, size_t>> taken;  // byte spans already classified
    auto free_span = [&](size_t b, size_t e) {
      for (auto [tb, te] : taken) {
        if (b < te && tb < e) return false;
      }
      return true;
    };

    for (const auto& r : digit_runs(t, " -")) {
      if (r.digits.size() >= 13 && r.digits.size() <= 19 && luhn(r.digits)) {
        add(span_box(line, r.begin, r.end), "card", Sensitivity::kConfidential);
        taken.emplace_back(r.begin, r.end);
      }
    }
    for (auto it = std::sregex_iterator(t.begin(), t.end(), kSsn); it != std::sregex_iterator(); ++it) {
      const auto& m = *it;
      const size_t b = size_t(m.position(2)), e = size_t(m.position(4) + m.length(4));
      if (free_span(b, e) && ssn_valid(m[2], m[3], m[4])) {
        add(span_box(line, b, e), "ssn", Sensitivity::kConfidential);
        taken.emplace_back(b, e);
      }
    }
    for (auto it = std::sregex_iterator(t.begin(), t.end(), kIban); it != std::sregex_iterator(); ++it) {
      const size_t b = size_t(it->position(0)), e = b + size_t(it->length(0));
      if (free_span(b, e) && iban_valid(it->str(0))) {
        add(span_box(line, b, e), "iban", Sensitivity::kConfidential);
        taken.emplace_back(b, e);
      }
    }
    for (auto it = std::sregex_iterator(t.begin(), t.end(), kEmail); it != std::sregex_iterator(); ++it) {
      const size_t b = size_t(it->position(0)), e = b + size_t(it->length(0));
      add(span_box(line, b, e), "email", Sensitivity::kInternal);
      taken.emplace_back(b, e);
    }
    for (const auto& r : digit_runs(t, " -().+")) {
      size_t b = r.begin;
      if (b > 0 && (t[b - 1] == '+' || t[b - 1] == '(')) --b;
      if (r.digits.size() >= 10 && r.digits.size() <= 15 && free_span(b, r.end)) {
        add(span_box(line, b, r.end), "phone", Sensitivity::kInternal);
        taken.emplace_back(b, r.end);
      }
    }
    if (is_bullets(t)) add(line.box, "password", Sensitivity::kConfidential);

    const bool password_label = low.find("password") != std::string::npos || low.find("passcode") != std::string::npos ||
                                low.find("pin code") != std::string::npos;
    if (password_label) {
      // The value sits in the field to the right of or below its label; mask that field (and a
      // field that is itself labelled, e.g. a placeholder).
      if (line.field) add(line.box, "password", Sensitivity::kConfidential);
      const Line* best = nullptr;
      double best_d = 1e18;
      for (const auto& other : rows) {
        if (!other.field || &other == &line) continue;
        const double dx = other.box.x1 - line.box.x2, dy = other.box.y1 - line.box.y2;
        const bool right = dx > -line.box.height() && std::abs(other.box.center().y - line.box.center().y) < line.box.height();
        const bool below = dy > -line.box.height() / 2 && dy < 3 * line.box.height() &&
                           other.box.x1 < line.box.x2 + line.box.height() * 4 && other.box.x2 > line.box.x1;
        if (!right && !below) continue;
        const double d = right ? std::max(0.0, dx) : std::max(0.0, dy);
        if (d < best_d) best_d = d, best = &other;
      }
      if (best) {
        add(best->box, "password", Sensitivity::kConfidential);
      } else {
        // No field boxes known (plain OCR): mask where the value usually is, right of and below the label.
        const double h = std::max(1.0, line.box.height());
        add(Box{line.box.x1, line.box.y1, line.box.x2 + 14 * h, line.box.y2}, "password", Sensitivity::kConfidential);
        add(Box{line.box.x1, line.box.y2, line.box.x1 + 18 * h, line.box.y2 + 3 * h}, "password", Sensitivity::kConfidential);
      }
    } else {
      for (const auto& k : keywords) {
        if (!k.empty() && low.find(lower(k)) != std::string::npos) {
          add(line.box, "keyword", Sensitivity::kInternal);  // a word on screen is a hint, not data
          break;
        }
      }
    }
  }
  // The same box found twice (a password label and its field) needs one mask.
  std::vector<SensitiveItem> merged;
  for (const auto& it : out) {
    bool dup = false;
    for (const auto& m : merged) dup = dup || (m.box == it.box);
    if (!dup) merged.push_back(it);
  }
  return merged;
}

}  // namespace humain
