// `humain serve`'s HTTP layer on cpp-httplib (Debian's libcpp-httplib 0.11; docs/SERVE.md says
// why): routes, API keys, limits, JSON errors, the access log, metrics, and the chat proxy's
// stream relay. The work itself is the router's and the local engine's.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <random>
#include <thread>

#include "humain/image_encoding.h"
#include "humain/json_output.h"
#include "humain/server.h"
#include "server/access_log.h"
#include "server/admission.h"
#include "server/chat_wire.h"
#include "server/client_socket.h"
#include "server/metrics_registry.h"
#include "server/screen_store.h"

namespace humain {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using server::Admission;
using server::ChatWire;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// What the access log and metrics need to know about the request the current worker thread serves
// (httplib runs pre-routing, the handler, the body writer and the logger on one thread).
struct RequestScope {
  Clock::time_point t0;
  std::string id;
  std::string tier;
  std::string note;  // e.g. "stream error" for failures after the status line was sent
  std::string caller;  // which API key matched ("key1", ...; "" without keys): partitions chat answers
};
thread_local RequestScope scope;

// Compares without an early exit, so the time taken does not say how much of a key matched.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    diff |= static_cast<unsigned char>((i < a.size() ? a[i] : 0) ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

Result<std::pair<std::string, int>> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 >= listen.size()) {
    return Error::invalid("serve.listen must be HOST:PORT (got \"" + listen + "\")");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) port = -1;
  } catch (...) {
    port = -1;
  }
  if (host.empty() || port < 0 || port > 65535) return Error::invalid("serve.listen must be HOST:PORT (got \"" + listen + "\")");
  return std::make_pair(host, port);
}

int status_of(const Error& e) {
  switch (e.kind) {
    case Error::Kind::kInvalidInput:
    case Error::Kind::kParse:
    case Error::Kind::kUnsupported: return 400;
    case Error::Kind::kNotFound: return 404;
    case Error::Kind::kPolicy: return 403;
    case Error::Kind::kTimeout: return 504;
    case Error::Kind::kNetwork:
    case Error::Kind::kServer: return 502;
    default: return 500;
  }
}

const char* type_of(int status) {
  switch (status) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 403: return "policy_error";
    case 404: return "not_found_error";
    case 405: return "invalid_request_error";
    case 413: return "payload_too_large";
    case 429: return "rate_limit_error";
    case 502: return "upstream_error";
    case 503: return "unavailable";
    case 504: return "timeout";
    default: return status >= 500 ? "server_error" : "invalid_request_error";
  }
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", {{"message", message}, {"type", type_of(status)}}}});
}

// Thrown inside handlers to answer with an error; caught by `guarded`.
struct HttpError {
  int status;
  std::string message;
};
[[noreturn]] void fail(int status, std::string message) { throw HttpError{status, std::move(message)}; }
[[noreturn]] void fail(const Error& e) { throw HttpError{status_of(e), e.message}; }

class HttpServer final : public Server {
 public:
  HttpServer(Config config, std::shared_ptr<LocalEngine> engine, std::shared_ptr<Router> router,
             std::unique_ptr<server::AccessLog> log)
      : config_(std::move(config)), engine_(std::move(engine)), router_(std::move(router)), log_(std::move(log)),
        admission_(config_.serve.max_concurrent, config_.serve.max_queue), screens_(config_.serve.max_screens) {
    limits_.max_pixels = static_cast<std::uint64_t>(config_.serve.max_pixels);
    limits_.max_file_bytes = static_cast<std::uint64_t>(config_.serve.max_body_bytes);
    std::random_device rd;
    id_prefix_ = server::screen_id((std::uint64_t(rd()) << 32) ^ rd()).substr(0, 6);
  }

  Status bind(const std::string& host, int port) {
    const int threads = config_.serve.threads;
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    http_.set_payload_max_length(static_cast<std::size_t>(config_.serve.max_body_bytes));
    http_.set_read_timeout(30, 0);
    http_.set_write_timeout(30, 0);
    http_.set_keep_alive_timeout(5);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle + the client's
    // delayed ACK add ~40 ms to every small answer (measured: 504 -> see docs/SERVE.md).
    http_.set_tcp_nodelay(true);
    install_routes();
    if (port == 0) {
      port_ = http_.bind_to_any_port(host);
      if (port_ <= 0) return Error::io("cannot bind " + host + " (any port)");
    } else {
      if (!http_.bind_to_port(host, port)) return Error::io("cannot bind " + host + ":" + std::to_string(port) + " (address in use?)");
      port_ = port;
    }
    return ok_status();
  }

