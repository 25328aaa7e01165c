#include "server/chat_wire.h"

#include <chrono>
#include <ctime>

#include "humain/image_encoding.h"

namespace humain::server {
namespace {

using json = nlohmann::json;

Result<Screenshot> decode_image(const std::string& text, const ImageLimits& limits, const std::string& where) {
  auto bytes = base64_decode(text);
  if (!bytes.ok()) return Error::invalid(where + ": not base64 image data: " + bytes.error().message);
  auto shot = decode_screenshot(bytes.value(), where, limits);
  if (!shot.ok()) return Error::invalid(where + ": " + shot.error().message);
  return shot;
}

// One message's text; OpenAI content may be a string or a list of parts (text and images).
Status read_openai_content(const json& content, const std::string& where, const ImageLimits& limits, std::string& text,
                           std::vector<Screenshot>& images) {
  if (content.is_null()) return ok_status();
  if (content.is_string()) {
    text = content.get<std::string>();
    return ok_status();
  }
  if (!content.is_array()) return Error::invalid(where + ".content must be a string or a list of parts");
  for (std::size_t i = 0; i < content.size(); ++i) {
    const json& part = content[i];
    const std::string at = where + ".content[" + std::to_string(i) + "]";
    const std::string type = part.is_object() ? part.value("type", "") : "";
    if (type == "text") {
      if (!part.contains("text") || !part["text"].is_string()) return Error::invalid(at + ".text must be a string");
      text += (text.empty() ? "" : "\n") + part["text"].get<std::string>();
    } else if (type == "image_url") {
      const json& iu = part.contains("image_url") ? part["image_url"] : json();
      const json url = iu.is_object() ? iu.value("url", json()) : iu;
      if (!url.is_string()) return Error::invalid(at + ".image_url.url must be a string");
      const std::string u = url.get<std::string>();
      if (u.rfind("data:", 0) != 0) {
        return Error::invalid(at + ": only data: URLs are accepted (the proxy does not fetch remote images)");
      }
      auto shot = decode_image(u, limits, at);
      if (!shot.ok()) return shot.error();
      images.push_back(std::move(shot.value()));
    } else {
      return Error::invalid(at + ".type \"" + type + "\" is not supported (text, image_url)");
    }
  }
  return ok_status();
}

}  // namespace

Result<ProxiedChat> parse_chat(ChatWire wire, const json& body, const ImageLimits& limits) {
  if (!body.is_object()) return Error::invalid("the body must be a JSON object");
  ProxiedChat out;
  out.model = body.contains("model") && body["model"].is_string() ? body["model"].get<std::string>() : "humain";
  // Ollama streams unless told not to; OpenAI only when asked.
  out.stream = wire == ChatWire::kOllama ? body.value("stream", true) : body.value("stream", false);
  if (body.contains("tools") && !body["tools"].is_null() && !body["tools"].empty()) {
    return Error::invalid("tools: tool calling is not supported by the humain proxy");
  }
  if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty()) {
    return Error::invalid("messages must be a non-empty list");
  }
  struct Turn {
    std::string role, text;
  };
  std::vector<Turn> turns;
  std::string system;
  const json& messages = body["messages"];
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const json& m = messages[i];
    const std::string where = "messages[" + std::to_string(i) + "]";
    if (!m.is_object() || !m.contains("role") || !m["role"].is_string()) return Error::invalid(where + ".role must be a string");
    const std::string role = m["role"].get<std::string>();
    if (role != "system" && role != "user" && role != "assistant") {
      return Error::invalid(where + ".role \"" + role + "\" is not supported (system, user, assistant)");
    }
    std::string text;
    if (wire == ChatWire::kOpenAi) {
      auto st = read_openai_content(m.value("content", json()), where, limits, text, out.images);
      if (!st.ok()) return st.error();
    } else {
      const json c = m.value("content", json(""));
      if (!c.is_string()) return Error::invalid(where + ".content must be a string");
      text = c.get<std::string>();
      if (m.contains("images") && !m["images"].is_null()) {
        if (!m["images"].is_array()) return Error::invalid(where + ".images must be a list of base64 strings");
        for (std::size_t k = 0; k < m["images"].size(); ++k) {
          const json& img = m["images"][k];
          const std::string at = where + ".images[" + std::to_string(k) + "]";
          if (!img.is_string()) return Error::invalid(at + " must be a base64 string");
          auto shot = decode_image(img.get<std::string>(), limits, at);
          if (!shot.ok()) return shot.error();
          out.images.push_back(std::move(shot.value()));
        }
      }
    }
    if (role == "system") system += (system.empty() ? "" : "\n") + text;
    else turns.push_back({role, std::move(text)});
  }
  if (turns.empty()) return Error::invalid("messages holds no user message");
  out.request.system = system;
  // Providers take one user turn: earlier turns are folded into it, labelled by role.
  if (turns.size() == 1) {
    out.request.prompt = turns[0].text;
  } else {
    for (const auto& t : turns) out.request.prompt += "[" + t.role + "]\n" + t.text + "\n";
  }
  const json& opts = wire == ChatWire::kOllama && body.contains("options") && body["options"].is_object() ? body["options"] : body;
  const char* max_key = wire == ChatWire::kOllama ? "num_predict" : "max_tokens";
  if (opts.contains(max_key) && opts[max_key].is_number_integer()) {
    const int v = opts[max_key].get<int>();
    if (v < 1 || v > 1'000'000) return Error::invalid(std::string(max_key) + " must be between 1 and 1000000");
    out.request.max_tokens = v;
  } else if (wire == ChatWire::kOpenAi && body.contains("max_completion_tokens") && body["max_completion_tokens"].is_number_integer()) {
    out.request.max_tokens = std::max(1, body["max_completion_tokens"].get<int>());
  }
  if (opts.contains("temperature") && opts["temperature"].is_number()) out.request.temperature = opts["temperature"].get<double>();
  if (opts.contains("seed") && opts["seed"].is_number_integer()) out.request.seed = opts["seed"].get<int>();
  out.request.stream = true;  // upstream always streams: tokens are relayed as they arrive
  return out;
}

