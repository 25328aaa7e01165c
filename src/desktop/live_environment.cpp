#include "live_environment.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "humain/accessibility.h"
#include "humain/desktop.h"

namespace humain::desktop {
namespace {

namespace fs = std::filesystem;

bool on_path(const std::string& exe) {
  if (exe.find('/') != std::string::npos) return access(exe.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string p = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= p.size()) {
    const size_t end = p.find(':', start);
    const std::string dir = p.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!dir.empty() && access((dir + "/" + exe).c_str(), X_OK) == 0) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

Result<std::unique_ptr<LiveEnvironment>> LiveEnvironment::start(int width, int height) {
  for (const char* exe : {"Xvfb", "dbus-daemon", "/usr/libexec/at-spi-bus-launcher"}) {
    if (!on_path(exe)) return Error::unsupported(std::string(exe) + " not found (Debian: xvfb, dbus, at-spi2-core)");
  }
  std::unique_ptr<LiveEnvironment> env(new LiveEnvironment());
  char tmpl[] = "/tmp/humain-live-XXXXXX";
  if (!mkdtemp(tmpl)) return Error::io("cannot create a scratch folder in /tmp");
  env->scratch_ = tmpl;

  // Xvfb on the first free display from :90 (its lock file and socket tell which are taken).
  for (int n = 90; n < 200 && !env->xvfb_; ++n) {
    if (fs::exists("/tmp/.X" + std::to_string(n) + "-lock") || fs::exists("/tmp/.X11-unix/X" + std::to_string(n))) continue;
    const std::string name = ":" + std::to_string(n);
    auto x = ChildProcess::start({"Xvfb", name, "-screen", "0", std::to_string(width) + "x" + std::to_string(height) + "x24",
                                  "-nolisten", "tcp", "-noreset"});
    if (!x) return x.error();
    for (int i = 0; i < 100; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (!(*x)->running()) break;
      if (Desktop::open(name)) {
        env->xvfb_ = std::move(*x);
        env->display_ = name;
        break;
      }
    }
  }
  if (!env->xvfb_) return Error::io("Xvfb did not start on any display from :90 to :199");

  auto bus = ChildProcess::start({"dbus-daemon", "--session", "--nofork", "--print-address=1"}, {}, true);
  if (!bus) return bus.error();
  env->dbus_ = std::move(*bus);
  for (int i = 0; i < 100 && env->bus_address_.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string& out = env->dbus_->stdout_text();
    if (auto nl = out.find('\n'); nl != std::string::npos) env->bus_address_ = out.substr(0, nl);
  }
  if (env->bus_address_.empty()) return Error::io("dbus-daemon --session printed no address");

  setenv("DISPLAY", env->display_.c_str(), 1);
  setenv("DBUS_SESSION_BUS_ADDRESS", env->bus_address_.c_str(), 1);
  unsetenv("AT_SPI_BUS_ADDRESS");
  auto atspi = ChildProcess::start({"/usr/libexec/at-spi-bus-launcher", "--launch-immediately"}, env->base_environment());
  if (!atspi) return atspi.error();
  env->atspi_ = std::move(*atspi);
  Error last = Error::unsupported("AT-SPI bus not up");
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto b = AccessibilityBus::connect();
    if (b) return env;
    last = b.error();
  }
  return Error::unsupported("the AT-SPI bus did not come up: " + last.message);
}

LiveEnvironment::~LiveEnvironment() {
  atspi_.reset();
  dbus_.reset();
  xvfb_.reset();
  std::error_code ec;
  if (!scratch_.empty()) fs::remove_all(scratch_, ec);
}

std::map<std::string, std::string> LiveEnvironment::app_environment() {
  auto env = base_environment();
  const fs::path run = fs::path(scratch_) / ("run-" + std::to_string(++runs_));
  write_file(run / "config/gtk-3.0/settings.ini",
             "[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\ngtk-recent-files-enabled=false\n");
  fs::create_directories(run / "data");
  fs::create_directories(run / "cache");
  fs::create_directories(run / "runtime");
  fs::permissions(run / "runtime", fs::perms::owner_all, fs::perm_options::replace);
  env["HOME"] = run.string();
  env["XDG_CONFIG_HOME"] = (run / "config").string();
  env["XDG_DATA_HOME"] = (run / "data").string();
  env["XDG_CACHE_HOME"] = (run / "cache").string();
  env["XDG_RUNTIME_DIR"] = (run / "runtime").string();
  return env;
}

std::map<std::string, std::string> LiveEnvironment::base_environment() const {
  return {{"DISPLAY", display_},
          {"DBUS_SESSION_BUS_ADDRESS", bus_address_},
          {"GTK_MODULES", "gail:atk-bridge"},
          {"NO_AT_BRIDGE", "0"},
          {"QT_ACCESSIBILITY", "1"},
          {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "1"},
          {"QT_QPA_PLATFORM", "xcb"},
          {"GDK_BACKEND", "x11"},
          {"GSETTINGS_BACKEND", "memory"},
          {"LANG", "C.UTF-8"},
          {"LC_ALL", "C.UTF-8"}};
}

}  // namespace humain::desktop
