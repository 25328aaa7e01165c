// The VLM call: resize for the family, encode, prompt, chat, parse back to original pixels.
#include "vlm_endpoint.h"

#include <chrono>

#include "grounding/set_of_marks/set_of_marks_grounder.h"
#include "grounding/vlm/vlm_call.h"
#include "humain/image_encoding.h"

namespace humain::routing {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Result<std::unique_ptr<VlmEndpoint>> VlmEndpoint::make(const EndpointConfig& endpoint, std::unique_ptr<Provider> provider) {
  std::unique_ptr<VlmEndpoint> e(new VlmEndpoint());
  e->endpoint_ = endpoint;
  e->provider_ = std::move(provider);
  const std::string family = endpoint.grounding == "set-of-marks" ? marks::sizing_family(endpoint)
                             : endpoint.family.empty()           ? "generic"
                                                                 : endpoint.family;
  if (!family.empty()) {
    // family_version applies to the endpoint's own family, not to set-of-marks' sizing family.
    auto adapter = make_adapter(family, family == endpoint.family ? endpoint.family_version : "");
    if (!adapter.ok()) return adapter.error();
    e->adapter_ = std::move(adapter.value());
  }
  return e;
}

std::string VlmEndpoint::label() const {
  return "vlm:" + endpoint_.provider + "/" + endpoint_.model + (endpoint_.base_url.empty() ? "" : "@" + endpoint_.base_url);
}

Result<Prediction> VlmEndpoint::ground_marks(const Screenshot& screen, const std::vector<marks::Mark>& marks,
                                             std::string_view instruction, SentImage* sent) {
  marks::MarksCall call = marks::options_for(endpoint_).call;
  call.source = "vlm:" + endpoint_.provider + "/set-of-marks";
  marks::MarksSent info;
  auto p = marks::run_marks_call(*provider_, adapter_.get(), screen, marks, instruction, call, &info);
  if (sent) {
    sent->bytes = info.image_bytes;
    sent->width = info.width;
    sent->height = info.height;
    sent->images = info.images;
    sent->prompt_chars = info.prompt_chars;
    sent->grounding = "set-of-marks";
    sent->crops = info.crops;
  }
  return p;
}

Result<Prediction> VlmEndpoint::ground(const Screenshot& screen, std::string_view instruction, SentImage* sent) {
  if (!adapter_) return Error::invalid(label() + ": family set-of-marks grounds only through marks");
  const auto t0 = std::chrono::steady_clock::now();
  const ImageSize original{screen.width(), screen.height()};
  auto size = adapter_->image_size(original);
  if (!size.ok()) return size.error();
  auto encoded = encode_image(screen, size->width, size->height);
  if (!encoded.ok()) return encoded.error();
  if (sent) {
    sent->bytes = encoded->base64.size() / 4 * 3;
    sent->width = encoded->width;
    sent->height = encoded->height;
    sent->images = 1;
  }
  grounding::VlmCall call;
  call.max_tokens = endpoint_.max_tokens;
  call.temperature = endpoint_.temperature;
  call.source = "vlm:" + endpoint_.provider + "/" + adapter_->family();
  const double preprocess_ms = ms_since(t0);
  auto p = grounding::run_vlm_call(*provider_, *adapter_, std::make_shared<const EncodedImage>(std::move(encoded.value())),
                                   original, instruction, call);
  if (!p.ok()) return p.error();
  p->timings.preprocess_ms = preprocess_ms;
  p->timings.total_ms = ms_since(t0);
  return p;
}

}  // namespace humain::routing
