// How the test server misbehaves for one request, from a spec such as
// "first_token_ms=300,token_delay_ms=20" or "status=429,retry_after=1,fail_times=1".
// Spec sources, later wins: the server's --mode, the model name after '+', the X-Test-Mode header.
#pragma once

#include <optional>
#include <string>

#include "humain/result.h"

namespace humain::testserver {

struct TestMode {
  int chunk = 0;               // write responses in pieces of this many bytes (0 = whole events)
  int first_token_ms = 0;      // wait before the first token
  int token_delay_ms = 0;      // wait between tokens
  int status = 0;              // answer this HTTP status with the protocol's error body
  std::optional<std::string> retry_after;  // Retry-After value (seconds or HTTP-date)
  std::optional<int> retry_after_ms;       // retry-after-ms value
  int fail_times = -1;         // with status/refuse: only the first N requests of this spec fail (-1 = all)
  bool midstream_error = false;  // an in-band error after `after_tokens` tokens
  bool truncate = false;       // cut an event in half after `after_tokens` tokens, end the body cleanly
  bool reset = false;          // close the socket after `after_tokens` tokens (no final chunk)
  bool stall = false;          // stop sending after `after_tokens` tokens, keep the socket open
  bool malformed = false;      // the event after `after_tokens` tokens is broken JSON
  bool dead = false;           // read the request, never answer
  bool refuse = false;         // reset the connection without reading
  bool keepalive = false;      // ": OPENROUTER PROCESSING" comments while waiting (SSE)
  bool error200 = false;       // OpenRouter-style: an error inside a 200 answer
  int after_tokens = 2;
  std::string text;            // answer with this text instead of the ground truth (text= comes last: it takes the rest)
  std::string family;          // answer in this adapter family's format
  std::string marks = "json";  // set-of-marks prompts: answer form json | plain | prose | tool (mark_answer.h)
};

// Applies "key=value,flag,..." to `mode`; an unknown key is an error naming it.
Status apply_mode_spec(const std::string& spec, TestMode& mode);

}  // namespace humain::testserver
