#include "providers/anthropic_provider.h"

#include <map>

#include "providers/sse_parser.h"

namespace humain::providers {
namespace {

std::string error_of(const nlohmann::json& j) {
  const auto e = j.is_object() ? j.value("error", nlohmann::json::object()) : nlohmann::json::object();
  if (!e.is_object()) return e.dump();
  return e.value("type", std::string("error")) + ": " + e.value("message", std::string("(no message)"));
}

void apply_usage(const nlohmann::json& usage, ChatResponse& out) {
  if (!usage.is_object()) return;
  if (usage.contains("input_tokens")) out.timings.prompt_tokens = static_cast<int>(number_or_zero(usage, "input_tokens"));
  if (usage.contains("output_tokens")) out.timings.completion_tokens = static_cast<int>(number_or_zero(usage, "output_tokens"));
}

// One content block being streamed: text, or a tool_use whose input arrives as JSON fragments.
struct Block {
  std::string type;
  std::string name;
  std::string partial_json;
  bool closed = false;
};

class AnthropicStreamDecoder final : public BodyDecoder {
 public:
  AnthropicStreamDecoder(std::string who, ChatResponse& out, DeltaSink& sink)
      : who_(std::move(who)), out_(out), sink_(sink), parser_([this](const SseEvent& e) { return on_event(e); }) {}

  Status feed(std::string_view bytes) override { return parser_.feed(bytes); }

  Status finish() override {
    if (!stopped_) {
      return Error::parse(who_ + ": stream ended at byte " + std::to_string(parser_.bytes_seen()) +
                          " without message_stop (truncated)");
    }
    return ok_status();
  }

 private:
  Status on_event(const SseEvent& e) {
    nlohmann::json j = nlohmann::json::parse(e.data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Error::parse(who_ + ": event '" + e.event + "' at byte " + std::to_string(e.offset) +
                          " is not a JSON object: " + e.data.substr(0, 80));
    }
    const std::string type = j.value("type", e.event);
    const std::string at = " at byte " + std::to_string(e.offset);
    if (type == "error") return Error::server(who_ + ": error event" + at + ": " + error_of(j));
    if (type == "message_start") {
      const auto& m = j.value("message", nlohmann::json::object());
      if (m.is_object()) {
        if (m.contains("model") && m["model"].is_string()) out_.model = m["model"].get<std::string>();
        apply_usage(m.value("usage", nlohmann::json::object()), out_);
      }
    } else if (type == "content_block_start") {
      const int index = j.value("index", 0);
      const auto& cb = j.value("content_block", nlohmann::json::object());
      Block& b = blocks_[index];
      b.type = cb.value("type", "");
      b.name = cb.value("name", "");
      if (b.type == "text") sink_.text(cb.value("text", ""));
    } else if (type == "content_block_delta") {
      const int index = j.value("index", 0);
      const auto& d = j.value("delta", nlohmann::json::object());
      const std::string dtype = d.value("type", "");
      if (dtype == "text_delta") {
        sink_.text(d.value("text", ""));
      } else if (dtype == "input_json_delta") {
        blocks_[index].partial_json += d.value("partial_json", "");
        sink_.tool_progress();
      }  // thinking_delta, signature_delta, ...: not part of the answer
    } else if (type == "content_block_stop") {
      const int index = j.value("index", 0);
      Block& b = blocks_[index];
      if (b.type == "tool_use" && !b.closed) {
        ToolCall t;
        t.name = b.name;
        t.arguments = b.partial_json.empty() ? nlohmann::json::object()
                                             : nlohmann::json::parse(b.partial_json, nullptr, false);
        if (t.arguments.is_discarded()) {
          return Error::parse(who_ + ": tool_use input of block " + std::to_string(index) + at + " is not JSON: " +
                              b.partial_json.substr(0, 120));
        }
        out_.tool_calls.push_back(std::move(t));
      }
      b.closed = true;
    } else if (type == "message_delta") {
      const auto& d = j.value("delta", nlohmann::json::object());
      if (d.is_object() && d.contains("stop_reason") && d["stop_reason"].is_string()) {
        out_.finish_reason = d["stop_reason"].get<std::string>();
      }
      apply_usage(j.value("usage", nlohmann::json::object()), out_);
    } else if (type == "message_stop") {
      stopped_ = true;
    }  // ping and event types added later are ignored, as Anthropic's versioning policy asks
    return ok_status();
  }

