// humain act: ground an instruction on the live desktop, act on it, and prove it worked.
// Exit codes (docs/ACT.md): 0 done, 2 bad usage/config, 3 no display, 4 no AT-SPI bus, 5 window not
// found, 6 element not found, 7 below the confidence threshold, 8 input failed, 9 verification
// failed, 10 grounder error, 11 built without the desktop layer.
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"

#ifdef HUMAIN_HAVE_DESKTOP
#include <opencv2/imgcodecs.hpp>

#include "core/screenshot_pixels.h"
#include "humain/act.h"
#endif

namespace humain::cli {
namespace {

struct ActArgs {
  std::string instruction, type_text, key, config, display, window, script, tier;
  bool verify = false, dry_run = false, json = false, force = false, double_click = false, right_click = false;
  bool list_elements = false;
  std::string save_capture;
};

#ifdef HUMAIN_HAVE_DESKTOP

nlohmann::json report_json(const StepReport& r) {
  using nlohmann::json;
  const Prediction& p = r.prediction;
  json j = {{"instruction", r.step.target},
            {"point", p.point ? json::array({p.point->x, p.point->y}) : json(nullptr)},
            {"bbox", p.box ? json::array({p.box->x1, p.box->y1, p.box->x2, p.box->y2}) : json(nullptr)},
            {"screen_point", r.screen_point ? json::array({r.screen_point->x, r.screen_point->y}) : json(nullptr)},
            {"confidence", p.confidence},
            {"source", p.source},
            {"acted", r.acted},
            {"hit", r.hit ? json(r.hit->describe()) : json(nullptr)},
            {"result", act_failure_name(r.failure)},
            {"exit_code", act_exit_code(r.failure)},
            {"message", r.message},
            {"timings_ms", {{"capture", r.capture_ms}, {"ground", r.ground_ms}, {"act", r.act_ms}, {"verify", r.verify_ms}, {"total", r.total_ms()}}}};
  if (r.verification) {
    j["verification"] = {{"passed", r.verification->passed},
                         {"evidence", r.verification->evidence},
                         {"region_changed", r.verification->region_changed},
                         {"screen_changed", r.verification->screen_changed},
                         {"expected", r.verification->expected},
                         {"observed", r.verification->observed}};
  }
  return j;
}

// --list-elements: what the accessibility tier sees (to write task files and scripts against).
int list_elements(const ActArgs& a) {
  auto say = [&](const std::string& msg) { std::cerr << "humain act: " << msg << "\n"; };
  auto desk = Desktop::open(a.display);
  if (!desk) return say(desk.error().message), act_exit_code(ActFailure::kNoDisplay);
  auto bus = AccessibilityBus::connect((*desk)->ui_scale());
  if (!bus) return say(bus.error().message), act_exit_code(ActFailure::kNoAccessibilityBus);
  auto tree = (*bus)->snapshot(a.window);
  if (!tree) return say(tree.error().message), act_exit_code(ActFailure::kNoAccessibilityBus);
  for (const auto& el : *tree) {
    std::string states;
    for (const auto& s : el.states) states += (states.empty() ? "" : ",") + s;
    std::cout << std::string(el.depth * 2, ' ') << el.role << " \"" << el.name << "\" [" << el.window << "] box ("
              << el.box.x1 << "," << el.box.y1 << "," << el.box.x2 << "," << el.box.y2 << ")" << (el.actionable ? " actionable" : "")
              << " {" << states << "}";
    if (!el.text.empty()) std::cout << " text=\"" << el.text.substr(0, 60) << "\"";
    if (el.value) std::cout << " value=" << *el.value;
    std::cout << "\n";
  }
  return 0;
}

// --save-capture: the pixels the vision tier would see (to reproduce a miss with `humain ground`).
int save_capture(const ActArgs& a) {
  auto say = [&](const std::string& msg) { std::cerr << "humain act: " << msg << "\n"; };
  auto desk = Desktop::open(a.display);
  if (!desk) return say(desk.error().message), act_exit_code(ActFailure::kNoDisplay);
  std::uint64_t id = 0;
  if (!a.window.empty()) {
    auto w = (*desk)->find_window(a.window);
    if (!w) return say(w.error().message), act_exit_code(ActFailure::kWindowNotFound);
    id = w->id;
  }
  auto cap = (*desk)->capture(id);
  if (!cap) return say("capture failed: " + cap.error().message), act_exit_code(ActFailure::kActionFailed);
  if (!cv::imwrite(a.save_capture, pixels_mat(cap->screen))) return say("cannot write " + a.save_capture + " (use .png)"), 2;
  return 0;
}

int run_act(const ActArgs& a) {
  auto say = [&](const std::string& msg) { std::cerr << "humain act: " << msg << "\n"; };
  if (a.list_elements) return list_elements(a);
  if (!a.save_capture.empty()) return save_capture(a);
  // The steps: one from the flags, or a script.
  std::vector<ActStep> steps;
  std::string window = a.window;
  if (!a.script.empty()) {
    auto script = load_act_script(a.script);
    if (!script) return say(script.error().message), 2;
    steps = std::move(script->steps);
    if (window.empty()) window = script->window;
  } else {
    if (a.instruction.empty() && a.type_text.empty() && a.key.empty()) return say("give --instruction, --type, --key or --script"), 2;
    ActStep s;
    s.target = a.instruction;
    s.action = a.double_click ? ActionKind::kDoubleClick : a.right_click ? ActionKind::kRightClick : ActionKind::kClick;
    if (!a.type_text.empty()) s.action = ActionKind::kType, s.text = a.type_text;
    if (!a.key.empty()) s.action = ActionKind::kKey, s.text = a.key;
    steps.push_back(s);
  }

  std::unique_ptr<Config> config;
  if (!a.config.empty()) {
    auto c = load_config(a.config);
    if (!c) return say(c.error().message), 2;
    config = std::make_unique<Config>(std::move(*c));
  }
  ActOptions opt;
  opt.window = window;
  opt.verify = a.verify;
  opt.dry_run = a.dry_run;
  opt.force = a.force;
  if (config) opt.min_confidence = config->escalate_below;
  // Tier: --tier, else the config's accessibility switch, else both when the bus answers.
  std::optional<ActTier> tier;
  if (!a.tier.empty()) tier = parse_act_tier(a.tier);
  else if (config && config->accessibility) tier = *config->accessibility ? ActTier::kBoth : ActTier::kVision;

  auto desk = Desktop::open(a.display);
  if (!desk) return say(desk.error().message), act_exit_code(ActFailure::kNoDisplay);
  std::unique_ptr<AccessibilityBus> bus;
  if (!tier || *tier != ActTier::kVision) {
    auto b = AccessibilityBus::connect((*desk)->ui_scale());
    if (b) {
      bus = std::move(*b);
    } else if (tier) {
      return say(b.error().message), act_exit_code(ActFailure::kNoAccessibilityBus);
    } else {
      say("note: " + b.error().message + "; using the vision tier only");
    }
  }
  opt.tier = tier ? *tier : (bus ? ActTier::kBoth : ActTier::kVision);
  if (!window.empty()) {
    auto w = (*desk)->find_window(window);
    if (!w) return say(w.error().message), act_exit_code(ActFailure::kWindowNotFound);
  }
  std::optional<VisionGrounder> vision;
  if (opt.tier != ActTier::kAccessibility) {
    auto v = make_vision_grounder(config.get());
    if (!v) return say(v.error().message), act_exit_code(ActFailure::kGroundingError);
    vision = std::move(*v);
  }
  ActSession session(**desk, bus.get(), vision ? &*vision : nullptr, opt, config ? config->audit_log : "");
  nlohmann::json out = nlohmann::json::array();
  int code = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    StepReport r = session.run(steps[i]);
    out.push_back(report_json(r));
    out.back()["step"] = i + 1;
    if (!a.json) {
      if (r.failure == ActFailure::kNone) {
        std::cout << "step " << i + 1 << ": " << (r.step.target.empty() ? r.step.text : r.step.target);
        if (r.screen_point) std::cout << " -> (" << r.screen_point->x << ", " << r.screen_point->y << ") " << r.prediction.source
                                      << " conf " << r.prediction.confidence;
        std::cout << (r.acted ? "" : " [not acted: dry run]");
        if (r.verification) std::cout << " verified: " << r.verification->observed;
        std::cout << "\n";
      }
    }
    if (r.failure != ActFailure::kNone) {
      say("step " + std::to_string(i + 1) + " failed (" + act_failure_name(r.failure) + "): " + r.message);
      code = act_exit_code(r.failure);
      break;
    }
  }
  if (a.json) std::cout << (a.script.empty() ? out.at(0) : out).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return code;
}

#else

int run_act(const ActArgs&) {
  std::cerr << "humain act: this build has no desktop layer (install libx11-dev libxext-dev libxtst-dev "
               "libatspi2.0-dev and rebuild with -DHUMAIN_DESKTOP=ON)\n";
  return 11;
}

#endif

}  // namespace

