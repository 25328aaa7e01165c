#include "wire_formats.h"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

namespace humain::testserver {
namespace {

using json = nlohmann::ordered_json;  // keys in the order real servers write them

constexpr std::size_t kTextPiece = 4;   // bytes of text per token event
constexpr std::size_t kArgsPiece = 12;  // bytes of tool arguments per delta

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
std::string sse(const json& j) { return "data: " + dump(j) + "\n\n"; }
std::string sse(const std::string& event, const json& j) { return "event: " + event + "\ndata: " + dump(j) + "\n\n"; }
long long now_s() { return static_cast<long long>(std::time(nullptr)); }
long long ns(double ms) { return static_cast<long long>(ms * 1e6); }

std::string iso_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
  char out[64];
  std::snprintf(out, sizeof out, "%s.%06lldZ", buf, static_cast<long long>(us));
  return out;
}

// OpenAI's error `type` for an HTTP status (Chat Completions and Responses share it).
const char* openai_error_type(int status) {
  return status == 401 ? "authentication_error" : status == 429 ? "rate_limit_error"
         : status >= 500 ? "server_error" : "invalid_request_error";
}

// ---- Ollama: NDJSON, durations in nanoseconds on the final object ----
class OllamaWire final : public WireFormat {
 public:
  std::string stream_content_type() const override { return "application/x-ndjson"; }
  std::string head(const AnswerStats&) const override { return ""; }
  std::vector<std::string> pieces(const Answer& a, const AnswerStats& s) const override {
    std::vector<std::string> out;
    for (const auto& p : split_pieces(a.text, kTextPiece)) out.push_back(dump(chunk(s, p)) + "\n");
    if (!a.tool_calls.empty()) {
      json j = chunk(s, "");
      j["message"]["tool_calls"] = tool_calls(a);
      out.push_back(dump(j) + "\n");
    }
    return out;
  }
  std::string tail(const Answer&, const AnswerStats& s) const override { return dump(final_object(s, "")) + "\n"; }
  std::string stream_error(const std::string& m, const AnswerStats&) const override { return dump(json{{"error", m}}) + "\n"; }
  std::string malformed(const std::string& p) const override { return "{\"message\":{\"role\":\"assistant\",\"content\":\"" + p + "\"\n"; }
  std::string whole(const Answer& a, const AnswerStats& s) const override {
    json j = final_object(s, a.text);
    if (!a.tool_calls.empty()) j["message"]["tool_calls"] = tool_calls(a);
    return dump(j);
  }
  std::string error_body(int, const std::string& m) const override { return dump(json{{"error", m}}); }

