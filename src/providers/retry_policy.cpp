#include "providers/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <cstring>

namespace humain::providers {

bool is_retryable_status(int status) {
  switch (status) {
    case 408: case 409: case 429: case 500: case 502: case 503: case 504: case 529:
      return true;
    default:
      return false;
  }
}

namespace {

std::optional<double> parse_non_negative(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_http_date(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return std::nullopt;
  const std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

std::optional<double> server_retry_after_ms(const std::map<std::string, std::string>& headers,
                                            std::chrono::system_clock::time_point now) {
  if (auto it = headers.find("retry-after-ms"); it != headers.end()) {
    if (auto v = parse_non_negative(it->second)) return *v;
  }
  if (auto it = headers.find("retry-after"); it != headers.end()) {
    if (auto v = parse_non_negative(it->second)) return *v * 1000.0;
    if (auto when = parse_http_date(it->second)) {
      const double ms = std::chrono::duration<double, std::milli>(*when - now).count();
      return std::max(0.0, ms);
    }
  }
  return std::nullopt;
}

double backoff_ms(int retry, std::mt19937_64& rng, const BackoffPolicy& policy) {
  const double raw = policy.base_ms * std::pow(2.0, std::clamp(retry, 0, 30));
  std::uniform_real_distribution<double> spread(1.0 - policy.jitter, 1.0 + policy.jitter);
  return std::min(policy.cap_ms, raw * spread(rng));
}

}  // namespace humain::providers
