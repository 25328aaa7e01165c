// CircuitBreaker: after `failures` consecutive failures an endpoint is skipped for `cooldown`;
// then one trial request is let through (half-open): success closes it, failure re-opens it.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

namespace humain::routing {

class CircuitBreaker {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  CircuitBreaker(int failures, double cooldown_s, Clock clock = nullptr);

  // True when a request may go now; in half-open state only one caller gets true until it reports.
  bool allow();
  void record_success();
  void record_failure();
  bool open() const;  // skipped right now (cooling down)

 private:
  const int failures_;
  const std::chrono::duration<double> cooldown_;
  const Clock clock_;
  mutable std::mutex mu_;
  int consecutive_ = 0;
  bool tripped_ = false;
  bool trial_in_flight_ = false;
  std::chrono::steady_clock::time_point open_until_{};
};

}  // namespace humain::routing
