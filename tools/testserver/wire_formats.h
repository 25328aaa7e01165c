// How each protocol frames an answer: Ollama NDJSON, OpenAI-compatible SSE, Anthropic SSE events,
// OpenAI Responses API typed SSE events,
// plus their whole (non-streamed) bodies and error bodies, written as the real servers write them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "humain/provider.h"

namespace humain::testserver {

enum class Protocol { kOllama, kOpenAi, kAnthropic, kResponses };  // kResponses: OpenAI /v1/responses

struct Answer {
  std::string text;
  std::vector<ToolCall> tool_calls;
};

// Numbers the final chunk reports (usage, durations).
struct AnswerStats {
  std::string model;
  int prompt_tokens = 0;
  int completion_tokens = 0;
  double prompt_ms = 0;   // time to first token
  double eval_ms = 0;     // first token to last
  double total_ms = 0;
  bool include_usage = false;  // OpenAI stream_options.include_usage
};

class WireFormat {
 public:
  virtual ~WireFormat() = default;
  virtual std::string stream_content_type() const = 0;
  // Events sent before the first token (Anthropic message_start + ping, OpenAI's role chunk).
  virtual std::string head(const AnswerStats& stats) const = 0;
  // One framed event (or a few) per piece of output: text pieces, then tool calls.
  virtual std::vector<std::string> pieces(const Answer& answer, const AnswerStats& stats) const = 0;
  // The end of the stream: finish reason, usage, timings, end marker.
  virtual std::string tail(const Answer& answer, const AnswerStats& stats) const = 0;
  // An error reported inside the stream, the way this protocol does it.
  virtual std::string stream_error(const std::string& message, const AnswerStats& stats) const = 0;
  // A keep-alive (SSE comment); empty where the protocol has none.
  virtual std::string keepalive() const { return ""; }
  // The same piece with its JSON cut open: malformed output.
  virtual std::string malformed(const std::string& piece_text) const = 0;
  virtual std::string whole(const Answer& answer, const AnswerStats& stats) const = 0;
  virtual std::string error_body(int status, const std::string& message) const = 0;
};

std::unique_ptr<WireFormat> make_wire_format(Protocol protocol);

// Splits text into pieces of at most `n` bytes without cutting a UTF-8 sequence.
std::vector<std::string> split_pieces(const std::string& text, std::size_t n);

}  // namespace humain::testserver
