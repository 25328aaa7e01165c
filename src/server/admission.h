// Admission: at most `max_concurrent` requests do work (grounding, parsing, chat) at once, at most
// `max_queue` more wait for a slot; beyond that a request is turned away at once (429), and one
// that waits past its deadline gives up (503). Keeps memory and latency bounded under overload.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace humain::server {

class Admission {
 public:
  enum class Verdict { kAdmitted, kQueueFull, kDeadline };

  Admission(int max_concurrent, int max_queue) : max_concurrent_(max_concurrent), max_queue_(max_queue) {}

  // Holds one slot while alive.
  class Ticket {
   public:
    Ticket() = default;
    explicit Ticket(Admission* a) : a_(a) {}
    Ticket(Ticket&& o) noexcept : a_(o.a_) { o.a_ = nullptr; }
    Ticket& operator=(Ticket&& o) noexcept {
      release();
      a_ = o.a_;
      o.a_ = nullptr;
      return *this;
    }
    ~Ticket() { release(); }

   private:
    void release() {
      if (a_) a_->leave();
      a_ = nullptr;
    }
    Admission* a_ = nullptr;
  };

  // Waits for a slot until `deadline`; `ticket` holds it when the verdict is kAdmitted.
  Verdict enter(std::chrono::steady_clock::time_point deadline, Ticket& ticket);

  int in_flight() const;
  int waiting() const;

 private:
  void leave();
  const int max_concurrent_, max_queue_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0, waiting_ = 0;
};

}  // namespace humain::server
