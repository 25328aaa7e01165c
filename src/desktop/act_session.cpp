// ActSession: capture -> ground -> act -> verify, one step at a time.
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "humain/act.h"
#include "humain/router.h"
#include "routing/audit_log.h"
#include "verification.h"

namespace humain {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
void pause_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace

const char* act_tier_name(ActTier t) {
  switch (t) {
    case ActTier::kVision: return "vision";
    case ActTier::kAccessibility: return "accessibility";
    case ActTier::kBoth: return "both";
  }
  return "?";
}

std::optional<ActTier> parse_act_tier(const std::string& s) {
  if (s == "vision") return ActTier::kVision;
  if (s == "accessibility") return ActTier::kAccessibility;
  if (s == "both") return ActTier::kBoth;
  return std::nullopt;
}

int act_exit_code(ActFailure f) {
  switch (f) {
    case ActFailure::kNone: return 0;
    case ActFailure::kNoDisplay: return 3;
    case ActFailure::kNoAccessibilityBus: return 4;
    case ActFailure::kWindowNotFound: return 5;
    case ActFailure::kElementNotFound: return 6;
    case ActFailure::kLowConfidence: return 7;
    case ActFailure::kActionFailed: return 8;
    case ActFailure::kVerificationFailed: return 9;
    case ActFailure::kGroundingError: return 10;
  }
  return 1;
}

const char* act_failure_name(ActFailure f) {
  switch (f) {
    case ActFailure::kNone: return "ok";
    case ActFailure::kNoDisplay: return "no-display";
    case ActFailure::kNoAccessibilityBus: return "no-accessibility-bus";
    case ActFailure::kWindowNotFound: return "window-not-found";
    case ActFailure::kElementNotFound: return "element-not-found";
    case ActFailure::kLowConfidence: return "low-confidence";
    case ActFailure::kActionFailed: return "action-failed";
    case ActFailure::kVerificationFailed: return "verification-failed";
    case ActFailure::kGroundingError: return "grounding-error";
  }
  return "?";
}

void VisionGrounder::invalidate() {
  if (engine) engine->clear_cache();
  if (cache) cache->clear();
}

Result<VisionGrounder> make_vision_grounder(const Config* config) {
  VisionGrounder v;
  auto engine = make_local_engine();
  if (!engine) return engine.error();
  v.engine = std::shared_ptr<LocalEngine>(std::move(*engine));
  RouterDeps deps;
  deps.local_engine = v.engine;
  if (config && config->cache.enabled) deps.cache = v.cache = make_prediction_cache(config->cache);
  if (config && (config->local || config->cloud)) {
    auto router = make_router(*config, deps);
    if (!router) return router.error();
    v.grounder = std::shared_ptr<Grounder>(std::move(*router));
  } else {
    v.grounder = v.engine;
  }
  // The same tiers with the accessibility tier in front. Choosing the tier "both" (--tier, or the
  // config's accessibility: on) is what turns it on here, so the router's switch is set to match.
  Config routed = config ? *config : Config{};
  routed.accessibility = true;
  v.view = std::make_shared<AccessibleView>();
  deps.accessibility = make_accessibility_grounder([view = v.view]() -> Result<AccessibleView> { return *view; });
  auto router = make_router(routed, deps);
  if (!router) return router.error();
  v.with_accessibility = std::shared_ptr<Grounder>(std::move(*router));
  return v;
}

struct ActSession::Impl {
  Desktop& desk;
  AccessibilityBus* bus;
  VisionGrounder* vision;
  ActOptions opt;
  std::unique_ptr<routing::AuditLog> audit;
  bool events_on = false;  // the AT-SPI event listener is registered (else verification diffs trees only)

  // Screen position of the window (or the screen) this step works in.
  Result<std::uint64_t> resolve_window() {
    if (opt.window.empty()) return std::uint64_t{0};
    auto w = desk.find_window(opt.window);
    if (!w) return w.error();
    return w->id;
  }

  std::string a11y_filter() const { return opt.accessible_filter.empty() ? opt.window : opt.accessible_filter; }

  // Waits until two captures 120 ms apart are equal (animations done), at most settle_ms.
  Result<Capture> settled_capture(std::uint64_t window) {
    const auto t0 = Clock::now();
    auto prev = desk.capture(window);
    if (!prev) return prev;
    while (ms_since(t0) < opt.settle_ms) {
      pause_ms(120);
      auto next = desk.capture(window);
      if (!next) return next;
      const bool same = next->screen.hash == prev->screen.hash;
      prev = std::move(next);
      if (same) break;
    }
    return prev;
  }

