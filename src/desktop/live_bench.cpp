// humain bench live: every task, once per tier, each time in a freshly started app.
#include <signal.h>
#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "child_process.h"
#include "humain/live_bench.h"
#include "live_environment.h"

namespace humain {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct LiveApp {
  std::vector<std::string> command;
  std::string window;       // X window title (substring) that says the app is up
  std::string accessible;   // AT-SPI application/window filter ("" = window)
};

struct ExpectSpec {
  std::string kind;  // text | state | value | file | stdout | exit_code | window
  YAML::Node node;
};

struct LiveStep {
  ActStep step;
  std::optional<std::pair<std::string, std::string>> truth;  // role, name of the element meant
};

struct LiveTask {
  std::string id, app;
  std::vector<std::string> args;
  std::vector<LiveStep> steps;
  std::vector<ExpectSpec> expect;
};

struct TaskFile {
  std::map<std::string, LiveApp> apps;
  std::vector<LiveTask> tasks;
};

std::string expand(std::string s, const std::string& tmp) {
  for (size_t at; (at = s.find("${TMP}")) != std::string::npos;) s.replace(at, 6, tmp);
  return s;
}

// ${TASKDIR}: the task file's folder (documents the apps open, e.g. tests/live/sample.pdf).
void expand_task_dir(std::string& s, const std::string& task_file) {
  for (size_t at; (at = s.find("${TASKDIR}")) != std::string::npos;) s.replace(at, 10, fs::absolute(task_file).parent_path().string());
}

Result<TaskFile> load_tasks(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Error::io("cannot read task file " + path);
  } catch (const YAML::Exception& e) {
    return Error::invalid(path + ": " + e.what());
  }
  TaskFile tf;
  try {
    if (!root["apps"] || !root["apps"].IsMap() || !root["tasks"] || !root["tasks"].IsSequence()) {
      return Error::invalid(path + ": expected apps: {NAME: {command: [...], window: TITLE}} and tasks: [...]");
    }
    for (const auto& kv : root["apps"]) {
      LiveApp app;
      app.command = kv.second["command"].as<std::vector<std::string>>();
      for (auto& a : app.command) expand_task_dir(a, path);
      app.window = kv.second["window"].as<std::string>("");
      app.accessible = kv.second["accessible"].as<std::string>(app.window);
      if (app.command.empty()) return Error::invalid(path + ": app " + kv.first.as<std::string>() + " has an empty command");
      tf.apps[kv.first.as<std::string>()] = app;
    }
    std::set<std::string> ids;
    for (const auto& t : root["tasks"]) {
      LiveTask task;
      task.id = t["id"].as<std::string>("");
      task.app = t["app"].as<std::string>("");
      const std::string where = path + ": task " + task.id;
      if (task.id.empty() || !ids.insert(task.id).second) return Error::invalid(where + ": every task needs a unique id");
      if (!tf.apps.count(task.app)) return Error::invalid(where + ": unknown app \"" + task.app + "\"");
      if (t["args"]) task.args = t["args"].as<std::vector<std::string>>();
      for (auto& a : task.args) expand_task_dir(a, path);
      if (!t["steps"] || !t["steps"].IsSequence()) return Error::invalid(where + ": steps: [...] missing");
      int i = 0;
      for (auto s : t["steps"]) {
        ++i;
        LiveStep ls;
        YAML::Node copy = YAML::Clone(s);
        if (copy.IsMap() && copy["truth"]) {
          const std::string truth = copy["truth"].as<std::string>();  // "role:name"
          const auto colon = truth.find(':');
          if (colon == std::string::npos) return Error::invalid(where + ": truth must read \"role:name\"");
          ls.truth = std::make_pair(truth.substr(0, colon), truth.substr(colon + 1));
          copy.remove("truth");
        }
        YAML::Emitter em;
        em << copy;
        auto step = parse_act_step(em.c_str(), where + " step " + std::to_string(i));
        if (!step) return step.error();
        ls.step = std::move(*step);
        task.steps.push_back(std::move(ls));
      }
      if (t["expect"]) {
        for (const auto& e : t["expect"]) {
          if (!e.IsMap() || e.size() != 1) return Error::invalid(where + ": each expect entry is a map with one key");
          ExpectSpec spec{e.begin()->first.as<std::string>(), e.begin()->second};
          static const std::set<std::string> kKinds = {"text", "state", "value", "file", "stdout", "exit_code", "window"};
          if (!kKinds.count(spec.kind)) return Error::invalid(where + ": unknown expect \"" + spec.kind + "\"");
          task.expect.push_back(spec);
        }
      }
      if (task.expect.empty()) return Error::invalid(where + ": a task needs at least one expected effect");
      tf.tasks.push_back(std::move(task));
    }
  } catch (const YAML::Exception& e) {
    return Error::invalid(path + ": " + e.what());
  }
  return tf;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool element_matches(const AccessibleElement& el, const YAML::Node& n) {
  if (n["role"] && el.role != n["role"].as<std::string>()) return false;
  if (n["name"] && lower(el.name) != lower(n["name"].as<std::string>())) return false;
  return true;
}

// One expected effect, checked now. `why` says what was seen when it fails.
bool check_expect(const ExpectSpec& e, const std::vector<AccessibleElement>& tree, const std::vector<AccessibleElement>& initial,
                  const std::vector<std::optional<AccessibleElement>>& truths, desktop::ChildProcess& app, Desktop& desk,
                  const std::string& tmp, std::string& why) {
  const YAML::Node& n = e.node;
  if (e.kind == "text") {
    if (n["absent"]) {
      const std::string gone = n["absent"].as<std::string>();
      for (const auto& el : tree) {
        if (element_matches(el, n) && el.text.find(gone) != std::string::npos) return why = el.describe() + " still shows \"" + gone + "\"", false;
      }
      return true;
    }
    const bool exact = static_cast<bool>(n["equals"]);
    const std::string want = exact ? n["equals"].as<std::string>() : n["contains"].as<std::string>();
    for (const auto& el : tree) {
      if (!element_matches(el, n)) continue;
      if (exact ? (el.text == want || (el.text.empty() && el.name == want))
                : (el.text.find(want) != std::string::npos || el.name.find(want) != std::string::npos)) return true;
    }
    why = "no element shows \"" + want + "\"";
    std::string seen;  // what the matching elements do show, to tell a wrong answer from no answer
    for (const auto& el : tree) {
      if (element_matches(el, n) && !el.text.empty() && seen.size() < 120) seen += (seen.empty() ? "" : ", ") + ("\"" + el.text.substr(0, 40) + "\"");
    }
    if (!seen.empty()) why += " (they show " + seen + ")";
    return false;
  }
  if (e.kind == "state") {
    const std::string state = n["state"].as<std::string>();
    const bool is = n["is"].as<bool>(true);
    if (n["step"]) {  // the element step N's truth named, found again by role and box
      const int k = n["step"].as<int>() - 1;
      if (k < 0 || k >= static_cast<int>(truths.size()) || !truths[k]) return why = "step " + std::to_string(k + 1) + " has no truth element", false;
      for (const auto& el : tree) {
        if (el.role == truths[k]->role && iou(el.box, truths[k]->box) > 0.5) {
          if (el.has(state) == is) return true;
          return why = el.describe() + " has " + state + "=" + (el.has(state) ? "on" : "off"), false;
        }
      }
      return why = truths[k]->describe() + " is gone", false;
    }
    for (const auto& el : tree) {
      if (element_matches(el, n) && el.has(state) == is) return true;
    }
    why = "no matching element with " + state + "=" + (is ? "on" : "off");
    return false;
  }
  if (e.kind == "value") {
    for (const auto& el : tree) {
      if (!element_matches(el, n) || !el.value) continue;
      if (n["changed"]) {
        for (const auto& old : initial) {
          if (old.role == el.role && old.name == el.name && old.box == el.box && old.value && *old.value != *el.value) return true;
        }
      }
      if (n["above"] && *el.value > n["above"].as<double>()) return true;
      if (n["below"] && *el.value < n["below"].as<double>()) return true;
    }
    why = "no matching element's value moved as expected";
    return false;
  }
  if (e.kind == "file") {
    const std::string path = expand(n["path"].as<std::string>(), tmp);
    std::ifstream in(path);
    if (!in) return why = "file " + path + " does not exist", false;
    std::stringstream ss;
    ss << in.rdbuf();
    if (n["contains"] && ss.str().find(n["contains"].as<std::string>()) == std::string::npos) {
      return why = "file " + path + " lacks \"" + n["contains"].as<std::string>() + "\"", false;
    }
    return true;
  }
  if (e.kind == "stdout" || e.kind == "exit_code") {
    app.wait(200);
    if (app.running()) return why = "the app is still running", false;
    if (e.kind == "exit_code") {
      if (app.exit_code() == n.as<int>()) return true;
      return why = "exit code " + std::to_string(app.exit_code()), false;
    }
    const std::string out = app.stdout_text();
    if (out.find(n["contains"].as<std::string>()) != std::string::npos) return true;
    return why = "stdout was \"" + out.substr(0, 80) + "\"", false;
  }
  if (e.kind == "window") {
    const bool open = n["open"].as<bool>(true);
    const bool found = desk.find_window(n["title"].as<std::string>()).ok();
    if (found == open) return true;
    return why = std::string("window \"") + n["title"].as<std::string>() + "\" " + (found ? "is open" : "is not open"), false;
  }
  why = "unknown expectation";
  return false;
}

bool on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

struct Tally {
  int tasks = 0, successes = 0, pointer_steps = 0, hits = 0, false_clicks = 0;
  std::vector<double> step_ms, capture_ms, ground_ms, act_ms, verify_ms;
  std::map<std::string, int> answered_by;  // steps per prediction source ("accessibility", "local-engine:...")
  json summary() const {
    return {{"tasks", tasks},
            {"success_rate", tasks ? static_cast<double>(successes) / tasks : 0.0},
            {"click_accuracy", pointer_steps ? static_cast<double>(hits) / pointer_steps : 0.0},
            {"false_clicks", false_clicks},
            {"median_step_ms", median(step_ms)},
            {"median_capture_ms", median(capture_ms)},
            {"median_ground_ms", median(ground_ms)},
            {"median_act_ms", median(act_ms)},
            {"median_verify_ms", median(verify_ms)},
            {"answered_by", answered_by}};
  }
};

void on_signal(int sig) {
  desktop::kill_all_children();
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

Result<json> run_live_bench(const std::string& tasks_file, const LiveBenchOptions& options) {
  auto tf = load_tasks(tasks_file);
  if (!tf) return tf.error();
  std::unique_ptr<Config> config;
  if (!options.config.empty()) {
    auto c = load_config(options.config);
    if (!c) return c.error();
    config = std::make_unique<Config>(std::move(*c));
  }
  std::vector<const LiveTask*> tasks;
  std::set<std::string> not_installed;  // apps whose program is not on PATH: their tasks are skipped, and said so
  for (const auto& t : tf->tasks) {
    if (!options.only.empty() && t.id.find(options.only) == std::string::npos && t.app.find(options.only) == std::string::npos) continue;
    if (options.limit > 0 && static_cast<int>(tasks.size()) >= options.limit) break;
    if (!on_path(tf->apps.at(t.app).command.front())) {
      not_installed.insert(t.app);
      continue;
    }
    tasks.push_back(&t);
  }
  for (const auto& app : not_installed) {
    std::cerr << "bench live: skipping the tasks of " << app << ": " << tf->apps.at(app).command.front() << " is not installed\n";
  }
  if (tasks.empty()) return Error::invalid("no task in " + tasks_file + " matches" + (not_installed.empty() ? "" : " an installed app"));

  // Ctrl-C or a kill must not leave Xvfb and the apps behind.
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) signal(sig, on_signal);
  auto env = desktop::LiveEnvironment::start(options.screen_width, options.screen_height);
  if (!env) return env.error();
  auto desk = Desktop::open((*env)->display());
  if (!desk) return desk.error();
  auto bus = AccessibilityBus::connect((*desk)->ui_scale());
  if (!bus) return bus.error();
  std::optional<VisionGrounder> vision;
  for (ActTier t : options.tiers) {
    if (t != ActTier::kAccessibility && !vision) {
      auto v = make_vision_grounder(config.get());
      if (!v) return v.error();
      vision = std::move(*v);
    }
  }

  std::map<std::string, Tally> by_tier;
  std::map<std::string, std::map<std::string, Tally>> by_tier_app;
  json results = json::array();
  std::set<std::string> apps;
  for (ActTier tier : options.tiers) {
    for (const LiveTask* task : tasks) {
      const LiveApp& app = tf->apps.at(task->app);
      apps.insert(task->app);
      const std::string tmp = (*env)->scratch() + "/files-" + act_tier_name(tier) + "-" + task->id;
      fs::create_directories(tmp);
      json row = {{"task", task->id}, {"app", task->app}, {"tier", act_tier_name(tier)}};
      Tally one;
      one.tasks = 1;
      std::string failure;
      std::vector<std::string> argv = app.command;
      for (const auto& a : task->args) argv.push_back(expand(a, tmp));
      auto proc = desktop::ChildProcess::start(argv, (*env)->app_environment(), true);
      if (!proc) return proc.error();
      // Up when its window is mapped and its tree is showing on the bus.
      const auto t0 = Clock::now();
      bool up = false;
      while (!up && std::chrono::duration<double, std::milli>(Clock::now() - t0).count() < options.app_start_timeout_ms) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (!(*proc)->running()) break;
        if (!(*desk)->find_window(app.window)) continue;
        auto tree = (*bus)->snapshot(app.accessible);
        up = tree && tree->size() > 3;
      }
      if (!up) {
        failure = "app did not come up (window \"" + app.window + "\" with an AT-SPI tree)";
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));  // first paint
        ActOptions opt;
        opt.tier = tier;
        opt.accessible_filter = app.accessible;
        opt.verify = true;
        if (config) opt.min_confidence = config->escalate_below;
        ActSession session(**desk, bus->get(), vision ? &*vision : nullptr, opt, config ? config->audit_log : "");
        auto initial = (*bus)->snapshot(app.accessible);
        json steps = json::array();
        std::vector<std::optional<AccessibleElement>> truths;
        for (const auto& ls : task->steps) {
          ActStep step = ls.step;
          step.text = expand(step.text, tmp);
          std::optional<Box> truth_box;
          truths.emplace_back();
          if (ls.truth) {
            // The first element in tree order with that role and name; a greyed-out one only when no
            // sensitive one exists (nobody means a control that cannot be clicked; the widget
            // factory repeats "checkbutton" six times, three of them insensitive).
            if (auto tree = (*bus)->snapshot(app.accessible)) {
              for (const bool want_sensitive : {true, false}) {
                for (const auto& el : *tree) {
                  if (el.role == ls.truth->first && el.name == ls.truth->second && el.box.area() > 0 &&
                      (!want_sensitive || el.has("sensitive"))) {
                    truth_box = el.box;
                    truths.back() = el;
                    break;
                  }
                }
                if (truth_box) break;
              }
            }
          }
          StepReport r = session.run(step);
          json s = {{"target", step.target}, {"result", act_failure_name(r.failure)}, {"source", r.prediction.source},
                    {"confidence", r.prediction.confidence}, {"ms", r.total_ms()}};
          if (r.verification) s["verified"] = r.verification->passed;
          if (!r.prediction.source.empty()) ++one.answered_by[r.prediction.source];
          one.step_ms.push_back(r.total_ms());
          one.capture_ms.push_back(r.capture_ms);
          one.ground_ms.push_back(r.ground_ms);
          if (r.acted) one.act_ms.push_back(r.act_ms);
          if (r.verification) one.verify_ms.push_back(r.verify_ms);
          if (ls.truth) {
            ++one.pointer_steps;
            const bool hit = r.screen_point && truth_box && contains(*truth_box, *r.screen_point);
            s["hit"] = hit;
            if (!truth_box) s["truth_missing"] = ls.truth->first + ":" + ls.truth->second;
            if (hit) ++one.hits;
            if (r.acted && !hit && r.screen_point) ++one.false_clicks;
          }
          steps.push_back(s);
          // Nothing acted (not found, below threshold, input error): the task cannot go on.
          if (r.failure != ActFailure::kNone && r.failure != ActFailure::kVerificationFailed) {
            failure = "step \"" + (step.target.empty() ? step.text : step.target) + "\": " + r.message;
            break;
          }
        }
        row["steps"] = steps;
        if (failure.empty()) {
          // Effects may land a moment later (a file written, a dialog closing): retry for 3 s.
          const auto t1 = Clock::now();
          for (;;) {
            std::string why;
            bool all = true;
            auto tree = (*bus)->snapshot(app.accessible);
            std::vector<AccessibleElement> none;
            for (const auto& e : task->expect) {
              if (!check_expect(e, tree ? *tree : none, initial ? *initial : none, truths, **proc, **desk, tmp, why)) {
                all = false;
                break;
              }
            }
            if (all) break;
            if (std::chrono::duration<double>(Clock::now() - t1).count() > 3) {
              failure = "expected effect missing: " + why;
              break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
          }
        }
      }
      (*proc)->kill();
      one.successes = failure.empty() ? 1 : 0;
      row["success"] = failure.empty();
      if (!failure.empty()) row["failure"] = failure;
      row["click_hits"] = one.hits;
      row["pointer_steps"] = one.pointer_steps;
      row["false_clicks"] = one.false_clicks;
      results.push_back(row);
      if (options.verbose) {
        std::cerr << "[" << act_tier_name(tier) << "] " << task->id << ": " << (failure.empty() ? "ok" : failure) << "\n";
      }
      for (Tally* t : {&by_tier[act_tier_name(tier)], &by_tier_app[act_tier_name(tier)][task->app]}) {
        t->tasks += one.tasks;
        t->successes += one.successes;
        t->pointer_steps += one.pointer_steps;
        t->hits += one.hits;
        t->false_clicks += one.false_clicks;
        for (const auto& [source, n] : one.answered_by) t->answered_by[source] += n;
        for (auto [dst, src] : {std::pair{&t->step_ms, &one.step_ms}, {&t->capture_ms, &one.capture_ms}, {&t->ground_ms, &one.ground_ms},
                                {&t->act_ms, &one.act_ms}, {&t->verify_ms, &one.verify_ms}}) {
          dst->insert(dst->end(), src->begin(), src->end());
        }
      }
    }
  }
  json report = {{"tasks", static_cast<int>(tasks.size())}, {"apps", static_cast<int>(apps.size())}, {"by_tier", json::object()},
                 {"by_tier_app", json::object()}, {"task_file", tasks_file}, {"display", (*env)->display()}};
  report["app_names"] = std::vector<std::string>(apps.begin(), apps.end());
  report["skipped_apps"] = std::vector<std::string>(not_installed.begin(), not_installed.end());
  for (const auto& [tier, t] : by_tier) report["by_tier"][tier] = t.summary();
  for (const auto& [tier, m] : by_tier_app) {
    for (const auto& [app, t] : m) report["by_tier_app"][tier][app] = t.summary();
  }
  report["results"] = results;
  return report;
}

}  // namespace humain
