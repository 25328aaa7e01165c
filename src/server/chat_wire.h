// The two chat wire formats the proxy speaks to its clients: OpenAI's /v1/chat/completions (JSON
// or SSE chunks) and Ollama's /api/chat (JSON or NDJSON). Requests become one ChatRequest plus the
// decoded screenshots (so the router can scan and mask them); answers go back in the caller's format.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/image.h"
#include "humain/provider.h"
#include "humain/result.h"

namespace humain::server {

enum class ChatWire { kOpenAi, kOllama };

struct ProxiedChat {
  ChatRequest request;              // system, prompt (earlier turns folded in), limits; no images
  std::vector<Screenshot> images;   // every image of every message, decoded, in order
  std::string model;                // as the client named it (echoed back)
  bool stream = false;
};

// Reads a client request. Errors (kInvalidInput) name the offending field; remote image URLs,
// tools and unknown roles are refused rather than silently dropped.
Result<ProxiedChat> parse_chat(ChatWire wire, const nlohmann::json& body, const ImageLimits& limits);

// A whole (non-streamed) answer in the wire's format.
nlohmann::json chat_answer(ChatWire wire, const ChatResponse& r, const std::string& id, const std::string& model,
                           long long created);

// One streamed delta, framed for the wire (SSE event or NDJSON line).
std::string chat_delta(ChatWire wire, const std::string& delta, const std::string& id, const std::string& model,
                       long long created);

// The stream's last frames: finish reason and usage, then OpenAI's "data: [DONE]".
std::string chat_end(ChatWire wire, const ChatResponse& r, const std::string& id, const std::string& model,
                     long long created);

// An error inside a stream that already started (the status line is long gone).
std::string chat_stream_error(ChatWire wire, const std::string& message);

}  // namespace humain::server
