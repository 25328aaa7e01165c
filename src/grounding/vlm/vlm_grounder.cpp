#include "grounding/vlm/vlm_grounder.h"

#include <chrono>

#include "grounding/vlm/encoded_image_cache.h"
#include "grounding/set_of_marks/set_of_marks_grounder.h"
#include "grounding/vlm/vlm_call.h"
#include "core/screenshot_pixels.h"

namespace humain::grounding {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

class VlmGrounder final : public Grounder {
 public:
  VlmGrounder(std::unique_ptr<Provider> provider, std::unique_ptr<Adapter> adapter, VlmGrounderOptions options)
      : provider_(std::move(provider)),
        adapter_(std::move(adapter)),
        options_(std::move(options)),
        images_(options_.image_cache_entries) {
    if (options_.label.empty()) options_.label = "vlm:" + provider_->name() + "/" + adapter_->family();
    call_ = VlmCall{options_.max_tokens, options_.temperature, options_.stream, options_.label};
  }

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    const auto t0 = std::chrono::steady_clock::now();
    if (pixels_mat(screen).empty()) return Error::invalid(options_.label + ": empty screenshot");
    const ImageSize original{screen.width(), screen.height()};
    auto size = adapter_->image_size(original);
    if (!size.ok()) return size.error();
    bool cached = false;
    auto image = images_.get(screen, size->width, size->height, options_.encode, &cached);
    if (!image.ok()) return image.error();
    const double preprocess_ms = ms_since(t0);
    auto p = run_vlm_call(*provider_, *adapter_, *image, original, instruction, call_);
    if (!p.ok()) return p.error();
    p->timings.preprocess_ms = preprocess_ms;
    p->timings.total_ms = ms_since(t0);
    return p;
  }

  std::string name() const override { return options_.label; }

 private:
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<Adapter> adapter_;
  VlmGrounderOptions options_;
  VlmCall call_;
  EncodedImageCache images_;
};

}  // namespace

std::unique_ptr<Grounder> make_vlm_grounder(std::unique_ptr<Provider> provider, std::unique_ptr<Adapter> adapter,
                                            VlmGrounderOptions options) {
  return std::make_unique<VlmGrounder>(std::move(provider), std::move(adapter), std::move(options));
}

Result<std::unique_ptr<Grounder>> make_vlm_grounder(const EndpointConfig& endpoint) {
  if (endpoint.grounding == "set-of-marks") return marks::make_set_of_marks_grounder(endpoint);
  auto adapter = make_adapter(endpoint.family.empty() ? "generic" : endpoint.family, endpoint.family_version);
  if (!adapter.ok()) return adapter.error();
  auto provider = make_provider(endpoint);
  if (!provider.ok()) return provider.error();
  VlmGrounderOptions options;
  options.max_tokens = endpoint.max_tokens;
  options.temperature = endpoint.temperature;
  return make_vlm_grounder(std::move(provider.value()), std::move(adapter.value()), options);
}

Result<std::unique_ptr<Grounder>> make_vlm_grounder(const Config& config) {
  // The primary endpoint: the cloud one when the config puts it first (cloud_first, or a cloud
  // single-provider endpoint with a local `fallback:`), else the local one.
  const bool cloud_primary =
      config.cloud && (!config.local || config.mode == "cloud_first" || config.cloud->fallback_to_local);
  if (cloud_primary) {
    // `--grounder vlm` skips the router, not the privacy rule: local_only never talks to a cloud tier.
    if (config.mode == "local_only" || config.force_local) {
      return Error::policy("grounder \"vlm\": the config's only VLM endpoint is a cloud one and mode is local_only" +
                           (config.path.empty() ? std::string() : " (" + config.path + ")"));
    }
    return make_vlm_grounder(*config.cloud);
  }
  if (config.local) return make_vlm_grounder(*config.local);
  return Error::invalid("grounder \"vlm\" needs a VLM endpoint in the config (`vlm: local:`, `vlm: cloud:` or the "
                        "single-provider form `vlm: provider: / model: / family:`)" +
                        (config.path.empty() ? std::string() : " in " + config.path));
}

}  // namespace humain::grounding
