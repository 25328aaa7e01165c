#include "providers/ollama_provider.h"

#include <chrono>
#include <thread>

#include "providers/ndjson_parser.h"

namespace humain::providers {
namespace {

constexpr double kNsPerMs = 1e6;

// Fills the response from one Ollama message object (a stream line or the whole answer).
Status apply_object(const nlohmann::json& j, const std::string& who, std::size_t line_no, ChatResponse& out,
                    DeltaSink& sink, bool& done) {
  if (!j.is_object()) return Error::parse(who + ": line " + std::to_string(line_no) + " is not a JSON object");
  if (j.contains("error")) {
    const std::string msg = j["error"].is_string() ? j["error"].get<std::string>() : j["error"].dump();
    return Error::server(who + ": error in stream at line " + std::to_string(line_no) + ": " + msg);
  }
  if (j.contains("model") && j["model"].is_string()) out.model = j["model"].get<std::string>();
  if (auto m = j.find("message"); m != j.end() && m->is_object()) {
    if (auto c = m->find("content"); c != m->end() && c->is_string()) sink.text(c->get<std::string>());
    if (auto tc = m->find("tool_calls"); tc != m->end() && tc->is_array()) {
      for (const auto& call : *tc) {
        const auto& fn = call.value("function", nlohmann::json::object());
        ToolCall t;
        t.name = fn.value("name", "");
        t.arguments = fn.value("arguments", nlohmann::json::object());
        if (t.arguments.is_string()) {  // some versions send a JSON string
          nlohmann::json parsed = nlohmann::json::parse(t.arguments.get<std::string>(), nullptr, false);
          if (parsed.is_discarded()) return Error::parse(who + ": tool call arguments are not JSON: " + t.arguments.get<std::string>());
          t.arguments = parsed;
        }
        out.tool_calls.push_back(std::move(t));
        sink.tool_progress();
      }
    }
  }
  if (j.value("done", false)) {
    done = true;
    out.finish_reason = j.value("done_reason", "stop");
    out.timings.server_load_ms = number_or_zero(j, "load_duration") / kNsPerMs;
    out.timings.server_prompt_ms = number_or_zero(j, "prompt_eval_duration") / kNsPerMs;
    out.timings.server_eval_ms = number_or_zero(j, "eval_duration") / kNsPerMs;
    out.timings.prompt_tokens = static_cast<int>(number_or_zero(j, "prompt_eval_count"));
    out.timings.completion_tokens = static_cast<int>(number_or_zero(j, "eval_count"));
  }
  return ok_status();
}

class OllamaStreamDecoder final : public BodyDecoder {
 public:
  OllamaStreamDecoder(std::string who, ChatResponse& out, DeltaSink& sink)
      : who_(std::move(who)),
        parser_(who_, [this, &out, &sink](const nlohmann::json& j, std::size_t line_no) -> Status {
          if (done_) return Error::parse(who_ + ": data after the final done:true object at line " + std::to_string(line_no));
          return apply_object(j, who_, line_no, out, sink, done_);
        }) {}
  Status feed(std::string_view bytes) override { return parser_.feed(bytes); }
  Status finish() override {
    Status s = parser_.finish();
    if (!s.ok()) return s;
    if (!done_) {
      return Error::parse(who_ + ": stream ended after " + std::to_string(parser_.lines()) +
                          " lines without the final done:true object (truncated)");
    }
    return ok_status();
  }

 private:
  std::string who_;
  bool done_ = false;
  NdjsonParser parser_;
};

}  // namespace

Result<nlohmann::json> OllamaProvider::build_body(const ChatRequest& request) const {
  nlohmann::json messages = nlohmann::json::array();
  if (!request.system.empty()) messages.push_back({{"role", "system"}, {"content", request.system}});
  // Ollama attaches images to the message, not at a place in its text: text meant to precede the
  // image (ShowUI) can only open the message text.
  const std::string text = request.pre_image_text.empty() ? request.prompt : request.pre_image_text + "\n" + request.prompt;
  nlohmann::json user = {{"role", "user"}, {"content", text}};
  if (!request.images.empty()) {
    nlohmann::json images = nlohmann::json::array();
    for (const auto& img : request.images) {
      if (!img) return Error::invalid("ollama: null image in request");
      images.push_back(img->base64);  // raw base64, no data: prefix
    }
    user["images"] = std::move(images);
  }
  messages.push_back(std::move(user));
  nlohmann::json options = {{"temperature", request.temperature}, {"num_predict", request.max_tokens}};
  if (request.seed) options["seed"] = *request.seed;
  if (request.context_tokens) options["num_ctx"] = *request.context_tokens;
  nlohmann::json body = {{"model", settings().model}, {"messages", std::move(messages)}, {"stream", request.stream},
                         {"options", std::move(options)}};
  if (request.json_schema) body["format"] = *request.json_schema;
  if (!settings().keep_alive.empty()) body["keep_alive"] = settings().keep_alive;
  if (!request.tools.is_null()) body["tools"] = request.tools;
  return body;
}

std::unique_ptr<BodyDecoder> OllamaProvider::make_decoder(bool stream, ChatResponse& out, DeltaSink& sink) const {
  if (stream) return std::make_unique<OllamaStreamDecoder>(who(chat_path()), out, sink);
  return whole_json_decoder(who(chat_path()), [w = who(chat_path()), &out, &sink](const nlohmann::json& j) -> Status {
    bool done = false;
    Status s = apply_object(j, w, 1, out, sink, done);
    if (!s.ok()) return s;
    if (!done) return Error::parse(w + ": response has no done:true");
    return ok_status();
  });
}

Result<nlohmann::json> OllamaProvider::get_json(const std::string& path, double timeout_s) {
  Result<HttpResponse> r = get(path, timeout_s);
  if (!r.ok()) return r.error();
  if (r->status != 200) return Error::server(who(path) + ": HTTP " + std::to_string(r->status) + ": " + error_text(r->body));
  nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
  if (j.is_discarded()) return Error::parse(who(path) + ": answer is not JSON: " + r->body.substr(0, 80));
  return j;
}

Result<nlohmann::json> OllamaProvider::tags(double timeout_s) { return get_json("/api/tags", timeout_s); }
Result<nlohmann::json> OllamaProvider::running(double timeout_s) { return get_json("/api/ps", timeout_s); }
Result<nlohmann::json> OllamaProvider::version(double timeout_s) { return get_json("/api/version", timeout_s); }

Status OllamaProvider::wait_ready(double timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  std::string last = "no answer";
  while (true) {
    const double left = std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    Result<nlohmann::json> v = version(std::min(left, 2.0));
    if (v.ok()) return ok_status();
    last = v.error().message;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return Error::timeout(who("/api/version") + ": not ready after " + std::to_string(timeout_s) + " s: " + last);
}

}  // namespace humain::providers
