#include "audit_log.h"

#include <chrono>
#include <ctime>

#include "humain/secrets.h"

namespace humain::routing {

Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::string& path) {
  std::unique_ptr<AuditLog> log(new AuditLog());
  if (path.empty()) return log;
  log->out_.open(path, std::ios::app);
  if (!log->out_) return Error::io("cannot open audit log " + path + " for appending");
  return log;
}

void AuditLog::write(nlohmann::json record) {
  if (!out_.is_open()) return;
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char ts[32];
  std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  record["ts"] = ts;
  const std::string line = scrub_secrets(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::lock_guard<std::mutex> lock(mu_);
  out_ << line << '\n';
  out_.flush();  // a crash must not lose the record of what was sent
}

}  // namespace humain::routing