 private:
  static json chunk(const AnswerStats& s, const std::string& content) {
    return {{"model", s.model}, {"created_at", iso_now()}, {"message", {{"role", "assistant"}, {"content", content}}}, {"done", false}};
  }
  static json tool_calls(const Answer& a) {
    json calls = json::array();
    for (const auto& t : a.tool_calls) calls.push_back({{"function", {{"name", t.name}, {"arguments", t.arguments}}}});
    return calls;
  }
  static json final_object(const AnswerStats& s, const std::string& content) {
    return {{"model", s.model},
            {"created_at", iso_now()},
            {"message", {{"role", "assistant"}, {"content", content}}},
            {"done_reason", "stop"},
            {"done", true},
            {"total_duration", ns(s.total_ms)},
            {"load_duration", ns(1.5)},
            {"prompt_eval_count", s.prompt_tokens},
            {"prompt_eval_duration", ns(s.prompt_ms)},
            {"eval_count", s.completion_tokens},
            {"eval_duration", ns(s.eval_ms)}};
  }
};

// ---- OpenAI-compatible: SSE data lines, [DONE], llama-server style timings ----
class OpenAiWire final : public WireFormat {
 public:
  std::string stream_content_type() const override { return "text/event-stream"; }
  std::string head(const AnswerStats& s) const override {
    return sse(chunk(s, {{"role", "assistant"}, {"content", ""}}, nullptr));
  }
  std::vector<std::string> pieces(const Answer& a, const AnswerStats& s) const override {
    std::vector<std::string> out;
    for (const auto& p : split_pieces(a.text, kTextPiece)) out.push_back(sse(chunk(s, {{"content", p}}, nullptr)));
    for (std::size_t i = 0; i < a.tool_calls.size(); ++i) {
      const auto& t = a.tool_calls[i];
      json first = {{"index", i}, {"id", "call_" + std::to_string(i)}, {"type", "function"},
                    {"function", {{"name", t.name}, {"arguments", ""}}}};
      out.push_back(sse(chunk(s, {{"tool_calls", json::array({first})}}, nullptr)));
      for (const auto& p : split_pieces(dump(t.arguments), kArgsPiece)) {
        json d = {{"index", i}, {"function", {{"arguments", p}}}};
        out.push_back(sse(chunk(s, {{"tool_calls", json::array({d})}}, nullptr)));
      }
    }
    return out;
  }
  std::string tail(const Answer& a, const AnswerStats& s) const override {
    json last = chunk(s, json::object(), a.tool_calls.empty() ? "stop" : "tool_calls");
    last["timings"] = timings(s);
    std::string out = sse(last);
    if (s.include_usage) {
      json u = {{"id", "chatcmpl-humain-test"}, {"object", "chat.completion.chunk"}, {"created", now_s()},
                {"model", s.model}, {"choices", json::array()}, {"usage", usage(s)}};
      out += sse(u);
    }
    return out + "data: [DONE]\n\n";
  }
  std::string stream_error(const std::string& m, const AnswerStats& s) const override {
    // OpenRouter's shape: an `error` object next to a choice that finishes with "error".
    json j = chunk(s, {{"content", ""}}, "error");
    j["error"] = {{"code", "server_error"}, {"message", m}};
    return sse(j);
  }
  std::string keepalive() const override { return ": OPENROUTER PROCESSING\n\n"; }
  std::string malformed(const std::string& p) const override {
    return "data: {\"id\":\"chatcmpl-humain-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + p + "\"\n\n";
  }
  std::string whole(const Answer& a, const AnswerStats& s) const override {
    json msg = {{"role", "assistant"}, {"content", a.text}};
    if (!a.tool_calls.empty()) {
      json calls = json::array();
      for (std::size_t i = 0; i < a.tool_calls.size(); ++i) {
        calls.push_back({{"id", "call_" + std::to_string(i)}, {"type", "function"},
                         {"function", {{"name", a.tool_calls[i].name}, {"arguments", dump(a.tool_calls[i].arguments)}}}});
      }
      msg["tool_calls"] = calls;
      if (a.text.empty()) msg["content"] = nullptr;
    }
    json j = {{"id", "chatcmpl-humain-test"}, {"object", "chat.completion"}, {"created", now_s()}, {"model", s.model},
              {"choices", json::array({{{"index", 0}, {"message", msg}, {"finish_reason", a.tool_calls.empty() ? "stop" : "tool_calls"}}})},
              {"usage", usage(s)}, {"timings", timings(s)}};
    return dump(j);
  }
  std::string error_body(int status, const std::string& m) const override {
    return dump(json{{"error", {{"message", m}, {"type", openai_error_type(status)}, {"code", status}}}});
  }

 private:
  static json chunk(const AnswerStats& s, const json& delta, const json& finish) {
    return {{"id", "chatcmpl-humain-test"}, {"object", "chat.completion.chunk"}, {"created", now_s()}, {"model", s.model},
            {"choices", json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}})}};
  }
  static json usage(const AnswerStats& s) {
    return {{"prompt_tokens", s.prompt_tokens}, {"completion_tokens", s.completion_tokens},
            {"total_tokens", s.prompt_tokens + s.completion_tokens}};
  }
  static json timings(const AnswerStats& s) {
    const double per_token = s.completion_tokens > 0 ? s.eval_ms / s.completion_tokens : 0;
    return {{"prompt_n", s.prompt_tokens}, {"prompt_ms", s.prompt_ms}, {"predicted_n", s.completion_tokens},
            {"predicted_ms", s.eval_ms}, {"predicted_per_token_ms", per_token}};
  }
};

