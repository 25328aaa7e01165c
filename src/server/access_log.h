// AccessLog: one JSON line per request (id, method, endpoint, status, tier, ms, bytes), to stderr,
// a file, or nowhere. Never a header, a key, a body or an image: only what is listed here.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "humain/result.h"

namespace humain::server {

class AccessLog {
 public:
  // "-" = stderr, "" = off, anything else = a file opened for appending.
  static Result<std::unique_ptr<AccessLog>> open(const std::string& target);
  ~AccessLog();
  void write(const nlohmann::json& line);
  void flush();

 private:
  AccessLog() = default;
  std::mutex mu_;
  std::FILE* out_ = nullptr;
  bool owned_ = false;
};

}  // namespace humain::server
