// The resident HTTP service behind `humain serve` (docs/SERVE.md): grounding, parsing, routing and
// an OpenAI/Ollama-compatible chat proxy over one router, one local engine and their caches, so
// the caches, breakers and audit log outlive single requests.
//
//   auto server = humain::make_server(config, {});     // binds config.serve.listen
//   std::thread stopper([&] { wait_for_sigterm(); (*server)->stop(); });
//   (*server)->run();                                  // returns once stopped and drained
#pragma once

#include <memory>
#include <string>

#include "humain/config.h"
#include "humain/local_engine.h"
#include "humain/result.h"
#include "humain/router.h"

namespace humain {

// What the server works with; null members are built from the config.
struct ServerDeps {
  std::shared_ptr<LocalEngine> engine;  // parses screens (/v1/parse, screen scans, grounding)
  std::shared_ptr<Router> router;       // must use `engine` when both are given
};

class Server {
 public:
  virtual ~Server() = default;
  Server() = default;
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves on the bound socket until stop(); then in-flight requests finish (bounded by
  // serve.shutdown_grace) and the logs are flushed. Error when serving failed.
  virtual Status run() = 0;

  // Stops accepting; safe from any thread, idempotent.
  virtual void stop() = 0;

  // The bound port (useful with listen "127.0.0.1:0").
  virtual int port() const = 0;
};

// Builds the engine and router (unless given) and binds config.serve.listen. Errors: a bad listen
// address, a non-loopback address without serve.api_keys, a port already taken, an engine that
// cannot load.
Result<std::unique_ptr<Server>> make_server(const Config& config, ServerDeps deps = {});

}  // namespace humain
