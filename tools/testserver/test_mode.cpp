#include "test_mode.h"

#include <cstdlib>
#include <sstream>

namespace humain::testserver {
namespace {

bool to_int(const std::string& s, int& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0' || v < -1 || v > 10'000'000) return false;
  out = static_cast<int>(v);
  return true;
}

}  // namespace

Status apply_mode_spec(const std::string& spec, TestMode& m) {
  // text= takes the rest of the spec, commas included, so it must come last.
  std::string rest = spec;
  if (const auto t = spec.find("text="); t != std::string::npos && (t == 0 || spec[t - 1] == ',' || spec[t - 1] == ' ')) {
    m.text = spec.substr(t + 5);
    rest = spec.substr(0, t);
  }
  std::stringstream ss(rest);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const std::string key = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    int* number = key == "chunk" ? &m.chunk : key == "first_token_ms" ? &m.first_token_ms
                : key == "token_delay_ms" ? &m.token_delay_ms : key == "status" ? &m.status
                : key == "fail_times" ? &m.fail_times : key == "after_tokens" ? &m.after_tokens : nullptr;
    bool* flag = key == "midstream_error" ? &m.midstream_error : key == "truncate" ? &m.truncate
               : key == "reset" ? &m.reset : key == "stall" ? &m.stall : key == "malformed" ? &m.malformed
               : key == "dead" ? &m.dead : key == "refuse" ? &m.refuse : key == "keepalive" ? &m.keepalive
               : key == "error200" ? &m.error200 : nullptr;
    if (number) {
      if (!to_int(value, *number)) return Error::invalid("test mode: " + key + " needs an integer, got \"" + value + "\"");
    } else if (flag) {
      *flag = value.empty() || value == "1" || value == "true";
    } else if (key == "retry_after") {
      m.retry_after = value;
    } else if (key == "retry_after_ms") {
      int v = 0;
      if (!to_int(value, v)) return Error::invalid("test mode: retry_after_ms needs an integer");
      m.retry_after_ms = v;
    } else if (key == "text") {
      m.text = value;
    } else if (key == "marks") {
      if (value != "json" && value != "plain" && value != "prose" && value != "tool") {
        return Error::invalid("test mode: marks must be json, plain, prose or tool");
      }
      m.marks = value;
    } else if (key == "family") {
      m.family = value;
    } else if (key == "normal") {
      m = TestMode{};
    } else {
      return Error::invalid("test mode: unknown key \"" + key + "\"");
    }
  }
  return ok_status();
}

}  // namespace humain::testserver
