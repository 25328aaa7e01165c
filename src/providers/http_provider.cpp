#include "providers/http_provider.h"

#include <algorithm>
#include <thread>

#include "providers/endpoint_url.h"

namespace humain::providers {

using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

std::string shorten(std::string_view s, std::size_t n = 300) {
  std::string out(s.substr(0, n));
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (s.size() > n) out += "...";
  return out;
}

}  // namespace

void DeltaSink::mark_first() {
  if (!delivered_) {
    delivered_ = true;
    out_.timings.ttft_ms = ms_since(start_);
  }
}

void DeltaSink::text(std::string_view delta) {
  if (delta.empty()) return;
  mark_first();
  out_.text.append(delta);
  if (cb_) cb_(std::string(delta));
}

void DeltaSink::tool_progress() { mark_first(); }

std::string error_text(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.contains("error")) {
    const auto& e = j["error"];
    if (e.is_string()) return shorten(e.get<std::string>());
    if (e.is_object()) {
      std::string msg = e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>() : e.dump();
      if (e.contains("type") && e["type"].is_string()) msg = e["type"].get<std::string>() + ": " + msg;
      return shorten(msg);
    }
  }
  if (!j.is_discarded() && j.is_object() && j.contains("message") && j["message"].is_string()) {
    return shorten(j["message"].get<std::string>());
  }
  return body.empty() ? std::string("(empty body)") : shorten(body);
}

double number_or_zero(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return (it != object.end() && it->is_number()) ? it->get<double>() : 0;
}

namespace {

class WholeJsonDecoder final : public BodyDecoder {
 public:
  WholeJsonDecoder(std::string who, std::function<Status(const nlohmann::json&)> apply)
      : who_(std::move(who)), apply_(std::move(apply)) {}
  Status feed(std::string_view bytes) override {
    body_.append(bytes);
    return ok_status();
  }
  Status finish() override {
    nlohmann::json j = nlohmann::json::parse(body_, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Error::parse(who_ + ": response of " + std::to_string(body_.size()) + " bytes is not a JSON object: " +
                          shorten(body_, 80));
    }
    return apply_(j);
  }

 private:
  std::string who_;
  std::function<Status(const nlohmann::json&)> apply_;
  std::string body_;
};

}  // namespace

std::unique_ptr<BodyDecoder> whole_json_decoder(std::string who, std::function<Status(const nlohmann::json&)> apply) {
  return std::make_unique<WholeJsonDecoder>(std::move(who), std::move(apply));
}

HttpProvider::HttpProvider(ProviderSettings settings) : settings_(std::move(settings)), rng_(std::random_device{}()) {}

std::string HttpProvider::who(const std::string& path) const {
  return settings_.name + " " + redact_url(settings_.base_url + path);
}

Result<HttpResponse> HttpProvider::get(const std::string& path, double timeout_s) {
  HttpRequest req;
  req.method = "GET";
  req.url = settings_.base_url + path;
  req.headers = settings_.headers;
  req.timeouts = {std::min(settings_.timeouts.connect_s, timeout_s), timeout_s, timeout_s};
  std::lock_guard lock(mu_);
  HttpOutcome out = client_.send(req);
  return std::move(out.response);
}

Result<ChatResponse> HttpProvider::chat(const ChatRequest& request, const TokenCallback& on_token) {
  Result<nlohmann::json> body = build_body(request);
  if (!body.ok()) return body.error();
  HttpRequest req;
  req.method = "POST";
  req.url = settings_.base_url + chat_path();
  req.headers = settings_.headers;
  for (const auto& [k, v] : request_headers(request)) req.headers[k] = v;
  req.headers["Content-Type"] = "application/json";
  req.headers["Accept"] = request.stream ? (chat_path() == "/api/chat" ? "application/x-ndjson" : "text/event-stream")
                                         : "application/json";
  req.body = body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  req.cancel = request.cancel.get();
  const std::string where = who(chat_path());

  std::lock_guard lock(mu_);
  const auto start = Clock::now();
  const double budget_ms = settings_.timeouts.total_s * 1000;
  for (int attempt = 0;; ++attempt) {
    ChatResponse response;
    DeltaSink sink(on_token, start, response);
    std::unique_ptr<BodyDecoder> decoder = make_decoder(request.stream, response, sink);
    req.timeouts = settings_.timeouts;
    req.timeouts.total_s = std::max(0.001, (budget_ms - ms_since(start)) / 1000);
    // A JSON value of an unexpected type must not escape as an exception: it is a parse error.
    HttpOutcome out = client_.send(req, [&](std::string_view bytes) -> Status {
      try {
        return decoder->feed(bytes);
      } catch (const std::exception& e) {
        return Error::parse(where + ": unexpected JSON shape: " + e.what());
      }
    });

    std::optional<Error> err;
    bool retryable = false;
    std::optional<double> server_wait_ms;
    if (out.response.ok()) {
      HttpResponse& http = *out.response;
      response.timings.connect_ms = http.connect_ms;
      if (http.status >= 200 && http.status < 300) {
        Status done = ok_status();
        try {
          done = decoder->finish();
        } catch (const std::exception& e) {
          done = Error::parse(where + ": unexpected JSON shape: " + e.what());
        }
        if (done.ok()) {
          response.timings.total_ms = ms_since(start);
          response.timings.attempts = attempt + 1;
          if (response.model.empty()) response.model = settings_.model;
          return response;
        }
        err = done.error();
      } else {
        err = Error::server(where + ": HTTP " + std::to_string(http.status) + ": " + error_text(http.body));
        retryable = is_retryable_status(http.status);
        server_wait_ms = server_retry_after_ms(http.headers);
      }
    } else {
      err = out.response.error();
      if (out.failure == TransferFailure::kSink && err->message.rfind(settings_.name, 0) != 0) {
        err->message = where + ": " + err->message;
      }
      // Only failures to reach the server are retried; a reset after body bytes is a truncation.
      retryable = out.failure == TransferFailure::kConnect;  // refused, unresolvable, connect timeout
      if (out.failure == TransferFailure::kReset && err->kind == Error::Kind::kNetwork) retryable = true;
    }

    const std::string tries = " (attempt " + std::to_string(attempt + 1) + " of " + std::to_string(settings_.max_retries + 1) + ")";
    if (sink.delivered()) {
      err->message += " (not retried: output had already been delivered)";
      return *err;
    }
    const bool cancelled = request.cancel && request.cancel->load();
    if (!retryable || cancelled || attempt >= settings_.max_retries) {
      if (attempt > 0 || retryable) err->message += tries;
      return *err;
    }
    const double wait_ms = server_wait_ms ? *server_wait_ms : backoff_ms(attempt, rng_, settings_.backoff);
    if (ms_since(start) + wait_ms >= budget_ms) {
      err->message += tries + "; not retried: waiting " + std::to_string(static_cast<long>(wait_ms)) +
                      " ms would pass the total timeout";
      return *err;
    }
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait_ms));
  }
}

}  // namespace humain::providers
