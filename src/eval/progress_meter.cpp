#include "eval/progress_meter.h"

#include <unistd.h>

#include <string>

namespace humain {
namespace {
constexpr auto kTtyInterval = std::chrono::milliseconds(200);
constexpr auto kLogInterval = std::chrono::seconds(5);
constexpr int kBarWidth = 30;

std::string duration_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lds", s);
  }
  return buf;
}
}  // namespace

ProgressMeter::ProgressMeter(std::FILE* out, std::size_t total)
    : out_(out),
      total_(total),
      tty_(out && isatty(fileno(out))),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressMeter::update(std::size_t done) {
  if (!out_ || done == last_done_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < (tty_ ? kTtyInterval : kLogInterval) && last_done_ != static_cast<std::size_t>(-1)) return;
  draw(done, false);
}

void ProgressMeter::finish(std::size_t done) {
  if (!out_) return;
  draw(done, true);
}

void ProgressMeter::draw(std::size_t done, bool final_line) {
  const auto now = std::chrono::steady_clock::now();
  last_draw_ = now;
  last_done_ = done;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const std::string tail = final_line ? "in " + duration_text(elapsed) : "ETA " + (rate > 0 ? duration_text(eta) : std::string("?"));
  if (tty_) {
    const int filled = static_cast<int>(frac * kBarWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kBarWidth - filled), '.');
    std::fprintf(out_, "\r[%s] %zu/%zu %5.1f%% %.2f samples/s %s\033[K", bar.c_str(), done, total_, 100 * frac, rate,
                 tail.c_str());
    if (final_line) std::fputc('\n', out_);
  } else {
    std::fprintf(out_, "eval: %zu/%zu (%.1f%%) %.2f samples/s %s\n", done, total_, 100 * frac, rate, tail.c_str());
  }
  std::fflush(out_);
}

}  // namespace humain
