#include "providers/ndjson_parser.h"

#include <utility>

#include "providers/stream_limits.h"

namespace humain::providers {

NdjsonParser::NdjsonParser(std::string who, Handler on_value) : who_(std::move(who)), on_value_(std::move(on_value)) {}

Status NdjsonParser::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto nl = bytes.find('\n');
    if (pending_.empty()) pending_offset_ = offset_;
    if (pending_.size() + (nl == std::string_view::npos ? bytes.size() : nl) > kMaxStreamLineBytes) {
      return Error::parse(who_ + ": line " + std::to_string(line_no_ + 1) + " at byte " + std::to_string(pending_offset_) +
                          " is longer than the " + mib(kMaxStreamLineBytes) + " line cap (no newline); stopped reading");
    }
    if (nl == std::string_view::npos) {
      pending_.append(bytes);
      offset_ += bytes.size();
      return ok_status();
    }
    pending_.append(bytes.substr(0, nl));
    offset_ += nl + 1;
    bytes.remove_prefix(nl + 1);
    std::string line = std::move(pending_);
    pending_.clear();
    Status s = parse_line(line, pending_offset_);
    if (!s.ok()) return s;
  }
  return ok_status();
}

Status NdjsonParser::finish() {
  if (pending_.empty()) return ok_status();
  std::string line = std::move(pending_);
  pending_.clear();
  // A last line without its newline is fine if it parses; otherwise the stream was cut off.
  const nlohmann::json probe = nlohmann::json::parse(line, nullptr, false);
  if (probe.is_discarded()) {
    return Error::parse(who_ + ": stream ended in the middle of line " + std::to_string(line_no_ + 1) + " at byte " +
                        std::to_string(pending_offset_) + " (truncated): " + line.substr(0, 80));
  }
  return parse_line(line, pending_offset_);
}

Status NdjsonParser::parse_line(const std::string& raw, std::size_t offset) {
  std::string_view line(raw);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (line.empty()) return ok_status();  // blank lines carry nothing
  ++line_no_;
  nlohmann::json value = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    const std::string excerpt(line.substr(0, 80));
    return Error::parse(who_ + ": line " + std::to_string(line_no_) + " at byte " + std::to_string(offset) +
                        " is not JSON: " + excerpt);
  }
  return on_value_(value, line_no_);
}

}  // namespace humain::providers
