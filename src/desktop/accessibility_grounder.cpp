// The accessibility tier as a Grounder, and the snap of a vision answer onto the tree's element.
#include <chrono>

#include "humain/accessibility.h"

namespace humain {
namespace {

class AccessibilityGrounder : public Grounder {
 public:
  explicit AccessibilityGrounder(std::function<Result<AccessibleView>()> view) : view_(std::move(view)) {}

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    const auto t0 = std::chrono::steady_clock::now();
    auto view = view_();
    if (!view) return view.error();
    const auto t1 = std::chrono::steady_clock::now();
    Prediction p;
    p.source = kAccessibilitySource;
    auto m = match_element(view->elements, instruction);
    if (m) {
      const Box local{m->element.box.x1 - view->origin.x, m->element.box.y1 - view->origin.y,
                      m->element.box.x2 - view->origin.x, m->element.box.y2 - view->origin.y};
      const Box clipped = clamp_to(local, screen.width(), screen.height());
      if (clipped.width() > 0 && clipped.height() > 0) {  // an element outside the capture is not clickable here
        p.box = clipped;
        p.point = clipped.center();
        p.confidence = m->confidence;
        p.raw_output = m->element.describe();
      }
    }
    using ms = std::chrono::duration<double, std::milli>;
    p.timings.preprocess_ms = ms(t1 - t0).count();
    p.timings.total_ms = ms(std::chrono::steady_clock::now() - t0).count();
    p.timings.inference_ms = p.timings.total_ms - p.timings.preprocess_ms;
    return p;
  }

  std::string name() const override { return kAccessibilitySource; }

 private:
  std::function<Result<AccessibleView>()> view_;
};

}  // namespace

std::unique_ptr<Grounder> make_accessibility_grounder(std::function<Result<AccessibleView>()> view) {
  return std::make_unique<AccessibilityGrounder>(std::move(view));
}

bool snap_to_element(Prediction& p, const std::vector<AccessibleElement>& elements, Point origin) {
  if (!p.point) return false;
  auto el = element_at(elements, {p.point->x + origin.x, p.point->y + origin.y});
  if (!el) return false;
  p.box = Box{el->box.x1 - origin.x, el->box.y1 - origin.y, el->box.x2 - origin.x, el->box.y2 - origin.y};
  p.point = p.box->center();
  p.source += "+" + std::string(kAccessibilitySource);
  return true;
}

}  // namespace humain