// ---- Anthropic Messages: named SSE events, content blocks, no [DONE] ----
class AnthropicWire final : public WireFormat {
 public:
  std::string stream_content_type() const override { return "text/event-stream"; }
  std::string head(const AnswerStats& s) const override {
    json msg = {{"id", "msg_humain_test"}, {"type", "message"}, {"role", "assistant"}, {"content", json::array()},
                {"model", s.model}, {"stop_reason", nullptr}, {"stop_sequence", nullptr},
                {"usage", {{"input_tokens", s.prompt_tokens}, {"output_tokens", 1}}}};
    return sse("message_start", {{"type", "message_start"}, {"message", msg}}) + sse("ping", {{"type", "ping"}});
  }
  std::vector<std::string> pieces(const Answer& a, const AnswerStats&) const override {
    std::vector<std::string> out;
    int index = 0;
    if (!a.text.empty()) {
      const auto parts = split_pieces(a.text, kTextPiece);
      for (std::size_t i = 0; i < parts.size(); ++i) {
        std::string e;
        if (i == 0) e += block_start(index, {{"type", "text"}, {"text", ""}});
        e += sse("content_block_delta", {{"type", "content_block_delta"}, {"index", index}, {"delta", {{"type", "text_delta"}, {"text", parts[i]}}}});
        if (i + 1 == parts.size()) e += block_stop(index);
        out.push_back(e);
      }
      ++index;
    }
    for (const auto& t : a.tool_calls) {
      out.push_back(block_start(index, {{"type", "tool_use"}, {"id", "toolu_humain_" + std::to_string(index)}, {"name", t.name}, {"input", json::object()}}));
      for (const auto& p : split_pieces(dump(t.arguments), kArgsPiece)) {
        out.push_back(sse("content_block_delta", {{"type", "content_block_delta"}, {"index", index}, {"delta", {{"type", "input_json_delta"}, {"partial_json", p}}}}));
      }
      out.push_back(block_stop(index));
      ++index;
    }
    return out;
  }
  std::string tail(const Answer& a, const AnswerStats& s) const override {
    return sse("message_delta", {{"type", "message_delta"},
                                 {"delta", {{"stop_reason", a.tool_calls.empty() ? "end_turn" : "tool_use"}, {"stop_sequence", nullptr}}},
                                 {"usage", {{"output_tokens", s.completion_tokens}}}}) +
           sse("message_stop", {{"type", "message_stop"}});
  }
  std::string stream_error(const std::string& m, const AnswerStats&) const override {
    return sse("error", {{"type", "error"}, {"error", {{"type", "overloaded_error"}, {"message", m}}}});
  }
  std::string malformed(const std::string& p) const override {
    return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + p + "\"\n\n";
  }
  std::string whole(const Answer& a, const AnswerStats& s) const override {
    json content = json::array();
    if (!a.text.empty()) content.push_back({{"type", "text"}, {"text", a.text}});
    for (std::size_t i = 0; i < a.tool_calls.size(); ++i) {
      content.push_back({{"type", "tool_use"}, {"id", "toolu_humain_" + std::to_string(i)}, {"name", a.tool_calls[i].name},
                         {"input", a.tool_calls[i].arguments}});
    }
    return dump({{"id", "msg_humain_test"}, {"type", "message"}, {"role", "assistant"}, {"model", s.model},
                 {"content", content}, {"stop_reason", a.tool_calls.empty() ? "end_turn" : "tool_use"}, {"stop_sequence", nullptr},
                 {"usage", {{"input_tokens", s.prompt_tokens}, {"output_tokens", s.completion_tokens}}}});
  }
  std::string error_body(int status, const std::string& m) const override {
    const char* type = status == 529 ? "overloaded_error" : status == 429 ? "rate_limit_error" : status == 401 ? "authentication_error"
                       : status == 403 ? "permission_error" : status == 404 ? "not_found_error" : status == 413 ? "request_too_large"
                       : status >= 500 ? "api_error" : "invalid_request_error";
    return dump({{"type", "error"}, {"error", {{"type", type}, {"message", m}}}});
  }

