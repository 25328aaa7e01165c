// A blocking HTTP client on libcurl: one request at a time per client, body streamed to a callback,
// with separate connect, stall (no byte for N s) and total timeouts. Internal to the providers.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "humain/result.h"

namespace humain::providers {

struct HttpTimeouts {
  double connect_s = 5;
  double stall_s = 30;   // no byte received for this long = dead peer
  double total_s = 120;  // whole request, headers to last byte
};

struct HttpRequest {
  std::string method = "GET";  // GET | POST
  std::string url;
  std::map<std::string, std::string> headers;  // never logged: may hold keys
  std::string body;
  HttpTimeouts timeouts;
  const std::atomic<bool>* cancel = nullptr;   // when it turns true the transfer is aborted (kCancelled)
};

// What came back. Header names are lower-cased; repeated headers keep the last value.
struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;          // the whole body when no sink consumed it (and always for non-2xx)
  std::size_t body_bytes = 0;  // bytes received, whether buffered or streamed
  double connect_ms = 0;     // CURLINFO_CONNECT_TIME
  double total_ms = 0;
};

// Receives 2xx body bytes as they arrive. Return an error to abort the transfer with that error.
using BodySink = std::function<Status(std::string_view bytes)>;

// Why a transfer failed, beyond the Error kind: callers decide retries on it.
enum class TransferFailure { kNone, kConnect, kTimeout, kStall, kReset, kSink, kCancelled };

struct HttpOutcome {
  Result<HttpResponse> response = Error::internal("not sent");
  TransferFailure failure = TransferFailure::kNone;
};

// Owns one CURL easy handle (freed with the client); reuses its connection between requests.
class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends the request. A non-2xx status is a successful transfer: look at response.status.
  // A sink (optional) receives 2xx body bytes instead of response.body.
  HttpOutcome send(const HttpRequest& request, const BodySink& sink = nullptr);

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
};

}  // namespace humain::providers