namespace {

std::string iso_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json usage(const ChatResponse& r) {
  return {{"prompt_tokens", r.timings.prompt_tokens},
          {"completion_tokens", r.timings.completion_tokens},
          {"total_tokens", r.timings.prompt_tokens + r.timings.completion_tokens}};
}

std::string finish(const ChatResponse& r) { return r.finish_reason.empty() ? "stop" : r.finish_reason; }

json ollama_final(const ChatResponse& r, const std::string& model, const std::string& content) {
  const auto ns = [](double ms) { return static_cast<long long>(ms * 1e6); };
  return {{"model", model},
          {"created_at", iso_now()},
          {"message", {{"role", "assistant"}, {"content", content}}},
          {"done", true},
          {"done_reason", finish(r)},
          {"total_duration", ns(r.timings.total_ms)},
          {"load_duration", ns(r.timings.server_load_ms)},
          {"prompt_eval_count", r.timings.prompt_tokens},
          {"prompt_eval_duration", ns(r.timings.server_prompt_ms)},
          {"eval_count", r.timings.completion_tokens},
          {"eval_duration", ns(r.timings.server_eval_ms)}};
}

}  // namespace

json chat_answer(ChatWire wire, const ChatResponse& r, const std::string& id, const std::string& model, long long created) {
  if (wire == ChatWire::kOllama) return ollama_final(r, model, r.text);
  return {{"id", id},
          {"object", "chat.completion"},
          {"created", created},
          {"model", model},
          {"choices", json::array({{{"index", 0},
                                    {"message", {{"role", "assistant"}, {"content", r.text}}},
                                    {"finish_reason", finish(r)}}})},
          {"usage", usage(r)}};
}

std::string chat_delta(ChatWire wire, const std::string& delta, const std::string& id, const std::string& model,
                       long long created) {
  if (wire == ChatWire::kOllama) {
    json j = {{"model", model}, {"created_at", iso_now()}, {"message", {{"role", "assistant"}, {"content", delta}}}, {"done", false}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  json j = {{"id", id},
            {"object", "chat.completion.chunk"},
            {"created", created},
            {"model", model},
            {"choices", json::array({{{"index", 0}, {"delta", {{"role", "assistant"}, {"content", delta}}}, {"finish_reason", nullptr}}})}};
  return "data: " + j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
}

std::string chat_end(ChatWire wire, const ChatResponse& r, const std::string& id, const std::string& model, long long created) {
  if (wire == ChatWire::kOllama) return ollama_final(r, model, "").dump() + "\n";
  json j = {{"id", id},
            {"object", "chat.completion.chunk"},
            {"created", created},
            {"model", model},
            {"choices", json::array({{{"index", 0}, {"delta", json::object()}, {"finish_reason", finish(r)}}})},
            {"usage", usage(r)}};
  return "data: " + j.dump() + "\n\ndata: [DONE]\n\n";
}

std::string chat_stream_error(ChatWire wire, const std::string& message) {
  if (wire == ChatWire::kOllama) return json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  json j = {{"error", {{"message", message}, {"type", "upstream_error"}}}};
  return "data: " + j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
}

}  // namespace humain::server
