// When to retry an HTTP call to a model server and how long to wait first.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <string>

namespace humain::providers {

// 408, 409, 429, 500, 502, 503, 504 and 529 (Anthropic "overloaded") are worth another try;
// everything else (400, 401, 403, 404, 413, 422, ...) fails the same way again.
bool is_retryable_status(int status);

// The server's requested wait, from `retry-after-ms` (milliseconds), else `retry-after` (seconds
// or an HTTP-date, relative to `now`). nullopt when absent or unreadable. Header names lower-case.
std::optional<double> server_retry_after_ms(const std::map<std::string, std::string>& headers,
                                            std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

struct BackoffPolicy {
  double base_ms = 500;    // first wait: 0.5 s
  double cap_ms = 8000;    // never wait longer than this between tries
  double jitter = 0.25;    // +-25 %
};

// Wait before retry number `retry` (0 = first retry): base * 2^retry, jittered, capped.
double backoff_ms(int retry, std::mt19937_64& rng, const BackoffPolicy& policy = {});

// Parses an IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT"); nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_http_date(const std::string& text);

}  // namespace humain::providers
