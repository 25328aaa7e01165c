// `humain route`: explains where a request would go and why, without calling any model.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "humain/config.h"
#include "humain/image.h"
#include "humain/router.h"

namespace humain::cli {

void add_route_command(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string config, task, image, operation = "grounding", sensitivity;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("route", "Explain which tier (local engine, local VLM, cloud VLM) a request goes to, and why");
  cmd->add_option("--config", o->config, "YAML config (docs/CONFIG.md)")->required();
  cmd->add_option("--task", o->task, "the instruction or task text")->required();
  cmd->add_option("--image", o->image, "screenshot: scanned by OCR for confidential text");
  cmd->add_option("--operation", o->operation, "grounding | planning | reasoning")
      ->check(CLI::IsMember({"grounding", "planning", "reasoning"}));
  cmd->add_option("--sensitivity", o->sensitivity, "what the caller knows: public | internal | confidential")
      ->check(CLI::IsMember({"public", "internal", "confidential"}));
  cmd->add_flag("--json", o->json, "print one JSON object");
  cmd->callback([o, &exit_code] {
    exit_code = 1;
    auto config = load_config(o->config);
    if (!config.ok()) {
      std::cerr << "humain route: " << config.error().message << "\n";
      return;
    }
    std::optional<Screenshot> screen;
    if (!o->image.empty()) {
      auto s = load_screenshot(o->image);
      if (!s.ok()) {
        std::cerr << "humain route: " << s.error().message << "\n";
        return;
      }
      screen = std::move(s.value());
    }
    auto router = make_router(config.value());
    if (!router.ok()) {
      std::cerr << "humain route: " << router.error().message << "\n";
      return;
    }
    RouteRequest req;
    req.task = o->task;
    req.operation = o->operation;
    if (!o->sensitivity.empty()) req.sensitivity = parse_sensitivity(o->sensitivity);
    req.screen = screen ? &*screen : nullptr;  // without one, the decision rests on the task text
    auto d = (*router)->decide(req);
    if (!d.ok()) {
      std::cerr << "humain route: " << d.error().message << "\n";
      return;
    }
    nlohmann::json redactions = nlohmann::json::array(), findings = nlohmann::json::array(), plan = nlohmann::json::array();
    auto box = [](const Box& b) {
      return nlohmann::json::array({std::lround(b.x1), std::lround(b.y1), std::lround(b.x2), std::lround(b.y2)});
    };
    for (const auto& b : d->redactions) redactions.push_back(box(b));
    for (const auto& f : d->findings) findings.push_back({{"kind", f.kind}, {"level", sensitivity_name(f.level)}, {"box", box(f.box)}});
    for (Tier t : d->plan) plan.push_back(tier_name(t));
    if (o->json) {
      nlohmann::json j = {{"tier", tier_name(d->tier)}, {"mode", d->mode}, {"sensitivity", sensitivity_name(d->sensitivity)},
                          {"complexity", complexity_name(d->complexity)}, {"reasons", d->reasons},
                          {"redactions", redactions}, {"plan", plan}, {"operation", o->operation},
                          {"cloud_allowed", d->cloud_allowed}, {"findings", findings}, {"warnings", config->warnings}};
      std::cout << j.dump() << "\n";
    } else {
      std::cout << "tier:        " << tier_name(d->tier) << "\nplan:        " << plan.dump() << "\nmode:        " << d->mode
                << "\nsensitivity: " << sensitivity_name(d->sensitivity) << "\ncomplexity:  " << complexity_name(d->complexity)
                << "\nredactions:  " << redactions.dump() << "\nreasons:\n";
      for (const auto& r : d->reasons) std::cout << "  - " << r << "\n";
      for (const auto& w : config->warnings) std::cout << "warning: " << w << "\n";
    }
    exit_code = 0;
  });
}

}  // namespace humain::cli