 private:
  static std::string block_start(int index, const json& block) {
    return sse("content_block_start", {{"type", "content_block_start"}, {"index", index}, {"content_block", block}});
  }
  static std::string block_stop(int index) { return sse("content_block_stop", {{"type", "content_block_stop"}, {"index", index}}); }
};


// ---- OpenAI Responses API: typed SSE events with sequence numbers, output items, no [DONE] ----
class ResponsesWire final : public WireFormat {
 public:
  std::string stream_content_type() const override { return "text/event-stream"; }
  // Always two events (0 and 1), so pieces() can number from 2 whichever is framed first.
  std::string head(const AnswerStats& s) const override {
    return event("response.created", 0, {{"response", response(s, "in_progress", json::array(), false)}}) +
           event("response.in_progress", 1, {{"response", response(s, "in_progress", json::array(), false)}});
  }
  std::vector<std::string> pieces(const Answer& a, const AnswerStats&) const override {
    std::vector<std::string> out;
    int index = 0;
    if (!a.text.empty()) {
      const auto parts = split_pieces(a.text, kTextPiece);
      for (std::size_t i = 0; i < parts.size(); ++i) {
        std::string e;
        if (i == 0) {
          e += event("response.output_item.added", next(), {{"output_index", index}, {"item", message_item(a.text, false)}});
          e += event("response.content_part.added", next(), {{"item_id", "msg_humain_test"}, {"output_index", index}, {"content_index", 0},
                                                              {"part", {{"type", "output_text"}, {"annotations", json::array()}, {"text", ""}}}});
        }
        e += event("response.output_text.delta", next(), {{"item_id", "msg_humain_test"}, {"output_index", index}, {"content_index", 0},
                                                           {"delta", parts[i]}, {"logprobs", json::array()}});
        if (i + 1 == parts.size()) {
          e += event("response.output_text.done", next(), {{"item_id", "msg_humain_test"}, {"output_index", index}, {"content_index", 0},
                                                            {"text", a.text}, {"logprobs", json::array()}});
          e += event("response.content_part.done", next(), {{"item_id", "msg_humain_test"}, {"output_index", index}, {"content_index", 0},
                                                            {"part", message_item(a.text, true)["content"][0]}});
          e += event("response.output_item.done", next(), {{"output_index", index}, {"item", message_item(a.text, true)}});
        }
        out.push_back(e);
      }
      ++index;
    }
    for (std::size_t i = 0; i < a.tool_calls.size(); ++i, ++index) {
      const json done = call_item(a.tool_calls[i], i);
      if (done.value("type", "") == "function_call") {
        json added = done;
        added["arguments"] = "";
        added["status"] = "in_progress";
        out.push_back(event("response.output_item.added", next(), {{"output_index", index}, {"item", added}}));
        for (const auto& p : split_pieces(done["arguments"].get<std::string>(), kArgsPiece)) {
          out.push_back(event("response.function_call_arguments.delta", next(), {{"item_id", done["id"]}, {"output_index", index}, {"delta", p}}));
        }
        out.push_back(event("response.function_call_arguments.done", next(), {{"item_id", done["id"]}, {"output_index", index}, {"arguments", done["arguments"]}}));
      } else {
        json added = done;
        added["status"] = "in_progress";
        out.push_back(event("response.output_item.added", next(), {{"output_index", index}, {"item", added}}));
      }
      out.push_back(event("response.output_item.done", next(), {{"output_index", index}, {"item", done}}));
    }
    return out;
  }
  std::string tail(const Answer& a, const AnswerStats& s) const override {
    return event("response.completed", next(), {{"response", response(s, "completed", output(a), true)}});
  }
  std::string stream_error(const std::string& m, const AnswerStats&) const override {
    return event("error", next(), {{"code", "server_error"}, {"message", m}, {"param", nullptr}});
  }
  std::string malformed(const std::string& p) const override {
    return "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"" + p + "\"\n\n";
  }
  std::string whole(const Answer& a, const AnswerStats& s) const override { return dump(response(s, "completed", output(a), true)); }
  std::string error_body(int status, const std::string& m) const override {
    return dump(json{{"error", {{"message", m}, {"type", openai_error_type(status)}, {"param", nullptr}, {"code", nullptr}}}});
  }

