// `humain route`: explains where a request would go and why, without calling any model.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "humain/config.h"
#include "humain/image.h"
#include "humain/json_output.h"
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
    const nlohmann::json j = route_json(d.value(), o->operation, config->warnings);
    if (o->json) {
      std::cout << j.dump() << "\n";
    } else {
      std::cout << "tier:        " << tier_name(d->tier) << "\nplan:        " << j["plan"].dump() << "\nmode:        " << d->mode
                << "\nsensitivity: " << sensitivity_name(d->sensitivity) << "\ncomplexity:  " << complexity_name(d->complexity)
                << "\nredactions:  " << j["redactions"].dump() << "\nreasons:\n";
      for (const auto& r : d->reasons) std::cout << "  - " << r << "\n";
      for (const auto& w : config->warnings) std::cout << "warning: " << w << "\n";
    }
    exit_code = 0;
  });
}

}  // namespace humain::cli
