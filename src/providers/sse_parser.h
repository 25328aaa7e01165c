// Incremental Server-Sent Events parser (the WHATWG event-stream format): bytes in, events out,
// whatever way the bytes were split by the network.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "humain/result.h"

namespace humain::providers {

struct SseEvent {
  std::string event;  // the `event:` field; empty = "message"
  std::string data;   // `data:` lines joined with '\n'
  std::size_t offset = 0;  // byte offset of the event's first line in the stream, for messages
};

class SseParser {
 public:
  // Called once per complete event (at its blank line). An error stops parsing and is returned.
  using Handler = std::function<Status(const SseEvent&)>;
  // Called for `:` comment lines (keep-alives such as ": OPENROUTER PROCESSING").
  using CommentHandler = std::function<void(std::string_view)>;

  explicit SseParser(Handler on_event, CommentHandler on_comment = nullptr);

  // Feeds the next bytes. Lines may end in \n, \r\n or \r.
  Status feed(std::string_view bytes);
  // End of stream: dispatches nothing incomplete; says whether a partial event was left over.
  bool has_partial() const;
  std::size_t bytes_seen() const { return offset_; }

 private:
  Status line(std::string_view l, std::size_t line_offset);

  Handler on_event_;
  CommentHandler on_comment_;
  std::string pending_;   // bytes of an unfinished line
  std::size_t pending_offset_ = 0;
  SseEvent current_;
  bool has_data_ = false;
  bool has_fields_ = false;
  bool last_was_cr_ = false;
  std::size_t offset_ = 0;
};

}  // namespace humain::providers
