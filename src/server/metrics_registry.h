// MetricsRegistry: what /metrics reports, in the Prometheus text exposition format (0.0.4).
// Counters and latency histograms are recorded per request; point-in-time values (breakers,
// caches, queue) are read when scraped and passed in as gauges.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace humain::server {

// A value read at scrape time: name (without the humain_ prefix), help, type, labels, value.
struct Sample {
  std::string name, help, type;  // type: gauge | counter
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

class MetricsRegistry {
 public:
  // One finished request: endpoint ("/v1/ground"), tier that answered ("" = none), HTTP status.
  void observe_request(const std::string& endpoint, const std::string& tier, int status, double seconds);
  void add_bytes_sent(std::uint64_t bytes) { bytes_sent_ += bytes; }
  void add_redactions(std::uint64_t boxes) { redactions_ += boxes; }

  // The whole exposition text, with `live` samples appended (grouped by name).
  std::string render(const std::vector<Sample>& live) const;

 private:
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,  10,   30};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};  // per bucket (not cumulative)
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::atomic<std::uint64_t> bytes_sent_{0}, redactions_{0};
};

}  // namespace humain::server
