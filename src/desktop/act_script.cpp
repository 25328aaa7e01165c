// Script and task steps from YAML: one action key per step.
#include <yaml-cpp/yaml.h>

#include <map>

#include "humain/act.h"

namespace humain {
namespace {

Result<ActStep> step_from_node(const YAML::Node& n, const std::string& where) {
  if (!n.IsMap()) return Error::invalid(where + ": a step is a map such as {click: \"Save\"}");
  static const std::map<std::string, ActionKind> kActions = {
      {"click", ActionKind::kClick}, {"double_click", ActionKind::kDoubleClick}, {"right_click", ActionKind::kRightClick},
      {"type", ActionKind::kType},   {"key", ActionKind::kKey},                  {"scroll", ActionKind::kScroll},
      {"drag", ActionKind::kDrag},   {"wait", ActionKind::kWait}};
  static const std::vector<std::string> kOptions = {"into", "at", "amount", "by", "verify"};
  ActStep s;
  int actions = 0;
  try {
    for (const auto& kv : n) {
      const std::string key = kv.first.as<std::string>();
      if (auto a = kActions.find(key); a != kActions.end()) {
        ++actions;
        s.action = a->second;
        const std::string v = kv.second.as<std::string>();
        switch (s.action) {
          case ActionKind::kType:
          case ActionKind::kKey: s.text = v; break;
          case ActionKind::kWait: s.amount = kv.second.as<int>(); break;
          default: s.target = v;
        }
      } else if (std::find(kOptions.begin(), kOptions.end(), key) == kOptions.end()) {
        return Error::invalid(where + ": unknown key \"" + key + "\" (actions: click, double_click, right_click, type, key, scroll, drag, wait; options: into, at, amount, by, verify)");
      }
    }
    if (actions != 1) return Error::invalid(where + ": a step needs exactly one action (click, double_click, right_click, type, key, scroll, drag, wait)");
    if (n["into"]) s.target = n["into"].as<std::string>();
    if (n["at"]) s.target = n["at"].as<std::string>();
    if (n["amount"]) s.amount = n["amount"].as<int>();
    if (n["verify"]) s.verify = n["verify"].as<bool>();
    if (n["by"]) {
      const auto b = n["by"];
      if (!b.IsSequence() || b.size() != 2) return Error::invalid(where + ": by: must be [dx, dy] in pixels");
      s.drag_by = Point{b[0].as<double>(), b[1].as<double>()};
    }
  } catch (const YAML::Exception& e) {
    return Error::invalid(where + ": " + e.what());
  }
  if (s.action == ActionKind::kDrag && !s.drag_by) return Error::invalid(where + ": drag needs by: [dx, dy]");
  if ((s.action == ActionKind::kClick || s.action == ActionKind::kDoubleClick || s.action == ActionKind::kRightClick ||
       s.action == ActionKind::kScroll || s.action == ActionKind::kDrag) && s.target.empty()) {
    return Error::invalid(where + ": the step names no element");
  }
  return s;
}

}  // namespace

Result<ActStep> parse_act_step(const std::string& yaml_text, const std::string& where) {
  try {
    return step_from_node(YAML::Load(yaml_text), where);
  } catch (const YAML::Exception& e) {
    return Error::invalid(where + ": " + e.what());
  }
}

Result<ActScript> load_act_script(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Error::io("cannot read script " + path);
  } catch (const YAML::Exception& e) {
    return Error::invalid(path + ": " + e.what());
  }
  if (!root.IsMap() || !root["steps"] || !root["steps"].IsSequence()) return Error::invalid(path + ": expected a map with steps: [...]");
  ActScript script;
  if (root["window"]) script.window = root["window"].as<std::string>("");
  const auto steps = root["steps"];
  if (steps.size() > 1000) return Error::invalid(path + ": more than 1000 steps");
  for (size_t i = 0; i < steps.size(); ++i) {
    auto s = step_from_node(steps[i], path + ": step " + std::to_string(i + 1));
    if (!s) return s.error();
    script.steps.push_back(std::move(*s));
  }
  return script;
}

}  // namespace humain
