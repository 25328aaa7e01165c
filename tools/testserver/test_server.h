// humain-testserver: speaks Ollama, OpenAI-compatible (vLLM, llama-server, OpenRouter, ...) and
// Anthropic over plain POSIX sockets, answers grounding requests with the data set's ground truth
// in the requested family's format, misbehaves on request (see test_mode.h), and records every
// request. Runs in its own threads; usable in-process by tests or as the humain-testserver binary.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ground_truth.h"
#include "humain/result.h"
#include "test_mode.h"

namespace humain::testserver {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                  // 0 = an ephemeral port
  std::string dataset;           // ScreenSpot-Pro layout JSON; empty = no ground truth
  std::string record_path;       // JSONL of received requests; empty = memory only
  std::string record_images_dir; // also write each received image here
  std::string default_mode;      // mode spec applied to every request
  std::string default_family = "generic";
  int loading_ms = 0;            // llama-server /health answers 503 this long after start
  bool vision = true;            // llama-server /props modalities.vision
  std::string require_key;       // when set, chat endpoints want this Bearer / x-api-key
};

class TestServer {
 public:
  explicit TestServer(ServerOptions options);
  ~TestServer();  // stops and joins every thread
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // Binds and starts accepting. Fails when the port is taken or the data set is unreadable.
  Status start();
  // Stops accepting, wakes sleeping/dead handlers, closes their sockets, joins threads.
  void stop();
  int port() const { return port_; }
  std::string base_url() const { return "http://" + options_.host + ":" + std::to_string(port_); }

  // Requests received so far: {"seq","method","path","headers","body","mode","family","matched_id",
  // "images":[{"media_type","bytes","width","height","fnv64","file"?}]}; image data is summarised.
  std::vector<nlohmann::json> records() const;
  void clear_records();
  // Streamed answers whose client closed the connection before the end (GET /_abandoned):
  // {"path", "ms" (since the request arrived, when the close was seen), "tokens_sent"}.
  std::vector<nlohmann::json> abandoned() const;

 private:
  struct Request;
  void accept_loop();
  void handle(int fd);
  void dispatch(int fd, Request& req);
  void chat(int fd, Request& req, int protocol);
  bool sleep_ms(int ms);  // false when the server is stopping
  bool stream_pause(int fd, int ms);  // sleep_ms that also ends (false) when the client closed the stream
  void record(nlohmann::json r);

  ServerOptions options_;
  std::optional<GroundTruth> truth_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::chrono::steady_clock::time_point started_;
  std::thread acceptor_;
  mutable std::mutex mu_;  // guards everything below
  struct Handler {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Handler> handlers_;  // finished ones are joined by the accept loop
  std::vector<int> open_fds_;
  std::vector<nlohmann::json> records_;
  std::vector<nlohmann::json> abandoned_;
  std::map<std::string, int> fail_counts_;
  long seq_ = 0;
};

}  // namespace humain::testserver
