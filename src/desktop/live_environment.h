// The private desktop the live benchmark runs in: Xvfb on a free display, a D-Bus session bus, the
// AT-SPI bus launcher, and a scratch HOME. Everything is started here and killed by the destructor.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "humain/result.h"

namespace humain::desktop {

class LiveEnvironment {
 public:
  // Starts Xvfb (width x height x 24), dbus-daemon --session and at-spi-bus-launcher, and points
  // this process's DISPLAY and DBUS_SESSION_BUS_ADDRESS at them (libatspi reads them once).
  static Result<std::unique_ptr<LiveEnvironment>> start(int width, int height);
  ~LiveEnvironment();

  const std::string& display() const { return display_; }
  const std::string& scratch() const { return scratch_; }
  // Environment for an app: the display, the bus, accessibility switched on for GTK and Qt, and a
  // fresh config folder under scratch()/run-N (no cursor blink, no animations).
  std::map<std::string, std::string> app_environment();

 private:
  LiveEnvironment() = default;
  std::map<std::string, std::string> base_environment() const;
  std::string display_, bus_address_, scratch_;
  int runs_ = 0;
  std::unique_ptr<ChildProcess> xvfb_, dbus_, atspi_;
};

}  // namespace humain::desktop
