// AuditLog: one JSON line per routed request, appended and flushed, so "what left this machine?"
// has an answer after the fact. The file is opened once and closed with the log (RAII).
#pragma once

#include <fstream>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "humain/result.h"

namespace humain::routing {

class AuditLog {
 public:
  // Opens `path` for appending; an empty path makes a log that drops everything.
  static Result<std::unique_ptr<AuditLog>> open(const std::string& path);
  void write(nlohmann::json record);
  bool enabled() const { return out_.is_open(); }

 private:
  AuditLog() = default;
  std::mutex mu_;
  std::ofstream out_;
};

}  // namespace humain::routing
