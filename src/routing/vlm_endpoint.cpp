// The VLM call: resize for the family, encode, prompt, chat, parse back to original pixels.
#include "vlm_endpoint.h"

#include <chrono>

#include "humain/image_encoding.h"

namespace humain::routing {
namespace {

// A parsed VLM answer has no calibrated probability; it counts as sure (above any sensible
// escalate_below), so only unparseable answers and errors move a request on.
constexpr double kVlmConfidence = 0.9;

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Result<std::unique_ptr<VlmEndpoint>> VlmEndpoint::make(const EndpointConfig& endpoint, std::unique_ptr<Provider> provider) {
  auto adapter = make_adapter(endpoint.family.empty() ? "generic" : endpoint.family);
  if (!adapter.ok()) return adapter.error();
  std::unique_ptr<VlmEndpoint> e(new VlmEndpoint());
  e->endpoint_ = endpoint;
  e->provider_ = std::move(provider);
  e->adapter_ = std::move(adapter.value());
  return e;
}

std::string VlmEndpoint::label() const {
  return "vlm:" + endpoint_.provider + "/" + endpoint_.model + (endpoint_.base_url.empty() ? "" : "@" + endpoint_.base_url);
}

Result<Prediction> VlmEndpoint::ground(const Screenshot& screen, std::string_view instruction, SentImage* sent) {
  const auto t0 = std::chrono::steady_clock::now();
  const ImageSize original{screen.width(), screen.height()};
  auto size = adapter_->image_size(original);
  if (!size.ok()) return size.error();
  auto encoded = encode_image(screen.pixels, size->width, size->height);
  if (!encoded.ok()) return encoded.error();
  Prediction p;
  p.timings.preprocess_ms = ms_since(t0);
  if (sent) {
    sent->bytes = encoded->base64.size() / 4 * 3;
    sent->width = encoded->width;
    sent->height = encoded->height;
  }
  const PromptSpec spec = adapter_->prompt(instruction, *size);
  ChatRequest req;
  req.system = spec.system;
  req.prompt = spec.prompt;
  req.json_schema = spec.json_schema;
  req.tools = spec.tools;
  req.images.push_back(std::make_shared<const EncodedImage>(std::move(encoded.value())));
  req.max_tokens = endpoint_.max_tokens;
  req.temperature = endpoint_.temperature;
  auto resp = provider_->chat(req);
  if (!resp.ok()) return resp.error();
  p.timings.connect_ms = resp->timings.connect_ms;
  p.timings.ttft_ms = resp->timings.ttft_ms;
  p.timings.inference_ms = resp->timings.total_ms;
  p.timings.load_ms = resp->timings.server_load_ms;
  const auto t1 = std::chrono::steady_clock::now();
  auto g = adapter_->parse(resp.value(), original, *size);
  p.timings.parse_ms = ms_since(t1);
  p.raw_output = resp->text.substr(0, 500);
  if (!g.ok()) return g.error();
  p.point = g->point;
  p.box = g->box;
  p.confidence = kVlmConfidence;
  p.source = "vlm:" + endpoint_.provider + "/" + adapter_->family();
  p.timings.total_ms = ms_since(t0);
  return p;
}

}  // namespace humain::routing
