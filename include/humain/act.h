// Act: capture -> ground -> act -> verify on a live desktop, one step at a time (the agent loop
// without the planner). docs/ACT.md has the loop, the verification rules and the exit codes.
//
//   ActSession session(*desktop, bus.get(), vision, {.tier = ActTier::kBoth, .verify = true});
//   auto report = session.run({.action = ActionKind::kClick, .target = "click 7"});
//   if (report.failure != ActFailure::kNone) ... report.message says which step failed and why
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "humain/accessibility.h"
#include "humain/cache.h"
#include "humain/config.h"
#include "humain/desktop.h"
#include "humain/grounder.h"
#include "humain/local_engine.h"
#include "humain/prediction.h"
#include "humain/result.h"

namespace humain {

enum class ActionKind { kClick, kDoubleClick, kRightClick, kType, kKey, kScroll, kDrag, kWait };
enum class ActTier { kVision, kAccessibility, kBoth };
const char* act_tier_name(ActTier t);          // "vision" | "accessibility" | "both"
std::optional<ActTier> parse_act_tier(const std::string& s);

// One step. `target` is an instruction naming an element ("click Save"); kType and kKey may leave
// it empty to act on whatever has the focus, kWait never has one.
struct ActStep {
  ActionKind action = ActionKind::kClick;
  std::string target;
  std::string text;                 // kType: the text; kKey: the chord ("ctrl+s")
  int amount = 3;                   // kScroll: notches (negative = up); kWait: milliseconds
  std::optional<Point> drag_by;     // kDrag: offset in pixels from the target's centre
  std::string drag_to;              // kDrag: or an instruction naming the drop point
  std::optional<bool> verify;       // per-step override of ActOptions::verify
};

// Parses a script / task step: a map with one action key, e.g. {click: "Save"}, {type: "hi",
// into: "search field"}, {key: "ctrl+s"}, {scroll: "text area", amount: -3}, {drag: "slider",
// by: [80, 0]}, {double_click: ...}, {right_click: ...}, {wait: 500}; optional verify: bool.
// `yaml_text` is one step in YAML flow or block form; `where` prefixes error messages.
Result<ActStep> parse_act_step(const std::string& yaml_text, const std::string& where);
// A script file: `window: TITLE` (optional) and `steps: [...]`.
struct ActScript {
  std::string window;
  std::vector<ActStep> steps;
};
Result<ActScript> load_act_script(const std::string& path);

struct ActOptions {
  ActTier tier = ActTier::kBoth;
  std::string window;               // title or id; empty = the whole screen
  std::string accessible_filter;    // AT-SPI windows/apps to read (substring); "" = `window`
  double min_confidence = 0.6;      // below it nothing is clicked (the config's escalate_below)
  bool force = false;               // act even below min_confidence
  bool dry_run = false;             // ground and report, never act
  bool verify = false;
  int settle_ms = 2000;             // verification waits up to this long for the screen to settle
};

// Why a step failed; each maps to its own `humain act` exit code (act_exit_code).
enum class ActFailure {
  kNone, kNoDisplay, kNoAccessibilityBus, kWindowNotFound, kGroundingError, kElementNotFound,
  kLowConfidence, kActionFailed, kVerificationFailed
};
int act_exit_code(ActFailure f);     // 0, 3, 4, 5, 10, 6, 7, 8, 9 in that order
const char* act_failure_name(ActFailure f);

// What verification saw: evidence that the action took effect, or why it believes it did not.
struct Verification {
  bool passed = false;
  double region_changed = 0;        // fraction of pixels changed around the target (0..1)
  double screen_changed = 0;        // fraction changed in the whole capture
  std::vector<std::string> evidence;  // "checked: false -> true", "window opened: Find", "pixels: 4.1% near the target"
  std::string expected;             // what would have counted
  std::string observed;             // what changed (or "nothing")
};

struct StepReport {
  ActStep step;
  Prediction prediction;            // pixels of the capture
  std::optional<Point> screen_point;  // where the input went (screen pixels)
  std::optional<AccessibleElement> hit;  // AT-SPI element under the point before acting, when the bus is up
  bool acted = false;
  double capture_ms = 0, ground_ms = 0, act_ms = 0, verify_ms = 0;
  std::optional<Verification> verification;
  ActFailure failure = ActFailure::kNone;
  std::string message;              // for people: what failed and why
  double total_ms() const { return capture_ms + ground_ms + act_ms + verify_ms; }
};

// The grounders of the loop: the local engine, or the router over it when the config has VLM tiers,
// with the caches `invalidate()` empties after every action.
struct VisionGrounder {
  std::shared_ptr<LocalEngine> engine;
  std::shared_ptr<Grounder> grounder;   // tier vision: the engine itself, or the router using it
  // Tier both: the router with the accessibility tier first (RouterDeps::accessibility), then the
  // vision tiers. Its accessibility tier reads `view`, which the session sets before each step.
  std::shared_ptr<Grounder> with_accessibility;
  std::shared_ptr<AccessibleView> view;
  std::shared_ptr<PredictionCache> cache;  // the router's prediction cache, when caching is on
  void invalidate();
};
Result<VisionGrounder> make_vision_grounder(const Config* config);

class ActSession {
 public:
  // `bus` may be null (no accessibility: tier must be vision); `vision` may be null when the tier is
  // accessibility. Both must outlive the session. `audit_log` ("" = none) gets one line per step.
  ActSession(Desktop& desktop, AccessibilityBus* bus, VisionGrounder* vision, ActOptions options,
             const std::string& audit_log = "");
  ~ActSession();

  // Runs one step: capture, ground, act, verify. Never throws; the failure is in the report.
  StepReport run(const ActStep& step);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace humain