  Status run() override {
    // A stop() that came before the listen loop started must still end it.
    std::atomic<bool> returned{false};
    std::thread early_stop([&] {
      while (!http_.is_running() && !returned) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (stopping_) http_.stop();
    });
    const bool ok = http_.listen_after_bind();
    returned = true;
    early_stop.join();
    // Streams whose relay thread outlived its connection (client gone) finish or time out here.
    std::unique_lock<std::mutex> lock(workers_mu_);
    workers_cv_.wait_for(lock, std::chrono::duration<double>(config_.serve.shutdown_grace_s), [&] { return workers_ == 0; });
    log_->flush();
    if (!ok && !stopping_) return Error::io("the HTTP server stopped unexpectedly");
    return ok_status();
  }

  void stop() override {
    stopping_ = true;
    http_.stop();
  }

  int port() const override { return port_; }

 private:
  // Runs `handler` with the common frame: errors become JSON, unexpected exceptions a 500.
  template <typename F>
  httplib::Server::Handler guarded(F handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const HttpError& e) {
        if (e.status == 429) res.set_header("Retry-After", "1");
        send_error(res, e.status, e.message);
      } catch (const std::exception& e) {
        send_error(res, 500, "internal error");
        scope.note = "exception";
      }
    };
  }

  void install_routes() {
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      scope = RequestScope{Clock::now(), id_prefix_ + "-" + std::to_string(++request_seq_), "", "", ""};
      res.set_header("X-Request-Id", scope.id);
      if (req.path == "/healthz" || config_.serve.api_keys.empty()) return httplib::Server::HandlerResponse::Unhandled;
      std::string key = req.get_header_value("x-api-key");
      const std::string auth = req.get_header_value("Authorization");
      if (auth.rfind("Bearer ", 0) == 0) key = auth.substr(7);
      int match = 0;
      for (std::size_t i = 0; i < config_.serve.api_keys.size(); ++i) {
        if (same_secret(key, config_.serve.api_keys[i])) match = static_cast<int>(i) + 1;
      }
      if (match) {
        scope.caller = "key" + std::to_string(match);
        return httplib::Server::HandlerResponse::Unhandled;
      }
      res.set_header("WWW-Authenticate", "Bearer");
      send_error(res, 401, key.empty() ? "an API key is required (Authorization: Bearer KEY)" : "the API key is not valid");
      return httplib::Server::HandlerResponse::Handled;
    });
    http_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // our own JSON error
      std::string msg = "HTTP " + std::to_string(res.status);
      if (res.status == 404) msg = "no endpoint " + req.method + " " + req.path + " (docs/SERVE.md lists them)";
      if (res.status == 413) msg = "request body larger than serve.max_body_bytes";
      // httplib caps form-encoded bodies at 8 KB (curl -d without a Content-Type sends one).
      if (res.status == 413 && req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0) {
        msg = "send Content-Type: application/json (a form-encoded body is limited to 8 KB)";
      }
      send_error(res, res.status, msg);
      return httplib::Server::HandlerResponse::Handled;
    }));
    http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      send_error(res, 500, "internal error");
    });
    http_.set_logger([this](const httplib::Request& req, const httplib::Response& res) { finished(req, res); });

    http_.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { send_json(res, 200, {{"status", "ok"}}); });
    http_.Get("/readyz", guarded([this](const httplib::Request&, httplib::Response& res) { readyz(res); }));
    http_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics_.render(live_samples()), "text/plain; version=0.0.4; charset=utf-8");
    });
    http_.Post("/v1/screens", guarded([this](const httplib::Request& req, httplib::Response& res) { screens(req, res); }));
    http_.Post("/v1/ground", guarded([this](const httplib::Request& req, httplib::Response& res) { ground(req, res); }));
    http_.Post("/v1/parse", guarded([this](const httplib::Request& req, httplib::Response& res) { parse(req, res); }));
    http_.Post("/v1/route", guarded([this](const httplib::Request& req, httplib::Response& res) { route(req, res); }));
    http_.Get("/v1/models", guarded([this](const httplib::Request&, httplib::Response& res) { models(res); }));
    http_.Get("/api/tags", guarded([this](const httplib::Request&, httplib::Response& res) { models(res); }));
    http_.Post("/v1/chat/completions",
               guarded([this](const httplib::Request& req, httplib::Response& res) { chat(ChatWire::kOpenAi, req, res); }));
    http_.Post("/api/chat", guarded([this](const httplib::Request& req, httplib::Response& res) { chat(ChatWire::kOllama, req, res); }));
  }

  // The access-log line and the request metrics, once the response has been written.
  void finished(const httplib::Request& req, const httplib::Response& res) {
    const double s = scope.id.empty() ? 0 : seconds_since(scope.t0);
    const bool known = req.path == "/healthz" || req.path == "/readyz" || req.path == "/metrics" || req.path == "/api/chat" ||
                       req.path == "/api/tags" || req.path.rfind("/v1/", 0) == 0;
    const std::string endpoint = known && res.status != 404 ? req.path : "other";  // bounded label values
    metrics_.observe_request(endpoint, scope.tier, res.status, s);
    json line = {{"id", scope.id}, {"method", req.method}, {"endpoint", endpoint}, {"status", res.status},
                 {"ms", std::round(s * 1e4) / 10}, {"bytes_in", req.body.size()}};
    if (!scope.tier.empty()) line["tier"] = scope.tier;
    if (!scope.note.empty()) line["note"] = scope.note;
    log_->write(line);
    scope = RequestScope{};
  }

  json body_of(const httplib::Request& req) const {
    json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) fail(400, "the body must be a JSON object");
    return j;
  }

  std::string string_field(const json& j, const char* key, bool required) const {
    if (!j.contains(key) || j[key].is_null()) {
      if (required) fail(400, std::string(key) + " is required");
      return "";
    }
    if (!j[key].is_string()) fail(400, std::string(key) + " must be a string");
    return j[key].get<std::string>();
  }

  std::shared_ptr<const Screenshot> decode(const std::string& base64_or_bytes, bool is_base64) {
    std::vector<std::uint8_t> bytes;
    if (is_base64) {
      auto b = base64_decode(base64_or_bytes);
      if (!b.ok()) fail(400, "image: not base64: " + b.error().message);
      bytes = std::move(b.value());
    } else {
      bytes.assign(base64_or_bytes.begin(), base64_or_bytes.end());
    }
    auto shot = decode_screenshot(bytes, "<request>", limits_);
    // Over a size limit (bytes or megapixels) is 413; anything else about the image is 400.
    if (!shot.ok()) fail(shot.error().message.find(", over the ") != std::string::npos ? 413 : 400, "image: " + shot.error().message);
    return std::make_shared<const Screenshot>(std::move(shot.value()));
  }

  // The request's screen: a multipart "image" file, a base64 "image" field, or a stored screen_id.
  std::shared_ptr<const Screenshot> screen_of(const httplib::Request& req, const json& j, bool required) {
    if (req.is_multipart_form_data() && req.has_file("image")) return remember(decode(req.get_file_value("image").content, false));
    const std::string image = string_field(j, "image", false);
    if (!image.empty()) return remember(decode(image, true));
    const std::string id = string_field(j, "screen_id", false);
    if (!id.empty()) {
      auto s = screens_.get(id);
      if (!s) fail(404, "unknown screen_id " + id + " (never uploaded, or evicted: upload it again with POST /v1/screens)");
      return s;
    }
    if (required) fail(400, "give the screen as image (base64 PNG/JPEG) or screen_id");
    return nullptr;
  }

  std::shared_ptr<const Screenshot> remember(std::shared_ptr<const Screenshot> s) {
    screens_.put(s);
    return s;
  }

  // Multipart forms carry the same fields as text parts.
  json fields_of(const httplib::Request& req) {
    if (!req.is_multipart_form_data()) return body_of(req);
    json j = json::object();
    for (const auto& [name, part] : req.files) {
      if (name != "image") j[name] = part.content;
    }
    return j;
  }

  Admission::Ticket admit() {
    Admission::Ticket t;
    const auto deadline = scope.t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config_.serve.deadline_s));
    switch (admission_.enter(deadline, t)) {
      case Admission::Verdict::kAdmitted: return t;
      case Admission::Verdict::kQueueFull: throw HttpError{429, "too many requests in flight (serve.max_concurrent + serve.max_queue); retry shortly"};
      case Admission::Verdict::kDeadline: throw HttpError{503, "waited serve.deadline for a free slot; retry later"};
    }
    return t;
  }

  std::optional<Sensitivity> sensitivity_of(const json& j) const {
    const std::string s = string_field(j, "sensitivity", false);
    if (s.empty()) return std::nullopt;
    auto v = parse_sensitivity(s);
    if (!v) fail(400, "sensitivity must be public, internal or confidential");
    return v;
  }

  void check_text(const std::string& text, const char* what) const {
    if (text.size() > static_cast<std::size_t>(config_.serve.max_instruction_chars)) {
      fail(400, std::string(what) + " longer than serve.max_instruction_chars (" + std::to_string(config_.serve.max_instruction_chars) + ")");
    }
  }

  void screens(const httplib::Request& req, httplib::Response& res) {
    const json j = req.is_multipart_form_data() ? json::object() : body_of(req);
    if (!req.is_multipart_form_data() && string_field(j, "image", false).empty()) fail(400, "image is required (base64 PNG/JPEG)");
    auto s = screen_of(req, j, true);
    send_json(res, 200, {{"screen_id", server::screen_id(s->hash)}, {"width", s->width()}, {"height", s->height()}});
  }

  void ground(const httplib::Request& req, httplib::Response& res) {
    const json j = fields_of(req);
    const std::string instruction = string_field(j, "instruction", true);
    if (instruction.empty()) fail(400, "instruction must not be empty");
    check_text(instruction, "instruction");
    const std::string operation = string_field(j, "operation", false);
    if (!operation.empty() && operation != "grounding") fail(400, "operation must be grounding here (use /v1/chat/completions for planning)");
    const auto stated = sensitivity_of(j);
    const std::string grounder = string_field(j, "grounder", false);
    auto screen = screen_of(req, j, true);
    auto ticket = admit();
    const auto t0 = Clock::now();
    json out;
    if (grounder.empty() || grounder == "hybrid") {
      auto r = router_->ground(*screen, instruction, stated);
      if (!r.ok()) fail(r.error());
      out = prediction_json(r->prediction, seconds_since(t0) * 1000);
      if (r->prediction.point) scope.tier = tier_name(r->answered_by);
      if (!r->fallbacks.empty()) out["fallbacks"] = r->fallbacks;
      count_sent(r->bytes_sent, r->decision);
    } else {
      Grounder* g = named_grounder(grounder);
      auto p = g->find_element(*screen, instruction);
      if (!p.ok()) fail(p.error());
      out = prediction_json(*p, seconds_since(t0) * 1000);
      scope.tier = "local-engine";
    }
    out["screen_id"] = server::screen_id(screen->hash);
    send_json(res, 200, out);
  }

  void count_sent(std::size_t bytes, const RouteDecision& d) {
    if (bytes == 0) return;
    metrics_.add_bytes_sent(bytes);
    metrics_.add_redactions(d.redactions.size());
  }

  // A grounder other than the router, by name; built once. "local" is the shared engine.
  Grounder* named_grounder(const std::string& name) {
    if (name == "local") return engine_.get();
    std::lock_guard<std::mutex> lock(grounders_mu_);
    auto& g = grounders_[name];
    if (!g) {
      auto made = make_grounder(name, &config_);
      if (!made.ok()) fail(400, "grounder: " + made.error().message);
      g = std::move(made.value());
    }
    return g.get();
  }

  void parse(const httplib::Request& req, httplib::Response& res) {
    const json j = fields_of(req);
    auto screen = screen_of(req, j, true);
    auto ticket = admit();
    auto p = engine_->parse_screen(*screen);
    if (!p.ok()) fail(p.error());
    json elements = json::array();
    for (const auto& e : (*p)->elements) elements.push_back(element_json(e));
    scope.tier = "local-engine";
    send_json(res, 200, {{"screen_id", server::screen_id(screen->hash)}, {"width", screen->width()}, {"height", screen->height()},
                         {"elements", elements}, {"parse_ms", (*p)->parse_ms}});
  }

  void route(const httplib::Request& req, httplib::Response& res) {
    const json j = fields_of(req);
    RouteRequest rr;
    rr.task = string_field(j, "task", false);
    if (rr.task.empty()) rr.task = string_field(j, "instruction", false);
    if (rr.task.empty()) fail(400, "task is required");
    check_text(rr.task, "task");
    rr.operation = string_field(j, "operation", false);
    if (rr.operation.empty()) rr.operation = "grounding";
    rr.sensitivity = sensitivity_of(j);
    auto screen = screen_of(req, j, false);
    rr.screen = screen.get();
    auto ticket = admit();
    auto d = router_->decide(rr);
    if (!d.ok()) fail(d.error());
    send_json(res, 200, route_json(*d, rr.operation, config_.warnings));
  }

  void models(httplib::Response& res) {
    json data = json::array({{{"id", "humain"}, {"object", "model"}, {"owned_by", "humain"}, {"created", 0}}});
    json tags = json::array({{{"name", "humain"}, {"model", "humain"}, {"size", 0}, {"digest", ""}, {"details", json::object()}}});
    const std::pair<const char*, const std::optional<EndpointConfig>*> tiers[] = {{"local-vlm", &config_.local}, {"cloud-vlm", &config_.cloud}};
    for (const auto& [tier, ep] : tiers) {
      if (!*ep) continue;
      data.push_back({{"id", tier}, {"object", "model"}, {"owned_by", (*ep)->provider}, {"created", 0},
                      {"upstream_model", (*ep)->model}, {"location", (*ep)->location}});
    }
    send_json(res, 200, {{"object", "list"}, {"data", data}, {"models", tags}});
  }

  void readyz(httplib::Response& res) {
    json tiers = json::object();
    bool ready = engine_ != nullptr;
    tiers["local-engine"] = engine_ ? "loaded" : "missing";
    std::lock_guard<std::mutex> lock(ready_mu_);
    const std::pair<const char*, const std::optional<EndpointConfig>*> list[] = {{"local-vlm", &config_.local}, {"cloud-vlm", &config_.cloud}};
    for (const auto& [tier, ep] : list) {
      if (!*ep) continue;
      auto& p = probes_[tier];
      if (!p) {
        auto made = make_provider(**ep);
        if (!made.ok()) {
          tiers[tier] = "unusable: " + made.error().message;
          ready = false;
          continue;
        }
        p = std::move(made.value());
      }
      auto st = p->wait_ready(1.0);
      tiers[tier] = st.ok() ? "reachable" : "unreachable: " + st.error().message;
      ready = ready && st.ok();
    }
    send_json(res, ready ? 200 : 503, {{"ready", ready}, {"tiers", tiers}});
  }

  std::vector<server::Sample> live_samples() const {
    std::vector<server::Sample> s;
    const CacheStats c = router_->cache_stats();
    s.push_back({"prediction_cache_hits_total", "VLM answers served from the prediction cache.", "counter", {}, double(c.hits)});
    s.push_back({"prediction_cache_misses_total", "Prediction cache lookups that missed.", "counter", {}, double(c.misses)});
    const CacheStats chats = router_->chat_cache_stats();
    s.push_back({"chat_cache_hits_total", "Chat answers replayed from the chat answer cache.", "counter", {}, double(chats.hits)});
    s.push_back({"chat_cache_misses_total", "Chat answer cache lookups that missed.", "counter", {}, double(chats.misses)});
    s.push_back({"screen_store_hits_total", "screen_id lookups that found the screen.", "counter", {}, double(screens_.hits())});
    s.push_back({"screen_store_misses_total", "screen_id lookups for unknown or evicted screens.", "counter", {}, double(screens_.misses())});
    s.push_back({"screen_store_screens", "Screens held for screen_id.", "gauge", {}, double(screens_.size())});
    s.push_back({"screen_parses_total", "Screens the local engine parsed (parse cache misses).", "counter", {}, double(engine_->parses_computed())});
    for (Tier t : {Tier::kLocalVlm, Tier::kCloudVlm}) {
      s.push_back({"breaker_open", "Endpoints of the tier whose circuit breaker is open.", "gauge", {{"tier", tier_name(t)}},
                   double(router_->open_breakers(t))});
    }
    s.push_back({"chat_streams_abandoned_total", "Streamed chats whose client went away (upstream request cancelled).", "counter", {},
                 double(streams_abandoned_.load())});
    s.push_back({"requests_in_flight", "Requests holding a work slot.", "gauge", {}, double(admission_.in_flight())});
    s.push_back({"requests_waiting", "Requests queued for a work slot.", "gauge", {}, double(admission_.waiting())});
    return s;
  }

  // --- the chat proxy -------------------------------------------------------------------------

  // A relay between the router's token callback (worker thread) and the HTTP writer.
  struct Relay {
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::string> deltas;
    bool done = false;
    Result<RoutedChat> result = Error::internal("not finished");
    std::atomic<bool> abandoned{false};  // the client went away before the end
  };

  // Waits until the relay has deltas or is done; false when the client went away first (checked
  // every 50 ms: the wait for an upstream's first token can be long and writes nothing).
  static bool wait_for_relay(Relay& relay, std::unique_lock<std::mutex>& lock, int client_fd) {
    while (!relay.cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return relay.done || !relay.deltas.empty(); })) {
      if (client_fd >= 0 && server::client_gone(client_fd)) return false;
    }
    return true;
  }

  // The client of a stream went away: the router's upstream request is cancelled (counted first,
  // so /metrics says so by the time the upstream sees its connection close).
  void abandon(Relay& relay, std::atomic<bool>& cancel) {
    if (!relay.abandoned.exchange(true)) ++streams_abandoned_;
    cancel = true;
  }

  void chat(ChatWire wire, const httplib::Request& req, httplib::Response& res) {
    auto parsed = server::parse_chat(wire, body_of(req), limits_);
    if (!parsed.ok()) fail(parsed.error());
    auto pc = std::make_shared<server::ProxiedChat>(std::move(parsed.value()));
    auto rr = std::make_shared<RouteRequest>();
    rr->task = pc->request.system.empty() ? pc->request.prompt : pc->request.system + "\n" + pc->request.prompt;
    rr->operation = req.has_header("X-Humain-Operation") ? req.get_header_value("X-Humain-Operation") : "reasoning";
    if (rr->operation == "grounding") fail(400, "X-Humain-Operation: use planning or reasoning here (POST /v1/ground grounds)");
    if (req.has_header("X-Humain-Sensitivity")) {
      rr->sensitivity = parse_sensitivity(req.get_header_value("X-Humain-Sensitivity"));
      if (!rr->sensitivity) fail(400, "X-Humain-Sensitivity must be public, internal or confidential");
    }
    for (const auto& s : pc->images) rr->images.push_back(&s);
    // Answers are cached per API key (docs/SERVE.md); Cache-Control: no-cache/no-store skips the cache.
    const std::string cache_control = req.get_header_value("Cache-Control");
    if (cache_control.find("no-cache") == std::string::npos && cache_control.find("no-store") == std::string::npos) {
      rr->cache_partition = scope.caller;
    }
    auto ticket = std::make_shared<Admission::Ticket>(admit());
    const std::string id = "chatcmpl-" + scope.id;
    const long long created = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();

    if (!pc->stream) {
      auto r = router_->chat(pc->request, *rr);
      if (!r.ok()) fail(r.error());
      scope.tier = tier_name(r->answered_by);
      count_sent(r->bytes_sent, r->decision);
      res.set_header("X-Humain-Tier", scope.tier);
      res.set_header("X-Humain-Cache", r->cached ? "hit" : "miss");
      if (r->cached) scope.note = "cache hit";
      send_json(res, 200, server::chat_answer(wire, r->response, id, pc->model, created));
      return;
    }

    // Streamed: the router runs on its own thread and hands deltas over as they arrive; the
    // status line waits for the first delta, so a request that fails before any token still gets
    // a proper HTTP error (and a fallback tier's answer when one succeeds). While waiting, the
    // client's socket is watched: when it goes away the upstream request is cancelled.
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    pc->request.cancel = cancel;
    const int client_fd = server::find_client_socket(req.local_addr, req.local_port, req.remote_addr, req.remote_port);
    auto relay = std::make_shared<Relay>();
    {
      std::lock_guard<std::mutex> lock(workers_mu_);
      ++workers_;
    }
    std::thread([this, relay, pc, rr, ticket] {
      auto r = router_->chat(pc->request, *rr, [relay](const std::string& d) {
        std::lock_guard<std::mutex> lock(relay->mu);
        relay->deltas.push_back(d);
        relay->cv.notify_all();
      });
      {
        std::lock_guard<std::mutex> lock(relay->mu);
        relay->result = std::move(r);
        relay->done = true;
        relay->cv.notify_all();
      }
      std::lock_guard<std::mutex> lock(workers_mu_);
      --workers_;
      workers_cv_.notify_all();
    }).detach();

    {
      std::unique_lock<std::mutex> lock(relay->mu);
      if (!wait_for_relay(*relay, lock, client_fd)) {
        abandon(*relay, *cancel);
        scope.note = "client went away";
        send_error(res, 499, "the client closed the request");
        return;
      }
      if (relay->deltas.empty() && !relay->result.ok()) fail(relay->result.error());
      if (relay->done && relay->result.ok() && relay->result->cached) res.set_header("X-Humain-Cache", "hit");
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    const char* type = wire == ChatWire::kOllama ? "application/x-ndjson" : "text/event-stream";
    res.set_chunked_content_provider(type, [this, relay, pc, wire, id, created, cancel, client_fd](std::size_t, httplib::DataSink& sink) {
      for (;;) {
        std::deque<std::string> batch;
        bool done = false;
        {
          std::unique_lock<std::mutex> lock(relay->mu);
          if (!wait_for_relay(*relay, lock, client_fd)) {
            abandon(*relay, *cancel);
            scope.note = "client went away";
            return false;
          }
          batch.swap(relay->deltas);
          done = relay->done;
        }
        for (const auto& d : batch) {
          const std::string frame = server::chat_delta(wire, d, id, pc->model, created);
          if (!sink.write(frame.data(), frame.size())) {
            abandon(*relay, *cancel);
            scope.note = "client went away";
            return false;
          }
        }
        if (!done) continue;
        std::string tail;
        if (relay->result.ok()) {
          scope.tier = tier_name(relay->result->answered_by);
          if (relay->result->cached) scope.note = "cache hit";
          count_sent(relay->result->bytes_sent, relay->result->decision);
          tail = server::chat_end(wire, relay->result->response, id, pc->model, created);
        } else {
          scope.note = "stream error: " + relay->result.error().message.substr(0, 200);
          tail = server::chat_stream_error(wire, relay->result.error().message);
        }
        sink.write(tail.data(), tail.size());
        sink.done();
        return true;
      }
    }, [this, relay, cancel](bool success) {
      // httplib may stop a stream itself (socket no longer writable) without asking the provider.
      if (!success) abandon(*relay, *cancel);
    });
  }

  Config config_;
  std::shared_ptr<LocalEngine> engine_;
  std::shared_ptr<Router> router_;
  std::unique_ptr<server::AccessLog> log_;
  Admission admission_;
  server::ScreenStore screens_;
  server::MetricsRegistry metrics_;
  ImageLimits limits_;
  httplib::Server http_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::string id_prefix_;
  std::atomic<std::uint64_t> request_seq_{0};
  std::mutex grounders_mu_;
  std::map<std::string, std::unique_ptr<Grounder>> grounders_;
  std::mutex ready_mu_;
  std::map<std::string, std::unique_ptr<Provider>> probes_;
  std::mutex workers_mu_;
  std::condition_variable workers_cv_;
  int workers_ = 0;  // stream relay threads still running
  std::atomic<std::uint64_t> streams_abandoned_{0};
};

}  // namespace

