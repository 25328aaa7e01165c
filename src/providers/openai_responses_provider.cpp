#include "providers/openai_responses_provider.h"

#include "providers/sse_parser.h"

namespace humain::providers {
namespace {

using json = nlohmann::json;

std::string error_message(const json& e) {
  if (e.is_string()) return e.get<std::string>();
  if (!e.is_object()) return e.dump();
  std::string msg = e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>() : e.dump();
  if (e.contains("code") && e["code"].is_string()) msg += " (code " + e["code"].get<std::string>() + ")";
  return msg;
}

// One output item as a tool call: computer_call items whole (the adapter reads action / actions),
// function_call items by name with their JSON arguments. Other items (message, reasoning) are not calls.
Status add_item_call(const json& item, const std::string& who, ChatResponse& out) {
  if (!item.is_object()) return ok_status();
  const std::string type = item.value("type", "");
  if (type == "computer_call") {
    out.tool_calls.push_back(ToolCall{"computer_call", item});
  } else if (type == "function_call") {
    const json args = item.contains("arguments") && item["arguments"].is_string()
                          ? json::parse(item["arguments"].get<std::string>(), nullptr, false)
                          : item.value("arguments", json::object());
    if (args.is_discarded()) return Error::parse(who + ": arguments of function_call " + item.value("name", "") + " are not JSON");
    out.tool_calls.push_back(ToolCall{item.value("name", ""), args});
  }
  return ok_status();
}

// Text of the message items in a response's `output`.
std::string output_text(const json& output) {
  std::string text;
  if (!output.is_array()) return text;
  for (const auto& item : output) {
    if (!item.is_object() || item.value("type", "") != "message") continue;
    for (const auto& part : item.value("content", json::array())) {
      if (part.is_object() && part.value("type", "") == "output_text") text += part.value("text", "");
    }
  }
  return text;
}

// Model, status and usage of a response object (in response.completed, or the whole body).
void apply_response(const json& r, ChatResponse& out) {
  if (r.contains("model") && r["model"].is_string()) out.model = r["model"].get<std::string>();
  if (r.contains("status") && r["status"].is_string()) out.finish_reason = r["status"].get<std::string>();
  if (auto u = r.find("usage"); u != r.end() && u->is_object()) {
    out.timings.prompt_tokens = static_cast<int>(number_or_zero(*u, "input_tokens"));
    out.timings.completion_tokens = static_cast<int>(number_or_zero(*u, "output_tokens"));
  }
}

Status failed_response(const json& r, const std::string& who) {
  return Error::server(who + ": response " + r.value("status", std::string("failed")) + ": " +
                       error_message(r.value("error", json(nullptr)).is_null() ? r.value("incomplete_details", json("no details"))
                                                                                : r["error"]));
}

class ResponsesStreamDecoder final : public BodyDecoder {
 public:
  ResponsesStreamDecoder(std::string who, ChatResponse& out, DeltaSink& sink)
      : who_(std::move(who)), out_(out), sink_(sink), parser_([this](const SseEvent& e) { return on_event(e); }) {}

  Status feed(std::string_view bytes) override { return parser_.feed(bytes); }

  Status finish() override {
    if (!ended_) {
      return Error::parse(who_ + ": stream ended at byte " + std::to_string(parser_.bytes_seen()) +
                          " without response.completed (truncated)");
    }
    return ok_status();
  }

