#include "providers/http_client.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>

#include <curl/curl.h>

#include "providers/stream_limits.h"

namespace humain::providers {
namespace {

using Clock = std::chrono::steady_clock;

// curl_global_init is not thread-safe; run it once before the first handle.
void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

// State shared with curl's callbacks during one transfer.
struct Transfer {
  CURL* curl = nullptr;
  const BodySink* sink = nullptr;
  HttpResponse* response = nullptr;
  Clock::time_point last_byte;
  double stall_s = 30;
  bool stalled = false;
  bool over_cap = false;  // the body passed kMaxResponseBodyBytes
  const std::atomic<bool>* cancel = nullptr;
  bool cancelled = false;
  std::optional<Error> sink_error;
};

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  std::string_view line(data, len);
  t->last_byte = Clock::now();
  if (line.rfind("HTTP/", 0) == 0) t->response->headers.clear();  // a new response (e.g. after 100 Continue)
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->response->headers[lower(std::string(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return len;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  t->last_byte = Clock::now();
  if (t->cancel && t->cancel->load()) {
    t->cancelled = true;
    return 0;  // a short write aborts the transfer
  }
  t->response->body_bytes += len;
  if (t->response->body_bytes > kMaxResponseBodyBytes) {
    t->over_cap = true;
    return 0;  // a short write aborts the transfer
  }
  long status = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  if (t->sink && *t->sink && status >= 200 && status < 300) {
    Status s = (*t->sink)(std::string_view(data, len));
    if (!s.ok()) {
      t->sink_error = s.error();
      return 0;  // a short write aborts the transfer
    }
    return len;
  }
  t->response->body.append(data, len);  // bounded by the cap above
  return len;
}

// Called by curl at least about once a second; enforces the stall timeout with sub-second precision
// and notices a cancelled request while the server is silent.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->cancel && t->cancel->load()) {
    t->cancelled = true;
    return 1;
  }
  const double idle = std::chrono::duration<double>(Clock::now() - t->last_byte).count();
  if (idle > t->stall_s) {
    t->stalled = true;
    return 1;
  }
  return 0;
}

}  // namespace

struct HttpClient::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

HttpClient::HttpClient() : handle_(std::make_unique<Handle>()) {
  global_init_once();
  handle_->curl = curl_easy_init();
}

HttpClient::~HttpClient() = default;

HttpOutcome HttpClient::send(const HttpRequest& request, const BodySink& sink) {
  HttpOutcome out;
  CURL* curl = handle_->curl;
  if (!curl) {
    out.response = Error::internal("curl_easy_init failed");
    return out;
  }
  curl_easy_reset(curl);
  HttpResponse response;
  Transfer t;
  t.curl = curl;
  t.sink = &sink;
  t.response = &response;
  t.stall_s = request.timeouts.stall_s;
  t.last_byte = Clock::now();
  t.cancel = request.cancel;

  Slist headers;
  for (const auto& [k, v] : request.headers) {
    const std::string line = k + ": " + v;
    curl_slist* next = curl_slist_append(headers.get(), line.c_str());
    if (!next) {
      out.response = Error::internal("out of memory building headers");
      return out;
    }
    headers.release();
    headers.reset(next);
  }
  // No "Expect: 100-continue" round trip for large image bodies.
  curl_slist* next = curl_slist_append(headers.get(), "Expect:");
  if (next) {
    headers.release();
    headers.reset(next);
  }

  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeouts.connect_s * 1000));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeouts.total_s * 1000));
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  const auto start = Clock::now();
  const CURLcode rc = curl_easy_perform(curl);
  response.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  double connect_s = 0;
  curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME, &connect_s);
  response.connect_ms = connect_s * 1000;
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);  // the list dies with this scope

  if (rc == CURLE_OK) {
    out.response = std::move(response);
    return out;
  }
  const std::string detail = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
  const std::string where = request.method + " " + request.url;
  const std::string after = " after " + std::to_string(response.body_bytes) + " body bytes";
  if (t.cancelled) {
    // Not the server's fault: kIo keeps the endpoint's circuit breaker out of it.
    out.failure = TransferFailure::kCancelled;
    out.response = Error::io(where + ": cancelled by the caller" + after);
  } else if (t.over_cap) {
    out.failure = TransferFailure::kSink;
    out.response = Error::parse(where + ": response body is larger than the " + mib(kMaxResponseBodyBytes) +
                                " body cap; stopped reading" + after);
  } else if (t.sink_error) {
    out.failure = TransferFailure::kSink;
    out.response = *t.sink_error;
  } else if (t.stalled) {
    out.failure = TransferFailure::kStall;
    out.response = Error::timeout(where + ": no data for " + std::to_string(request.timeouts.stall_s) +
                                  " s (stall timeout)" + after);
  } else if (rc == CURLE_OPERATION_TIMEDOUT) {
    const bool connected = response.connect_ms > 0 || status != 0;
    out.failure = connected ? TransferFailure::kTimeout : TransferFailure::kConnect;
    out.response = Error::timeout(where + ": " + (connected ? "total timeout" : "connect timeout") + " (" +
                                  detail + ")" + after);
  } else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY) {
    out.failure = TransferFailure::kConnect;
    out.response = Error::network(where + ": cannot connect (" + detail + ")");
  } else if (rc == CURLE_PARTIAL_FILE && response.body_bytes > 0) {
    // The server closed the connection in the middle of the body: a truncated stream.
    out.failure = TransferFailure::kReset;
    out.response = Error::parse(where + ": stream truncated" + after + " (" + detail + ")");
  } else {
    out.failure = TransferFailure::kReset;
    out.response = Error::network(where + ": " + detail + after);
  }
  return out;
}

}  // namespace humain::providers
