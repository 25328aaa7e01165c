#include "providers/endpoint_url.h"

namespace humain::providers {

Result<std::string> normalize_base_url(const std::string& base_url) {
  std::string u = base_url;
  while (!u.empty() && (u.back() == ' ' || u.back() == '\t')) u.pop_back();
  const auto scheme_end = u.find("://");
  if (scheme_end == std::string::npos || (u.compare(0, scheme_end, "http") != 0 && u.compare(0, scheme_end, "https") != 0)) {
    return Error::invalid("base_url must start with http:// or https://, got \"" + redact_url(u) + "\"");
  }
  if (u.find_first_of("?#") != std::string::npos) {
    return Error::invalid("base_url must not carry a query or fragment: \"" + redact_url(u) + "\"");
  }
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (u.size() >= 3 && u.compare(u.size() - 3, 3, "/v1") == 0 && u.size() - 3 > scheme_end + 3) u.resize(u.size() - 3);
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (u.size() <= scheme_end + 3) return Error::invalid("base_url has no host: \"" + redact_url(base_url) + "\"");
  return u;
}

std::string redact_url(const std::string& url) {
  std::string u = url;
  const auto q = u.find_first_of("?#");
  if (q != std::string::npos) u.resize(q);
  const auto scheme_end = u.find("://");
  if (scheme_end != std::string::npos) {
    const auto host_start = scheme_end + 3;
    const auto slash = u.find('/', host_start);
    const auto at = u.rfind('@', slash == std::string::npos ? u.size() : slash);
    if (at != std::string::npos && at >= host_start) u.erase(host_start, at + 1 - host_start);
  }
  return u;
}

}  // namespace humain::providers
