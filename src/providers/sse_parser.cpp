#include "providers/sse_parser.h"

#include <utility>

#include "providers/stream_limits.h"

namespace humain::providers {

SseParser::SseParser(Handler on_event, CommentHandler on_comment)
    : on_event_(std::move(on_event)), on_comment_(std::move(on_comment)) {}

Status SseParser::feed(std::string_view bytes) {
  for (char c : bytes) {
    const std::size_t here = offset_++;
    if (last_was_cr_) {
      last_was_cr_ = false;
      if (c == '\n') continue;  // the \n of a \r\n pair
    }
    if (c == '\n' || c == '\r') {
      last_was_cr_ = (c == '\r');
      std::string l = std::move(pending_);
      pending_.clear();
      Status s = line(l, pending_offset_);
      if (!s.ok()) return s;
      pending_offset_ = here + 1;
      continue;
    }
    if (pending_.empty()) pending_offset_ = here;
    if (pending_.size() >= kMaxStreamLineBytes) {
      return Error::parse("event stream line at byte " + std::to_string(pending_offset_) + " is longer than the " +
                          mib(kMaxStreamLineBytes) + " line cap (no newline); stopped reading");
    }
    pending_.push_back(c);
  }
  return ok_status();
}

bool SseParser::has_partial() const { return !pending_.empty() || has_fields_; }

Status SseParser::line(std::string_view l, std::size_t line_offset) {
  if (l.empty()) {  // blank line: dispatch
    if (has_data_) {
      Status s = on_event_(current_);
      current_ = {};
      has_data_ = has_fields_ = false;
      return s;
    }
    current_ = {};
    has_fields_ = false;
    return ok_status();
  }
  if (l.front() == ':') {
    if (on_comment_) on_comment_(l.substr(1));
    return ok_status();
  }
  std::string_view field = l, value;
  const auto colon = l.find(':');
  if (colon != std::string_view::npos) {
    field = l.substr(0, colon);
    value = l.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (!has_fields_) current_.offset = line_offset;
  has_fields_ = true;
  if (field == "data") {
    if (has_data_) current_.data.push_back('\n');
    current_.data.append(value);
    has_data_ = true;
  } else if (field == "event") {
    current_.event = std::string(value);
  }  // id, retry and unknown fields are ignored, as the spec says
  return ok_status();
}

}  // namespace humain::providers