Result<std::unique_ptr<Server>> make_server(const Config& config, ServerDeps deps) {
  auto listen = parse_listen(config.serve.listen);
  if (!listen.ok()) return listen.error();
  const auto& [host, port] = listen.value();
  if (!is_loopback(host) && config.serve.api_keys.empty()) {
    return Error::policy("serve.listen " + config.serve.listen +
                         " is reachable from other machines: set serve.api_keys (e.g. [\"${HUMAIN_KEY}\"]) or listen on 127.0.0.1");
  }
  auto log = server::AccessLog::open(config.serve.access_log);
  if (!log.ok()) return log.error();
  if (!deps.engine) {
    auto e = make_local_engine();
    if (!e.ok()) return e.error();
    deps.engine = std::shared_ptr<LocalEngine>(std::move(e.value()));
  }
  if (!deps.router) {
    RouterDeps rd;
    rd.local_engine = deps.engine;
    auto r = make_router(config, rd);
    if (!r.ok()) return r.error();
    deps.router = std::shared_ptr<Router>(std::move(r.value()));
  }
  auto s = std::make_unique<HttpServer>(config, deps.engine, deps.router, std::move(log.value()));
  if (auto st = s->bind(host, port); !st.ok()) return st.error();
  return std::unique_ptr<Server>(std::move(s));
}

}  // namespace humain
