#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

namespace humain::desktop {
namespace {

std::mutex& groups_mu() {
  static std::mutex mu;
  return mu;
}
std::set<pid_t>& groups() {
  static std::set<pid_t> g;
  return g;
}

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::start(const std::vector<std::string>& argv,
                                                          const std::map<std::string, std::string>& env, bool capture_stdout) {
  if (argv.empty()) return Error::invalid("empty command");
  int fds[2] = {-1, -1};
  if (capture_stdout && pipe2(fds, O_CLOEXEC) != 0) return Error::io("pipe: " + std::string(std::strerror(errno)));
  // Prepared before fork: the child may only call async-signal-safe functions.
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) {
    const std::string kv = *e;
    if (!env.count(kv.substr(0, kv.find('=')))) envs.push_back(kv);
  }
  for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
  std::vector<char*> cargv, cenv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  for (const auto& e : envs) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);
  const int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t pid = fork();
  if (pid < 0) return Error::io("fork: " + std::string(std::strerror(errno)));
  if (pid == 0) {
    setpgid(0, 0);
    dup2(devnull, 0);
    dup2(capture_stdout ? fds[1] : devnull, 1);
    dup2(devnull, 2);
    execvpe(cargv[0], cargv.data(), cenv.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also here: no race with a kill right after start
  close(devnull);
  std::unique_ptr<ChildProcess> c(new ChildProcess());
  c->pid_ = pid;
  if (capture_stdout) {
    close(fds[1]);
    c->out_fd_ = fds[0];
    fcntl(c->out_fd_, F_SETFL, O_NONBLOCK);
  }
  std::lock_guard<std::mutex> lock(groups_mu());
  groups().insert(pid);
  return c;
}

ChildProcess::~ChildProcess() {
  kill();
  if (out_fd_ >= 0) close(out_fd_);
}

bool ChildProcess::running() {
  if (exited_ || pid_ <= 0) return false;
  int st = 0;
  if (waitpid(pid_, &st, WNOHANG) == pid_) {
    exited_ = true;
    status_ = st;
    return false;
  }
  return true;
}

int ChildProcess::exit_code() {
  if (running() || !WIFEXITED(status_)) return -1;
  return WEXITSTATUS(status_);
}

bool ChildProcess::wait(int timeout_ms) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (running()) {
    if (std::chrono::steady_clock::now() >= end) return false;
    stdout_text();  // keep the pipe drained so the child never blocks on a full pipe
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

const std::string& ChildProcess::stdout_text() {
  if (out_fd_ < 0) return out_;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    if (out_.size() < (1u << 20)) out_.append(buf, static_cast<size_t>(n));  // bounded
  }
  return out_;
}

void ChildProcess::kill() {
  if (pid_ <= 0) return;
  stdout_text();
  ::kill(-pid_, SIGTERM);  // the group: the app's own children go too
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  while (running() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::kill(-pid_, SIGKILL);
  if (!exited_) {
    int st = 0;
    if (waitpid(pid_, &st, 0) == pid_) status_ = st;
    exited_ = true;
  }
  stdout_text();
  std::lock_guard<std::mutex> lock(groups_mu());
  groups().erase(pid_);
  pid_ = -pid_;  // remembered for messages, never killed twice
}

void kill_all_children() {
  // Called from a signal handler: no locks, no allocation.
  for (pid_t g : groups()) ::kill(-g, SIGKILL);
}

}  // namespace humain::desktop