  void audit_step(const StepReport& r) {
    if (!audit || !audit->enabled()) return;
    nlohmann::json j = {{"command", "act"},
                        {"instruction", r.step.target},
                        {"tier", act_tier_name(opt.tier)},
                        {"answered_by", r.prediction.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.prediction.source)},
                        {"confidence", r.prediction.confidence},
                        {"acted", r.acted},
                        {"result", act_failure_name(r.failure)},
                        {"latency_ms", r.total_ms()}};
    if (r.verification) j["verified"] = r.verification->passed;
    audit->write(std::move(j));
  }

  StepReport run(const ActStep& step) {
    StepReport r;
    r.step = step;
    auto fail = [&](ActFailure f, std::string msg) {
      r.failure = f;
      r.message = std::move(msg);
      audit_step(r);
      return r;
    };
    if (step.action == ActionKind::kWait) {
      pause_ms(std::clamp(step.amount, 0, 60000));
      return r;
    }
    if (opt.tier != ActTier::kVision && !bus) {
      return fail(ActFailure::kNoAccessibilityBus, "the " + std::string(act_tier_name(opt.tier)) + " tier needs the AT-SPI bus, and it is not available");
    }
    if (opt.tier != ActTier::kAccessibility && !vision) return fail(ActFailure::kGroundingError, "no vision grounder");

    // 1. Capture (and the tree, when the bus is up).
    auto t0 = Clock::now();
    auto window = resolve_window();
    if (!window) return fail(ActFailure::kWindowNotFound, window.error().message);
    auto before = desk.capture(*window);
    if (!before) return fail(ActFailure::kActionFailed, "capture failed: " + before.error().message);
    r.capture_ms = ms_since(t0);
    std::vector<AccessibleElement> tree_before;
    std::vector<std::string> windows_before;
    double tree_ms = 0;
    if (bus) {
      const auto tt = Clock::now();
      auto tree = bus->snapshot(a11y_filter());
      if (!tree) return fail(ActFailure::kNoAccessibilityBus, tree.error().message);
      tree_before = std::move(*tree);
      if (auto w = bus->window_titles()) windows_before = std::move(*w);
      tree_ms = ms_since(tt);
    }

    // 2. Ground.
    const bool needs_target = !step.target.empty();
    t0 = Clock::now();
    if (needs_target) {
      Result<Prediction> pred = Error::internal("not grounded");
      if (opt.tier == ActTier::kAccessibility) {
        auto a11y_grounder = make_accessibility_grounder([&]() -> Result<AccessibleView> { return AccessibleView{tree_before, before->origin}; });
        pred = a11y_grounder->find_element(before->screen, step.target);
      } else if (opt.tier == ActTier::kVision) {
        pred = vision->grounder->find_element(before->screen, step.target);
      } else {
        // The router: the tree first, the vision tiers when it has no sure answer (a vision error
        // is only fatal when the tree had no answer either); a vision answer is snapped to the tree.
        *vision->view = AccessibleView{tree_before, before->origin};
        pred = vision->with_accessibility->find_element(before->screen, step.target);
        if (pred.ok() && pred->point && pred->source != kAccessibilitySource) snap_to_element(*pred, tree_before, before->origin);
      }
      if (!pred) return fail(ActFailure::kGroundingError, "grounding \"" + step.target + "\" failed: " + pred.error().message);
      r.prediction = std::move(*pred);
      if (!r.prediction.point) {
        return fail(ActFailure::kElementNotFound, "element not found: nothing on " + (opt.window.empty() ? std::string("the screen") : "\"" + opt.window + "\"") +
                                                      " matches \"" + step.target + "\" (" + r.prediction.source + "); nothing was clicked");
      }
      r.screen_point = before->to_screen(*r.prediction.point);
      if (!tree_before.empty()) r.hit = element_at(tree_before, *r.screen_point);
    }
    r.ground_ms = ms_since(t0) + (opt.tier == ActTier::kVision ? 0 : tree_ms);
    if (needs_target && r.prediction.confidence < opt.min_confidence && !opt.force) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "confidence %.2f is below the threshold %.2f for \"%s\": nothing was clicked (use --force to act anyway)",
                    r.prediction.confidence, opt.min_confidence, step.target.c_str());
      return fail(ActFailure::kLowConfidence, buf);
    }
    if (opt.dry_run) {
      r.message = "dry run: nothing was done";
      audit_step(r);
      return r;
    }

    // 3. Act. The pointer goes to the target first and the "before" capture is retaken, so hover
    // highlighting does not count as an effect.
    t0 = Clock::now();
    Status st = ok_status();
    std::uint64_t target_window = r.screen_point ? desk.window_at(*r.screen_point) : *window;
    if (!target_window) {  // keys with no target and no --window: the topmost window (a dialog just opened)
      // A tooltip under the pointer is on top too, but keys sent to it are lost.
      if (auto all = desk.windows()) {
        for (const auto& w : *all) {
          if (!w.popup) target_window = w.id;
        }
      }
    }
    if (r.screen_point) {
      st = desk.move(*r.screen_point);
      if (st) {
        pause_ms(80);
        if (auto again = desk.capture(*window)) before = std::move(again);
      }
    }
    if (target_window) (void)desk.focus(target_window);
    if (events_on) (void)bus->take_events();  // from here on, events are the action's
    const double hover_ms = r.screen_point ? 80 : 0;
    if (st) {
      switch (step.action) {
        case ActionKind::kClick: st = desk.click(*r.screen_point); break;
        case ActionKind::kDoubleClick: st = desk.click(*r.screen_point, MouseButton::kLeft, 2); break;
        case ActionKind::kRightClick: st = desk.click(*r.screen_point, MouseButton::kRight); break;
        case ActionKind::kScroll: st = desk.scroll(*r.screen_point, step.amount); break;
        case ActionKind::kDrag: {
          Point to = *r.screen_point;
          if (step.drag_by) to = {to.x + step.drag_by->x, to.y + step.drag_by->y};
          st = desk.drag(*r.screen_point, to);
          break;
        }
        case ActionKind::kType:
          if (r.screen_point) st = desk.click(*r.screen_point);
          if (st) st = desk.type_text(step.text);
          break;
        case ActionKind::kKey:
          if (r.screen_point) st = desk.click(*r.screen_point);
          if (st) st = desk.key_chord(step.text);
          break;
        case ActionKind::kWait: break;
      }
    }
    if (!st) return fail(ActFailure::kActionFailed, "input failed: " + st.error().message);
    r.acted = true;
    r.act_ms = std::max(0.0, ms_since(t0) - hover_ms);
    if (vision) vision->invalidate();  // the screen changed under every cached parse and prediction

    // 4. Verify.
    const bool verify = step.verify.value_or(opt.verify);
    if (verify) {
      t0 = Clock::now();
      pause_ms(150);
      auto after = settled_capture(*window);
      if (!after && *window && !desk.find_window(opt.window)) {
        // The action closed the window it worked in (a dialog's OK): that is the effect.
        r.verification = Verification{true, 1, 1, {"window closed: \"" + opt.window + "\""}, "", "window closed: \"" + opt.window + "\""};
        r.verify_ms = ms_since(t0);
        audit_step(r);
        return r;
      }
      if (!after) return fail(ActFailure::kVerificationFailed, "capture after the action failed: " + after.error().message);
      std::vector<AccessibleElement> tree_after;
      std::vector<std::string> windows_after;
      if (bus) {
        if (auto t = bus->snapshot(a11y_filter())) tree_after = std::move(*t);
        if (auto w = bus->window_titles()) windows_after = std::move(*w);
      }
      std::vector<AccessibleEvent> events;
      if (events_on) events = bus->take_events();
      desktop::VerifyInput in;
      if (events_on) in.events = &events;
      in.action = step.action;
      in.typed = step.action == ActionKind::kType ? step.text : "";
      in.before = &*before;
      in.after = &*after;
      if (r.hit) in.target = r.hit->box;
      else if (r.prediction.box) in.target = before->to_screen(*r.prediction.box);
      in.hit = r.hit;
      if (bus) {
        in.tree_before = &tree_before;
        in.tree_after = &tree_after;
        in.windows_before = &windows_before;
        in.windows_after = &windows_after;
      }
      r.verification = desktop::verify_effect(in);
      r.verify_ms = ms_since(t0);
      if (!r.verification->passed) {
        return fail(ActFailure::kVerificationFailed, "verification failed for \"" + step.target + "\": expected " + r.verification->expected +
                                                         "; observed " + r.verification->observed);
      }
    }
    audit_step(r);
    return r;
  }
};

ActSession::ActSession(Desktop& desktop, AccessibilityBus* bus, VisionGrounder* vision, ActOptions options, const std::string& audit_log)
    : impl_(new Impl{desktop, bus, vision, std::move(options), nullptr}) {
  if (auto log = routing::AuditLog::open(audit_log)) impl_->audit = std::move(*log);
  // Events are evidence for verification (any step may ask for it); a refused listener leaves the tree diff.
  if (bus && !impl_->opt.dry_run) impl_->events_on = bus->listen_for_events().ok();
}
ActSession::~ActSession() = default;

StepReport ActSession::run(const ActStep& step) { return impl_->run(step); }

}  // namespace humain
