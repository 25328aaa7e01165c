// What the latency benchmark sends: the real grounding request the endpoint's adapter builds for
// a real screenshot (resized and encoded the way the family expects), and Ollama's unload call.
#include <nlohmann/json.hpp>

#include "humain/adapter.h"
#include "humain/bench.h"
#include "humain/image.h"
#include "humain/image_encoding.h"
#include "providers/http_client.h"
#include "providers/provider_presets.h"

namespace humain {

Result<ChatRequest> grounding_request(const EndpointConfig& endpoint, const std::string& image_path, const std::string& instruction) {
  auto screen = load_screenshot(image_path);
  if (!screen) return screen.error();
  auto adapter = make_adapter(endpoint.family, endpoint.family_version);
  if (!adapter) return adapter.error();
  const ImageSize original{screen->width(), screen->height()};
  auto sent = (*adapter)->image_size(original);
  if (!sent) return sent.error();
  auto encoded = encode_image(*screen, sent->width, sent->height);
  if (!encoded) return encoded.error();
  const PromptSpec spec = (*adapter)->prompt(instruction, *sent);
  ChatRequest req;
  apply_prompt(spec, req);
  req.images.push_back(std::make_shared<const EncodedImage>(std::move(*encoded)));
  req.max_tokens = endpoint.max_tokens;
  req.temperature = endpoint.temperature;
  req.stream = true;
  return req;
}

Status unload_ollama_model(const EndpointConfig& endpoint) {
  std::string base = endpoint.base_url;
  if (base.empty()) {
    const auto preset = providers::find_preset(endpoint.provider);
    if (preset) base = preset->default_base_url;
  }
  if (base.empty()) return Error::invalid("no base_url for the Ollama endpoint");
  while (!base.empty() && base.back() == '/') base.pop_back();
  providers::HttpRequest req;
  req.method = "POST";
  req.url = base + "/api/generate";
  req.headers["Content-Type"] = "application/json";
  req.body = nlohmann::json{{"model", endpoint.model}, {"keep_alive", 0}}.dump();
  req.timeouts.connect_s = endpoint.connect_timeout_s;
  req.timeouts.total_s = endpoint.total_timeout_s;
  providers::HttpClient client;
  auto out = client.send(req);
  if (!out.response) return out.response.error();
  if (out.response->status / 100 != 2) {
    return Error::server("Ollama unload answered HTTP " + std::to_string(out.response->status) + ": " + out.response->body.substr(0, 200));
  }
  return ok_status();
}

}  // namespace humain
