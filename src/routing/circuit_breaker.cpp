// A dead provider must cost one timeout per cool-down, not one per request.
#include "circuit_breaker.h"

namespace humain::routing {

CircuitBreaker::CircuitBreaker(int failures, double cooldown_s, Clock clock)
    : failures_(failures < 1 ? 1 : failures),
      cooldown_(cooldown_s),
      clock_(clock ? std::move(clock) : [] { return std::chrono::steady_clock::now(); }) {}

bool CircuitBreaker::allow() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!tripped_) return true;
  if (clock_() < open_until_ || trial_in_flight_) return false;
  trial_in_flight_ = true;  // half-open: this caller is the trial
  return true;
}

void CircuitBreaker::record_success() {
  std::lock_guard<std::mutex> lock(mu_);
  consecutive_ = 0;
  tripped_ = false;
  trial_in_flight_ = false;
}

void CircuitBreaker::record_failure() {
  std::lock_guard<std::mutex> lock(mu_);
  ++consecutive_;
  if (trial_in_flight_ || consecutive_ >= failures_) {
    tripped_ = true;
    trial_in_flight_ = false;
    open_until_ = clock_() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(cooldown_);
  }
}

bool CircuitBreaker::open() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tripped_ && (clock_() < open_until_ || trial_in_flight_);
}

}  // namespace humain::routing
