#include "server/metrics_registry.h"

#include <algorithm>
#include <sstream>

namespace humain::server {
namespace {

// Label values escape backslash, double quote and newline (exposition format).
std::string escape(const std::string& v) {
  std::string o;
  for (char c : v) {
    if (c == '\\') o += "\\\\";
    else if (c == '"') o += "\\\"";
    else if (c == '\n') o += "\\n";
    else o += c;
  }
  return o;
}

std::string labels(const std::vector<std::pair<std::string, std::string>>& ls) {
  if (ls.empty()) return "";
  std::string o = "{";
  for (std::size_t i = 0; i < ls.size(); ++i) o += (i ? "," : "") + ls[i].first + "=\"" + escape(ls[i].second) + "\"";
  return o + "}";
}

std::string number(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

}  // namespace

void MetricsRegistry::observe_request(const std::string& endpoint, const std::string& tier, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{endpoint, tier, status}];
  Histogram& h = latency_[endpoint];
  const auto it = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  if (it != kBuckets.end()) ++h.counts[it - kBuckets.begin()];
  ++h.count;
  h.sum += seconds;
}

std::string MetricsRegistry::render(const std::vector<Sample>& live) const {
  std::ostringstream o;
  {
    std::lock_guard<std::mutex> lock(mu_);
    o << "# HELP humain_requests_total HTTP requests answered, by endpoint, tier that answered and status.\n"
      << "# TYPE humain_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [endpoint, tier, status] = key;
      o << "humain_requests_total"
        << labels({{"endpoint", endpoint}, {"tier", tier.empty() ? "none" : tier}, {"status", std::to_string(status)}})
        << " " << n << "\n";
    }
    o << "# HELP humain_request_duration_seconds Time from request to response, by endpoint.\n"
      << "# TYPE humain_request_duration_seconds histogram\n";
    for (const auto& [endpoint, h] : latency_) {
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += h.counts[i];
        o << "humain_request_duration_seconds_bucket" << labels({{"endpoint", endpoint}, {"le", number(kBuckets[i])}})
          << " " << cumulative << "\n";
      }
      o << "humain_request_duration_seconds_bucket" << labels({{"endpoint", endpoint}, {"le", "+Inf"}}) << " " << h.count << "\n"
        << "humain_request_duration_seconds_sum" << labels({{"endpoint", endpoint}}) << " " << number(h.sum) << "\n"
        << "humain_request_duration_seconds_count" << labels({{"endpoint", endpoint}}) << " " << h.count << "\n";
    }
  }
  o << "# HELP humain_bytes_sent_off_machine_total Prompt and image bytes sent to cloud tiers.\n"
    << "# TYPE humain_bytes_sent_off_machine_total counter\n"
    << "humain_bytes_sent_off_machine_total " << bytes_sent_.load() << "\n"
    << "# HELP humain_redactions_total Screen regions masked before a cloud tier could see them.\n"
    << "# TYPE humain_redactions_total counter\n"
    << "humain_redactions_total " << redactions_.load() << "\n";
  // Live samples, one HELP/TYPE per name, in the order first seen.
  std::vector<std::string> order;
  for (const auto& s : live) {
    if (std::find(order.begin(), order.end(), s.name) == order.end()) order.push_back(s.name);
  }
  for (const auto& name : order) {
    bool header = false;
    for (const auto& s : live) {
      if (s.name != name) continue;
      if (!header) {
        o << "# HELP humain_" << name << " " << s.help << "\n# TYPE humain_" << name << " " << s.type << "\n";
        header = true;
      }
      o << "humain_" << name << labels(s.labels) << " " << number(s.value) << "\n";
    }
  }
  return o.str();
}

}  // namespace humain::server
