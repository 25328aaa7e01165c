// Child processes the live benchmark starts (Xvfb, dbus-daemon, the AT-SPI bus, apps). Each runs in
// its own process group; the destructor kills the group (SIGTERM, then SIGKILL), so nothing outlives
// the benchmark even when a task fails or throws.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "humain/result.h"

namespace humain::desktop {

class ChildProcess {
 public:
  // Starts argv[0] (searched in PATH) with the current environment plus `env`; stdout goes to a
  // pipe read by stdout_text() when `capture_stdout`, else both streams to /dev/null.
  static Result<std::unique_ptr<ChildProcess>> start(const std::vector<std::string>& argv,
                                                     const std::map<std::string, std::string>& env = {},
                                                     bool capture_stdout = false);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // True while the process has not exited (reaps it when it has).
  bool running();
  // Exit status once exited (-1 while running or when killed by a signal).
  int exit_code();
  // Waits up to `timeout_ms` for the exit; true when it exited.
  bool wait(int timeout_ms);
  // Everything written to stdout so far (non-blocking read).
  const std::string& stdout_text();
  // Kills the whole process group now.
  void kill();

 private:
  ChildProcess() = default;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int status_ = 0;
  bool exited_ = false;
  std::string out_;
};

// Every process group started and not yet killed: killed by kill_all_children() (signal handlers).
void kill_all_children();

}  // namespace humain::desktop
