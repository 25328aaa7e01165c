// humain-testserver: a model server double for tests and benchmarks (see docs/PROVIDERS.md).
// Prints the port it listens on as the first line of stdout, then serves until SIGINT/SIGTERM.
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>

#include "test_server.h"

int main(int argc, char** argv) {
  humain::testserver::ServerOptions o;
  CLI::App app{"humain-testserver: speaks Ollama, OpenAI-compatible and Anthropic; answers with ground truth"};
  app.add_option("--host", o.host, "address to bind (default 127.0.0.1)");
  app.add_option("--port", o.port, "port; 0 = ephemeral, printed on stdout's first line");
  app.add_option("--dataset", o.dataset, "ScreenSpot-Pro layout JSON whose boxes are the answers");
  app.add_option("--record", o.record_path, "append every received request to this JSONL file");
  app.add_option("--record-images", o.record_images_dir, "save every received image in this directory");
  app.add_option("--mode", o.default_mode, "default mode spec, e.g. first_token_ms=200,token_delay_ms=10");
  app.add_option("--family", o.default_family, "answer format when the request names none (default generic)");
  app.add_option("--loading-ms", o.loading_ms, "llama-server /health answers 503 for this long after start");
  bool no_vision = false;
  app.add_flag("--no-vision", no_vision, "llama-server /props says vision is off");
  app.add_option("--require-key", o.require_key, "chat endpoints demand this key (Bearer / x-api-key)");
  CLI11_PARSE(app, argc, argv);
  o.vision = !no_vision;

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  humain::testserver::TestServer server(o);
  if (humain::Status s = server.start(); !s.ok()) {
    std::cerr << "humain-testserver: " << s.error().message << "\n";
    return 1;
  }
  std::cout << server.port() << std::endl;
  std::cerr << "humain-testserver: listening on " << server.base_url() << "\n";
  int sig = 0;
  sigwait(&signals, &sig);
  server.stop();
  return 0;
}