void add_act_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ActArgs>();
  auto* c = app.add_subcommand("act", "On a live X11 desktop: capture, ground the instruction, click/type, verify the effect");
  c->add_option("--instruction", a->instruction, "What to act on, e.g. \"click Save\"");
  c->add_option("--type", a->type_text, "Text to type (into the element --instruction names, else where the focus is)");
  c->add_option("--key", a->key, "Key chord to press, e.g. ctrl+s (after clicking --instruction's element, if given)");
  c->add_flag("--double", a->double_click, "Double click");
  c->add_flag("--right", a->right_click, "Right click");
  c->add_option("--script", a->script, "YAML steps to run in order (docs/ACT.md)");
  c->add_option("--config", a->config, "YAML config: VLM tiers, escalate_below (the click threshold), accessibility: on|off");
  c->add_option("--display", a->display, "X display, e.g. :99 (default $DISPLAY)");
  c->add_option("--window", a->window, "Work inside this window (title substring or id)");
  c->add_option("--tier", a->tier, "vision | accessibility | both (default: config, else both when AT-SPI is up)")
      ->check(CLI::IsMember({"vision", "accessibility", "both"}));
  c->add_flag("--verify", a->verify, "Check the action took effect (pixels + AT-SPI); exit 9 when it did not");
  c->add_flag("--dry-run", a->dry_run, "Ground and report, but do not act");
  c->add_flag("--force", a->force, "Act even when the confidence is below the threshold");
  c->add_flag("--json", a->json, "Print the step report(s) as JSON");
  c->add_flag("--list-elements", a->list_elements, "Print the AT-SPI elements of --window (all windows when none) and exit");
  c->add_option("--save-capture", a->save_capture, "Write the capture of --window (or the screen) to this PNG and exit");
  c->callback([a, &exit_code] { exit_code = run_act(*a); });
}

}  // namespace humain::cli
