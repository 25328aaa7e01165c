#include "server/admission.h"

namespace humain::server {

Admission::Verdict Admission::enter(std::chrono::steady_clock::time_point deadline, Ticket& ticket) {
  std::unique_lock<std::mutex> lock(mu_);
  if (in_flight_ >= max_concurrent_) {
    if (waiting_ >= max_queue_) return Verdict::kQueueFull;
    ++waiting_;
    const bool got = cv_.wait_until(lock, deadline, [&] { return in_flight_ < max_concurrent_; });
    --waiting_;
    if (!got) return Verdict::kDeadline;
  }
  ++in_flight_;
  ticket = Ticket(this);
  return Verdict::kAdmitted;
}

void Admission::leave() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    --in_flight_;
  }
  cv_.notify_one();
}

int Admission::in_flight() const {
  std::lock_guard<std::mutex> lock(mu_);
  return in_flight_;
}

int Admission::waiting() const {
  std::lock_guard<std::mutex> lock(mu_);
  return waiting_;
}

}  // namespace humain::server
