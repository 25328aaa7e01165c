// `humain serve`: the resident HTTP service (docs/SERVE.md). SIGTERM/SIGINT stop accepting, let
// in-flight requests finish within serve.shutdown_grace, flush the logs and exit 0.
#include <pthread.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "commands.h"
#include "humain/config.h"
#include "humain/server.h"

namespace humain::cli {
namespace {

int run_serve(const std::string& config_path, const std::string& listen) {
  Config config;
  if (!config_path.empty()) {
    auto c = load_config(config_path);
    if (!c.ok()) {
      std::cerr << "humain serve: " << c.error().message << "\n";
      return 2;
    }
    config = std::move(c.value());
  }
  if (!listen.empty()) config.serve.listen = listen;

  // The stop signals go to one waiting thread, never to a worker in the middle of a request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is the write's error, not the process's end

  auto server = make_server(config);
  if (!server.ok()) {
    std::cerr << "humain serve: " << server.error().message << "\n";
    return 1;
  }
  const std::string host = config.serve.listen.substr(0, config.serve.listen.rfind(':'));
  std::cout << "humain serve: listening on http://" << host << ":" << (*server)->port() << std::endl;

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::cerr << "humain serve: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ": draining\n";
    (*server)->stop();
    // Bounded: requests still running after the grace period do not keep the process alive.
    std::this_thread::sleep_for(std::chrono::duration<double>(config.serve.shutdown_grace_s + 5));
    std::cerr << "humain serve: requests still running after serve.shutdown_grace; exiting\n";
    std::fflush(nullptr);
    _exit(1);
  });
  waiter.detach();
  const Status st = (*server)->run();
  if (!st.ok()) {
    std::cerr << "humain serve: " << st.error().message << "\n";
    return 1;
  }
  std::cerr << "humain serve: stopped\n";
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string config, listen;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("serve", "Run the HTTP service: /v1/ground, /v1/screens, /v1/parse, /v1/route, "
                                          "OpenAI /v1/chat/completions and Ollama /api/chat proxies, /metrics");
  cmd->add_option("--config", o->config, "YAML config (docs/CONFIG.md; serve: section in docs/SERVE.md)")->check(CLI::ExistingFile);
  cmd->add_option("--listen", o->listen, "HOST:PORT (default serve.listen, 127.0.0.1:8090; port 0 = any free port)");
  cmd->footer("Exit codes: 0 stopped by SIGTERM/SIGINT after draining, 1 could not serve, 2 bad config.");
  cmd->callback([o, &exit_code] { exit_code = run_serve(o->config, o->listen); });
}

}  // namespace humain::cli
