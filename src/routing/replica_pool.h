// ReplicaPool: the endpoints serving one tier (the tier's own, its replicas, then same-side
// fallbacks), each with a breaker and an in-flight count. A request takes the healthy endpoint
// with the fewest requests in flight; its Lease gives the slot back when it goes out of scope.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "circuit_breaker.h"
#include "humain/config.h"
#include "humain/result.h"

namespace humain::routing {

template <typename Client>
class ReplicaPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Client>>(const EndpointConfig&)>;

  struct Member {
    EndpointConfig endpoint;  // base_url set to this replica's URL
    std::unique_ptr<CircuitBreaker> breaker;
    std::atomic<int> in_flight{0};
    std::mutex mu;                    // guards client creation
    std::unique_ptr<Client> client;   // made on first use: a missing key only fails when used
  };

  // Holds one member's slot; releases it on destruction.
  class Lease {
   public:
    Lease() = default;
    explicit Lease(Member* m) : m_(m) {}
    Lease(Lease&& o) noexcept : m_(o.m_) { o.m_ = nullptr; }
    Lease& operator=(Lease&& o) noexcept {
      release();
      m_ = o.m_;
      o.m_ = nullptr;
      return *this;
    }
    ~Lease() { release(); }
    Member* operator->() const { return m_; }
    explicit operator bool() const { return m_ != nullptr; }

   private:
    void release() {
      if (m_) m_->in_flight.fetch_sub(1);
      m_ = nullptr;
    }
    Member* m_ = nullptr;
  };

  ReplicaPool(const std::vector<EndpointConfig>& endpoints, int failures, double cooldown_s, Factory factory,
              CircuitBreaker::Clock clock = nullptr)
      : factory_(std::move(factory)) {
    for (const auto& e : endpoints) {
      std::vector<std::string> urls{e.base_url};
      urls.insert(urls.end(), e.replicas.begin(), e.replicas.end());
      for (const auto& url : urls) {
        auto m = std::make_unique<Member>();
        m->endpoint = e;
        m->endpoint.base_url = url;
        m->endpoint.replicas.clear();
        m->breaker = std::make_unique<CircuitBreaker>(failures, cooldown_s, clock);
        members_.push_back(std::move(m));
      }
    }
  }

  bool empty() const { return members_.empty(); }
  size_t size() const { return members_.size(); }

  // The healthy member with the fewest in flight, skipping `tried`; empty Lease when none is left.
  Lease acquire(const std::vector<const Member*>& tried) {
    std::lock_guard<std::mutex> lock(pick_mu_);
    Member* best = nullptr;
    size_t best_index = 0;
    // Ties go round-robin from where the last pick left off, so sequential requests spread too.
    for (size_t k = 0; k < members_.size(); ++k) {
      const size_t i = (next_ + k) % members_.size();
      Member* m = members_[i].get();
      if (std::find(tried.begin(), tried.end(), m) != tried.end()) continue;
      if (m->breaker->open()) continue;
      if (!best || m->in_flight.load() < best->in_flight.load()) best = m, best_index = i;
    }
    if (!best || !best->breaker->allow()) return Lease();
    next_ = best_index + 1;
    best->in_flight.fetch_add(1);
    return Lease(best);
  }

  // The member's client, made on first use.
  Result<Client*> client(Member& m) {
    std::lock_guard<std::mutex> lock(m.mu);
    if (!m.client) {
      auto made = factory_(m.endpoint);
      if (!made.ok()) return made.error();
      m.client = std::move(made.value());
    }
    return m.client.get();
  }

  // Members whose breaker is open right now (for messages).
  int open_count() const {
    int n = 0;
    for (const auto& m : members_) n += m->breaker->open();
    return n;
  }

 private:
  Factory factory_;
  std::mutex pick_mu_;
  size_t next_ = 0;  // guarded by pick_mu_
  std::vector<std::unique_ptr<Member>> members_;
};

}  // namespace humain::routing