  std::string who_;
  ChatResponse& out_;
  DeltaSink& sink_;
  SseParser parser_;
  std::map<int, Block> blocks_;
  bool stopped_ = false;
};

// The whole (non-streamed) message: content blocks of text and tool_use.
Status apply_whole(const nlohmann::json& j, const std::string& who, ChatResponse& out, DeltaSink& sink) {
  if (j.value("type", "") == "error") return Error::server(who + ": " + error_of(j));
  if (j.contains("model") && j["model"].is_string()) out.model = j["model"].get<std::string>();
  if (j.contains("stop_reason") && j["stop_reason"].is_string()) out.finish_reason = j["stop_reason"].get<std::string>();
  apply_usage(j.value("usage", nlohmann::json::object()), out);
  const auto& content = j.value("content", nlohmann::json::array());
  if (!content.is_array()) return Error::parse(who + ": content is not an array");
  for (const auto& block : content) {
    const std::string type = block.value("type", "");
    if (type == "text") sink.text(block.value("text", ""));
    if (type == "tool_use") out.tool_calls.push_back({block.value("name", ""), block.value("input", nlohmann::json::object())});
  }
  return ok_status();
}

}  // namespace

Result<nlohmann::json> AnthropicProvider::build_body(const ChatRequest& request) const {
  nlohmann::json content = nlohmann::json::array();
  if (!request.pre_image_text.empty()) content.push_back({{"type", "text"}, {"text", request.pre_image_text}});
  for (const auto& img : request.images) {
    if (!img) return Error::invalid("anthropic: null image in request");
    content.push_back({{"type", "image"},
                       {"source", {{"type", "base64"}, {"media_type", img->media_type}, {"data", img->base64}}}});
  }
  content.push_back({{"type", "text"}, {"text", request.prompt}});
  nlohmann::json body = {{"model", settings().model},
                         {"max_tokens", request.max_tokens},
                         {"temperature", request.temperature},
                         {"stream", request.stream},
                         {"messages", nlohmann::json::array({{{"role", "user"}, {"content", std::move(content)}}})}};
  if (!request.system.empty()) body["system"] = request.system;
  if (!request.tools.is_null()) body["tools"] = request.tools;
  return body;
}

std::map<std::string, std::string> AnthropicProvider::request_headers(const ChatRequest& request) const {
  // The beta flag each computer-use tool version requires (Anthropic's computer-use tool docs).
  static const std::map<std::string, std::string> kBetaForTool = {{"computer_20251124", "computer-use-2025-11-24"},
                                                                  {"computer_20250124", "computer-use-2025-01-24"},
                                                                  {"computer_20241022", "computer-use-2024-10-22"}};
  std::string beta;
  if (auto it = settings().headers.find("anthropic-beta"); it != settings().headers.end()) beta = it->second;
  if (request.tools.is_array()) {
    for (const auto& tool : request.tools) {
      const auto type = tool.is_object() ? tool.value("type", std::string()) : std::string();
      auto flag = kBetaForTool.find(type);
      if (flag == kBetaForTool.end() || beta.find(flag->second) != std::string::npos) continue;
      beta += (beta.empty() ? "" : ",") + flag->second;
    }
  }
  if (beta.empty()) return {};
  return {{"anthropic-beta", beta}};
}

std::unique_ptr<BodyDecoder> AnthropicProvider::make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const {
  if (stream) return std::make_unique<AnthropicStreamDecoder>(who(chat_path()), out, sink);
  return whole_json_decoder(who(chat_path()), [w = who(chat_path()), &out, &sink](const nlohmann::json& j) {
    return apply_whole(j, w, out, sink);
  });
}

}  // namespace humain::providers
