#include "verification.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include <opencv2/core.hpp>

#include "core/screenshot_pixels.h"

namespace humain::desktop {
namespace {

constexpr double kRegionBar = 0.02;
constexpr double kScreenBar = 0.0005;
constexpr int kRegionPad = 12;

std::string pct(double f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * f);
  return buf;
}

std::string clip(const std::string& s) { return s.size() > 60 ? s.substr(0, 57) + "..." : s; }

// The same element after the action: same role and name, boxes overlapping most.
const AccessibleElement* find_again(const std::vector<AccessibleElement>& tree, const AccessibleElement& el) {
  const AccessibleElement* best = nullptr;
  double best_iou = 0.3;
  for (const auto& e : tree) {
    if (e.role != el.role) continue;
    const double o = iou(e.box, el.box) + (e.name == el.name ? 0.2 : 0);
    if (o > best_iou) {
      best_iou = o;
      best = &e;
    }
  }
  return best;
}

const AccessibleElement* focused(const std::vector<AccessibleElement>& tree) {
  const AccessibleElement* f = nullptr;
  for (const auto& e : tree) {
    if (e.has("focused")) f = &e;  // the deepest focused element
  }
  return f;
}

void state_changes(const AccessibleElement& a, const AccessibleElement& b, std::vector<std::string>& out) {
  static const std::vector<std::string> kWatched = {"checked", "pressed", "selected", "expanded", "indeterminate", "active"};
  for (const auto& s : kWatched) {
    if (a.has(s) != b.has(s)) out.push_back(s + ": " + (a.has(s) ? "on" : "off") + " -> " + (b.has(s) ? "on" : "off") + " (" + b.describe() + ")");
  }
  if (a.text != b.text) out.push_back("text of " + b.describe() + ": \"" + clip(a.text) + "\" -> \"" + clip(b.text) + "\"");
  if (a.value != b.value && a.value && b.value) out.push_back("value of " + b.describe() + ": " + std::to_string(*a.value) + " -> " + std::to_string(*b.value));
  if (a.name != b.name) out.push_back("name: \"" + clip(a.name) + "\" -> \"" + clip(b.name) + "\"");
}

// An event that says the action did something ("" when it does not count): hover and window
// activation (act focuses the target's window itself) are not evidence.
std::string event_evidence(const AccessibleEvent& e) {
  static const std::set<std::string> kStates = {"checked", "pressed", "selected", "expanded", "indeterminate", "focused"};
  const std::string kState = "object:state-changed:";
  if (e.type.rfind(kState, 0) == 0) {
    const std::string state = e.type.substr(kState.size());
    if (!kStates.count(state) || (state == "focused" && e.detail1 == 0)) return "";
    return "event " + e.type + (e.detail1 ? " on" : " off") + " (" + e.source + ")";
  }
  if (e.type.rfind("object:state-changed", 0) == 0 || e.type.rfind("window:activate", 0) == 0) return "";
  return "event " + e.type + " (" + e.source + ")";
}

}  // namespace

double changed_fraction(const Screenshot& before, const Screenshot& after, const std::optional<Box>& region) {
  const cv::Mat& a = pixels_mat(before);
  const cv::Mat& b = pixels_mat(after);
  if (a.size() != b.size() || a.empty()) return 1.0;
  cv::Rect r(0, 0, before.width(), before.height());
  if (region) {
    const Box c = clamp_to(*region, before.width(), before.height());
    r = cv::Rect(static_cast<int>(c.x1), static_cast<int>(c.y1), static_cast<int>(c.width()), static_cast<int>(c.height()));
    if (r.area() <= 0) return 0;
  }
  cv::Mat diff;
  cv::absdiff(a(r), b(r), diff);
  std::vector<cv::Mat> ch;
  cv::split(diff, ch);
  cv::Mat maxc = cv::max(cv::max(ch[0], ch[1]), ch[2]);
  return static_cast<double>(cv::countNonZero(maxc > 24)) / r.area();
}

