// Runs build/humain-testserver as a child process (a real separate server that can be killed),
// reading its port from the first line of its stdout. RAII: the destructor kills and reaps it.
#pragma once

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace humain::testing {

class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& args) {
    const std::string bin = std::string(HUMAIN_BINARY_DIR) + "/humain-testserver";
    if (access(bin.c_str(), X_OK) != 0) {
      error_ = bin + " is missing: build the humain_testserver target";
      return;
    }
    int fds[2];
    if (pipe(fds) != 0) {
      error_ = "pipe failed";
      return;
    }
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv{const_cast<char*>(bin.c_str())};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    FILE* out = fdopen(fds[0], "r");
    char line[64] = {0};
    if (!out || !fgets(line, sizeof line, out)) {
      error_ = "test server printed no port";
    } else {
      port_ = std::atoi(line);
    }
    if (out) fclose(out);
  }
  ~ServerProcess() { kill_now(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool ok() const { return port_ > 0; }
  const std::string& error() const { return error_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // SIGKILL: the server vanishes mid-whatever, as a crashed machine would.
  void kill_now() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
};

}  // namespace humain::testing
