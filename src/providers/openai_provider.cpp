#include "providers/openai_provider.h"

#include <chrono>
#include <map>
#include <thread>

#include "providers/sse_parser.h"

namespace humain::providers {
namespace {

// Tool-call deltas arrive in pieces keyed by index: id and name once, arguments as string fragments.
struct PartialToolCall {
  std::string name;
  std::string arguments;
};

Status finish_tool_calls(const std::map<int, PartialToolCall>& partial, const std::string& who, ChatResponse& out) {
  for (const auto& [index, call] : partial) {
    ToolCall t;
    t.name = call.name;
    if (call.arguments.empty()) {
      t.arguments = nlohmann::json::object();
    } else {
      t.arguments = nlohmann::json::parse(call.arguments, nullptr, false);
      if (t.arguments.is_discarded()) {
        return Error::parse(who + ": arguments of tool call " + std::to_string(index) + " (" + call.name +
                            ") are not JSON: " + call.arguments.substr(0, 120));
      }
    }
    out.tool_calls.push_back(std::move(t));
  }
  return ok_status();
}

// usage{} and llama-server's timings{}, present in the last chunk or the whole answer.
void apply_usage_and_timings(const nlohmann::json& j, ChatResponse& out) {
  if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
    out.timings.prompt_tokens = static_cast<int>(number_or_zero(*u, "prompt_tokens"));
    out.timings.completion_tokens = static_cast<int>(number_or_zero(*u, "completion_tokens"));
  }
  if (auto t = j.find("timings"); t != j.end() && t->is_object()) {
    out.timings.server_prompt_ms = number_or_zero(*t, "prompt_ms");
    out.timings.server_eval_ms = number_or_zero(*t, "predicted_ms");
  }
  if (auto m = j.find("model"); m != j.end() && m->is_string()) out.model = m->get<std::string>();
}

std::string in_band_error(const nlohmann::json& e) {
  if (e.is_string()) return e.get<std::string>();
  if (e.is_object()) {
    std::string msg = e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>() : e.dump();
    if (e.contains("code") && !e["code"].is_null()) msg += " (code " + (e["code"].is_string() ? e["code"].get<std::string>() : e["code"].dump()) + ")";
    return msg;
  }
  return e.dump();
}

class SseChatDecoder final : public BodyDecoder {
 public:
  SseChatDecoder(std::string who, ChatResponse& out, DeltaSink& sink)
      : who_(std::move(who)), out_(out), sink_(sink),
        parser_([this](const SseEvent& e) { return on_event(e); }) {}

  Status feed(std::string_view bytes) override { return parser_.feed(bytes); }

  Status finish() override {
    if (!done_ && events_ == 0 && parser_.bytes_seen() > 0) {
      // Not a cut-off stream: something else answered 200 (an HTML login page, a proxy).
      return Error::parse(who_ + ": the answer is not an event stream (" + std::to_string(parser_.bytes_seen()) +
                          " bytes without a data: event; an HTML page or a proxy answering?)");
    }
    if (!done_) {
      return Error::parse(who_ + ": stream ended at byte " + std::to_string(parser_.bytes_seen()) + " after " +
                          std::to_string(events_) + " events without data: [DONE] (truncated)");
    }
    return finish_tool_calls(tools_, who_, out_);
  }

 private:
  Status on_event(const SseEvent& e) {
    ++events_;
    if (e.data == "[DONE]") {
      done_ = true;
      return ok_status();
    }
    if (done_) return ok_status();  // nothing follows [DONE]; tolerate trailing noise
    nlohmann::json j = nlohmann::json::parse(e.data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Error::parse(who_ + ": event at byte " + std::to_string(e.offset) + " is not a JSON object: " + e.data.substr(0, 80));
    }
    if (j.contains("error")) {
      return Error::server(who_ + ": error in stream at byte " + std::to_string(e.offset) + ": " + in_band_error(j["error"]));
    }
    apply_usage_and_timings(j, out_);
    auto choices = j.find("choices");
    if (choices == j.end() || !choices->is_array() || choices->empty()) return ok_status();  // usage-only chunk
    const auto& choice = (*choices)[0];
    if (auto fr = choice.find("finish_reason"); fr != choice.end() && fr->is_string()) out_.finish_reason = fr->get<std::string>();
    auto delta = choice.find("delta");
    if (delta == choice.end() || !delta->is_object()) return ok_status();
    if (auto c = delta->find("content"); c != delta->end() && c->is_string()) sink_.text(c->get<std::string>());
    if (auto tc = delta->find("tool_calls"); tc != delta->end() && tc->is_array()) {
      for (const auto& d : *tc) {
        const int index = d.value("index", 0);
        auto& call = tools_[index];
        if (auto fn = d.find("function"); fn != d.end() && fn->is_object()) {
          if (auto n = fn->find("name"); n != fn->end() && n->is_string()) call.name += n->get<std::string>();
          if (auto a = fn->find("arguments"); a != fn->end() && a->is_string()) call.arguments += a->get<std::string>();
        }
        sink_.tool_progress();
      }
    }
    return ok_status();
  }

