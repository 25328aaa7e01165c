// Progress of a long run on stderr: a redrawn bar with rate and ETA on a terminal, a plain line
// every few seconds otherwise (CI logs). Called from one thread only.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>

namespace humain {

class ProgressMeter {
 public:
  // `out` null = silent.
  ProgressMeter(std::FILE* out, std::size_t total);
  void update(std::size_t done);
  void finish(std::size_t done);

 private:
  void draw(std::size_t done, bool final_line);

  std::FILE* out_;
  std::size_t total_;
  bool tty_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::size_t last_done_ = static_cast<std::size_t>(-1);
};

}  // namespace humain
