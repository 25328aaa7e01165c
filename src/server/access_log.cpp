#include "server/access_log.h"

#include <cerrno>
#include <cstring>

namespace humain::server {

Result<std::unique_ptr<AccessLog>> AccessLog::open(const std::string& target) {
  std::unique_ptr<AccessLog> log(new AccessLog());
  if (target == "-") {
    log->out_ = stderr;
  } else if (!target.empty()) {
    log->out_ = std::fopen(target.c_str(), "a");
    if (!log->out_) return Error::io("cannot open access log " + target + ": " + std::strerror(errno));
    log->owned_ = true;
  }
  return log;
}

AccessLog::~AccessLog() {
  if (owned_ && out_) std::fclose(out_);
}

void AccessLog::write(const nlohmann::json& line) {
  if (!out_) return;
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

void AccessLog::flush() {
  std::lock_guard<std::mutex> lock(mu_);
  if (out_) std::fflush(out_);
}

}  // namespace humain::server