  std::string who_;
  ChatResponse& out_;
  DeltaSink& sink_;
  SseParser parser_;
  std::map<int, PartialToolCall> tools_;
  bool done_ = false;
  std::size_t events_ = 0;
};

// The whole (non-streamed) answer: choices[0].message with content and tool_calls.
Status apply_whole(const nlohmann::json& j, const std::string& who, ChatResponse& out, DeltaSink& sink) {
  if (j.contains("error")) return Error::server(who + ": error in a 200 response: " + in_band_error(j["error"]));
  apply_usage_and_timings(j, out);
  const auto& choices = j.value("choices", nlohmann::json::array());
  if (!choices.is_array() || choices.empty()) return Error::parse(who + ": response has no choices");
  const auto& choice = choices[0];
  if (auto fr = choice.find("finish_reason"); fr != choice.end() && fr->is_string()) out.finish_reason = fr->get<std::string>();
  const auto& msg = choice.value("message", nlohmann::json::object());
  if (auto c = msg.find("content"); c != msg.end() && c->is_string()) sink.text(c->get<std::string>());
  std::map<int, PartialToolCall> calls;
  if (auto tc = msg.find("tool_calls"); tc != msg.end() && tc->is_array()) {
    int i = 0;
    for (const auto& call : *tc) {
      const auto& fn = call.value("function", nlohmann::json::object());
      const auto& args = fn.value("arguments", nlohmann::json(""));
      calls[i++] = {fn.value("name", ""), args.is_string() ? args.get<std::string>() : args.dump()};
    }
  }
  return finish_tool_calls(calls, who, out);
}

}  // namespace

Result<nlohmann::json> OpenAiProvider::build_body(const ChatRequest& request) const {
  nlohmann::json messages = nlohmann::json::array();
  if (!request.system.empty()) messages.push_back({{"role", "system"}, {"content", request.system}});
  nlohmann::json content = nlohmann::json::array();
  if (!request.pre_image_text.empty()) content.push_back({{"type", "text"}, {"text", request.pre_image_text}});
  for (const auto& img : request.images) {
    if (!img) return Error::invalid(name() + ": null image in request");
    content.push_back({{"type", "image_url"},
                       {"image_url", {{"url", "data:" + img->media_type + ";base64," + img->base64}}}});
  }
  content.push_back({{"type", "text"}, {"text", request.prompt}});
  messages.push_back({{"role", "user"}, {"content", std::move(content)}});
  nlohmann::json body = {{"model", settings().model}, {"messages", std::move(messages)},
                         {"temperature", request.temperature}, {"stream", request.stream}};
  // OpenAI's newer models refuse max_tokens; the open-source servers all read max_tokens.
  body[settings().preset == "openai" ? "max_completion_tokens" : "max_tokens"] = request.max_tokens;
  if (request.stream) body["stream_options"] = {{"include_usage", true}};
  if (request.seed) body["seed"] = *request.seed;
  if (request.json_schema) {
    body["response_format"] = {{"type", "json_schema"},
                               {"json_schema", {{"name", "answer"}, {"schema", *request.json_schema}, {"strict", true}}}};
  }
  if (!request.tools.is_null()) body["tools"] = request.tools;
  return body;
}

std::unique_ptr<BodyDecoder> OpenAiProvider::make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const {
  if (stream) return std::make_unique<SseChatDecoder>(who(chat_path()), out, sink);
  return whole_json_decoder(who(chat_path()), [w = who(chat_path()), &out, &sink](const nlohmann::json& j) {
    return apply_whole(j, w, out, sink);
  });
}

Status OpenAiProvider::wait_ready(double timeout_s) {
  const std::string& preset = settings().preset;
  if (preset == "openai" || preset == "openrouter") return ok_status();
  const bool llama = preset == "llama-server";
  const std::string probe = llama ? "/health" : "/v1/models";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  std::string last = "no answer";
  while (true) {
    const double left = std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return Error::timeout(who(probe) + ": not ready after " + std::to_string(timeout_s) + " s: " + last);
    Result<HttpResponse> r = get(probe, std::min(left, 2.0));
    if (r.ok() && r->status == 200) break;
    last = r.ok() ? "HTTP " + std::to_string(r->status) + ": " + error_text(r->body) : r.error().message;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long>(250, static_cast<long>(left * 1000) + 1)));
  }
  if (!llama) return ok_status();
  Result<HttpResponse> props = get("/props", 5);
  if (!props.ok()) return props.error();
  if (props->status != 200) return Error::server(who("/props") + ": HTTP " + std::to_string(props->status));
  nlohmann::json j = nlohmann::json::parse(props->body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error::parse(who("/props") + ": answer is not a JSON object");
  const auto modalities = j.value("modalities", nlohmann::json::object());
  if (!modalities.is_object() || !modalities.value("vision", false)) {
    return Error::unsupported(who("/props") + ": the loaded model has no vision (start llama-server with --mmproj)");
  }
  return ok_status();
}

}  // namespace humain::providers