 private:
  int next() const { return seq_++; }
  static std::string event(const std::string& type, int seq, json fields) {
    json j = {{"type", type}};
    for (const auto& [k, v] : fields.items()) j[k] = v;
    j["sequence_number"] = seq;
    return sse(type, j);
  }
  static json message_item(const std::string& text, bool done) {
    return {{"id", "msg_humain_test"}, {"type", "message"}, {"status", done ? "completed" : "in_progress"},
            {"content", done ? json::array({{{"type", "output_text"}, {"annotations", json::array()}, {"logprobs", json::array()}, {"text", text}}})
                             : json::array()},
            {"role", "assistant"}};
  }
  // A computer_call answer is already the item; any other tool call becomes a function_call item.
  static json call_item(const ToolCall& t, std::size_t i) {
    if (t.name == "computer_call" && t.arguments.is_object()) {
      json item = {{"id", "cu_humain_" + std::to_string(i)}};
      const json args = t.arguments;  // a named copy: items() of a temporary would dangle
      for (const auto& [k, v] : args.items()) item[k] = v;
      return item;
    }
    return {{"id", "fc_humain_" + std::to_string(i)}, {"type", "function_call"}, {"status", "completed"},
            {"arguments", dump(t.arguments)}, {"call_id", "call_humain_" + std::to_string(i)}, {"name", t.name}};
  }
  static json output(const Answer& a) {
    json out = json::array();
    if (!a.text.empty()) out.push_back(message_item(a.text, true));
    for (std::size_t i = 0; i < a.tool_calls.size(); ++i) out.push_back(call_item(a.tool_calls[i], i));
    return out;
  }
  static json response(const AnswerStats& s, const std::string& status, json out, bool with_usage) {
    json r = {{"id", "resp_humain_test"}, {"object", "response"}, {"created_at", now_s()}, {"status", status},
              {"error", nullptr}, {"incomplete_details", nullptr}, {"model", s.model}, {"output", std::move(out)},
              {"parallel_tool_calls", true}, {"store", false}, {"truncation", "disabled"}, {"usage", nullptr}};
    if (with_usage) {
      r["usage"] = {{"input_tokens", s.prompt_tokens}, {"input_tokens_details", {{"cached_tokens", 0}}},
                    {"output_tokens", s.completion_tokens}, {"output_tokens_details", {{"reasoning_tokens", 0}}},
                    {"total_tokens", s.prompt_tokens + s.completion_tokens}};
    }
    return r;
  }
  mutable int seq_ = 2;  // after head()'s two events
};

}  // namespace

std::vector<std::string> split_pieces(const std::string& text, std::size_t n) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(text.size(), i + n);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;  // continuation byte
    out.push_back(text.substr(i, end - i));
    i = end;
  }
  return out;
}

std::unique_ptr<WireFormat> make_wire_format(Protocol protocol) {
  switch (protocol) {
    case Protocol::kOllama: return std::make_unique<OllamaWire>();
    case Protocol::kOpenAi: return std::make_unique<OpenAiWire>();
    case Protocol::kAnthropic: return std::make_unique<AnthropicWire>();
    case Protocol::kResponses: return std::make_unique<ResponsesWire>();
  }
  return nullptr;
}

}  // namespace humain::testserver