Verification verify_effect(const VerifyInput& in) {
  Verification v;
  std::vector<std::string> a11y;
  if (in.events) {
    std::set<std::string> seen;  // a typed word sends one text-changed per character: list each kind once
    int more = 0;
    for (const auto& e : *in.events) {
      const std::string ev = event_evidence(e);
      if (ev.empty() || !seen.insert(ev).second) continue;
      if (seen.size() <= 4) a11y.push_back(ev);
      else ++more;
    }
    if (more) a11y.push_back("and " + std::to_string(more) + " more events");
  }
  if (in.tree_before && in.tree_after) {
    if (in.hit) {
      if (const auto* again = find_again(*in.tree_after, *in.hit)) state_changes(*in.hit, *again, a11y);
      else a11y.push_back("target gone: " + in.hit->describe());
    }
    const auto* fa = focused(*in.tree_before);
    const auto* fb = focused(*in.tree_after);
    if (fb && (!fa || fa->role != fb->role || !(fa->box == fb->box))) a11y.push_back("focus moved to " + fb->describe());
    // Text elsewhere (a calculator's display, a status bar): compared by position in reading order.
    int listed = 0;
    for (const auto& b : *in.tree_after) {
      if (b.text.empty() || listed >= 3) continue;
      const auto* a = find_again(*in.tree_before, b);
      if (in.action == ActionKind::kType && !in.typed.empty() && b.text.find(in.typed) != std::string::npos &&
          (!a || a->text.find(in.typed) == std::string::npos)) {
        a11y.push_back("text inserted into " + b.describe() + ": \"" + clip(b.text) + "\"");
        ++listed;
      } else if (a && a->text != b.text && (!in.hit || !(a->box == in.hit->box))) {
        a11y.push_back("text of " + b.describe() + ": \"" + clip(a->text) + "\" -> \"" + clip(b.text) + "\"");
        ++listed;
      }
    }
  }
  if (in.windows_before && in.windows_after) {
    std::multiset<std::string> a(in.windows_before->begin(), in.windows_before->end());
    std::multiset<std::string> b(in.windows_after->begin(), in.windows_after->end());
    for (const auto& w : b) if (!a.count(w)) a11y.push_back("window opened: \"" + w + "\"");
    for (const auto& w : a) if (!b.count(w)) a11y.push_back("window closed: \"" + w + "\"");
  }
  std::optional<Box> region;
  if (in.target && in.before) {
    const Box local = in.before->to_capture(*in.target);
    region = Box{local.x1 - kRegionPad, local.y1 - kRegionPad, local.x2 + kRegionPad, local.y2 + kRegionPad};
  }
  if (in.before && in.after) {
    v.screen_changed = changed_fraction(in.before->screen, in.after->screen);
    if (region) v.region_changed = changed_fraction(in.before->screen, in.after->screen, region);
  }
  v.evidence = a11y;
  if (region && v.region_changed >= kRegionBar) v.evidence.push_back("pixels: " + pct(v.region_changed) + " of the target region changed");
  if (v.screen_changed >= kScreenBar) v.evidence.push_back("pixels: " + pct(v.screen_changed) + " of the capture changed");
  v.passed = !v.evidence.empty();
  v.expected = std::string("an AT-SPI event (state, text, value, selection, window) or the target's state, text or value to change, the focus to move") +
               (in.action == ActionKind::kType ? ", the typed text to appear" : "") +
               ", a window to open or close" + (in.tree_before ? "" : " (AT-SPI not available: not checked)") +
               ", or pixels to change (>= " + pct(kRegionBar) + " around the target or >= " + pct(kScreenBar) + " of the capture)";
  if (v.passed) {
    for (const auto& e : v.evidence) v.observed += (v.observed.empty() ? "" : "; ") + e;
  } else {
    v.observed = "nothing: no AT-SPI change, " + pct(v.region_changed) + " of the target region and " + pct(v.screen_changed) +
                 " of the capture changed";
  }
  return v;
}

}  // namespace humain::desktop