 private:
  Status on_event(const SseEvent& e) {
    if (e.data == "[DONE]") return ok_status();  // some compatible servers add it; the API does not
    json j = json::parse(e.data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Error::parse(who_ + ": event '" + e.event + "' at byte " + std::to_string(e.offset) +
                          " is not a JSON object: " + e.data.substr(0, 80));
    }
    const std::string type = j.value("type", e.event);
    const std::string at = " at byte " + std::to_string(e.offset);
    if (type == "error") return Error::server(who_ + ": error event" + at + ": " + error_message(j.contains("error") ? j["error"] : j));
    if (type == "response.output_text.delta") {
      saw_text_ = true;
      sink_.text(j.value("delta", ""));
    } else if (type == "response.function_call_arguments.delta") {
      sink_.tool_progress();
    } else if (type == "response.output_item.done") {
      saw_items_ = true;
      sink_.tool_progress();
      if (Status s = add_item_call(j.value("item", json::object()), who_, out_); !s.ok()) return s;
    } else if (type == "response.completed" || type == "response.incomplete" || type == "response.failed") {
      const json r = j.value("response", json::object());
      apply_response(r, out_);
      if (type == "response.failed") return failed_response(r, who_ + at);
      // A server that sent no per-item events: the final response object carries everything.
      if (!saw_text_) sink_.text(output_text(r.value("output", json::array())));
      if (!saw_items_) {
        for (const auto& item : r.value("output", json::array())) {
          if (Status s = add_item_call(item, who_, out_); !s.ok()) return s;
        }
      }
      ended_ = true;
    }  // response.created, in_progress, content_part.*, reasoning deltas: nothing to keep
    return ok_status();
  }

  std::string who_;
  ChatResponse& out_;
  DeltaSink& sink_;
  SseParser parser_;
  bool saw_text_ = false, saw_items_ = false, ended_ = false;
};

Status apply_whole(const json& j, const std::string& who, ChatResponse& out, DeltaSink& sink) {
  if (j.contains("error") && !j["error"].is_null()) return Error::server(who + ": " + error_message(j["error"]));
  apply_response(j, out);
  if (j.value("status", "") == "failed") return failed_response(j, who);
  if (!j.contains("output") || !j["output"].is_array()) return Error::parse(who + ": response has no output array");
  sink.text(output_text(j["output"]));
  for (const auto& item : j["output"]) {
    if (Status s = add_item_call(item, who, out); !s.ok()) return s;
  }
  return ok_status();
}

}  // namespace

Result<json> OpenAiResponsesProvider::build_body(const ChatRequest& request) const {
  json content = json::array();
  if (!request.pre_image_text.empty()) content.push_back({{"type", "input_text"}, {"text", request.pre_image_text}});
  for (const auto& img : request.images) {
    if (!img) return Error::invalid(name() + ": null image in request");
    content.push_back({{"type", "input_image"}, {"image_url", "data:" + img->media_type + ";base64," + img->base64}});
  }
  content.push_back({{"type", "input_text"}, {"text", request.prompt}});
  json body = {{"model", settings().model},
               {"input", json::array({{{"role", "user"}, {"content", std::move(content)}}})},
               {"max_output_tokens", request.max_tokens},
               {"stream", request.stream},
               {"store", false}};  // nothing kept on OpenAI's side beyond the call
  if (!request.system.empty()) body["instructions"] = request.system;
  if (request.json_schema) {
    body["text"] = {{"format", {{"type", "json_schema"}, {"name", "answer"}, {"schema", *request.json_schema}, {"strict", true}}}};
  }
  bool computer_tool = false;
  if (!request.tools.is_null()) {
    body["tools"] = request.tools;
    for (const auto& t : request.tools) {
      const std::string type = t.is_object() ? t.value("type", "") : "";
      if (type == "computer_use_preview") body["truncation"] = "auto";  // the preview tool requires it
      computer_tool = computer_tool || type == "computer" || type == "computer_use_preview";
    }
  }
  // The computer-use models are reasoning models, which reject sampling parameters.
  if (!computer_tool) body["temperature"] = request.temperature;
  return body;
}

std::unique_ptr<BodyDecoder> OpenAiResponsesProvider::make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const {
  if (stream) return std::make_unique<ResponsesStreamDecoder>(who(chat_path()), out, sink);
  return whole_json_decoder(who(chat_path()), [w = who(chat_path()), &out, &sink](const json& j) {
    return apply_whole(j, w, out, sink);
  });
}

}  // namespace humain::providers
