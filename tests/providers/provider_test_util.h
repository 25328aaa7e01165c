// Shared by the provider tests: an in-process humain-testserver and endpoint configs pointing at it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "humain/config.h"
#include "humain/provider.h"
#include "test_server.h"

namespace humain::testing_support {

// Starts a test server on an ephemeral port for the lifetime of the object.
struct LiveServer {
  explicit LiveServer(testserver::ServerOptions o = {}) : server(std::move(o)) {
    Status s = server.start();
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  }
  testserver::TestServer server;
};

// An endpoint of `provider` at the server; `mode` goes in the X-Test-Mode header.
inline EndpointConfig endpoint(const LiveServer& live, const std::string& provider, const std::string& mode = "",
                               const std::string& suffix = "") {
  EndpointConfig e;
  e.provider = provider;
  e.model = "test-model";
  e.base_url = live.server.base_url() + suffix;
  if (!mode.empty()) e.headers["X-Test-Mode"] = mode;
  e.connect_timeout_s = 2;
  e.stall_timeout_s = 5;
  e.total_timeout_s = 20;
  e.max_retries = 2;
  return e;
}

inline std::unique_ptr<Provider> make(const EndpointConfig& e) {
  auto p = make_provider(e);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  return p.ok() ? std::move(*p) : nullptr;
}

inline ChatRequest text_request(const std::string& prompt = "say something", bool stream = true) {
  ChatRequest r;
  r.prompt = prompt;
  r.stream = stream;
  return r;
}

}  // namespace humain::testing_support
