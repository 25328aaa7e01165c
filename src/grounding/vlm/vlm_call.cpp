#include "grounding/vlm/vlm_call.h"

#include <chrono>

namespace humain::grounding {
namespace {

// A VLM answer carries no calibrated probability. A parsed answer is reported as 0.9 (above any
// sensible escalate_below); unparseable answers are errors, so they escalate instead.
constexpr double kParsedAnswerConfidence = 0.9;

}  // namespace

Result<Prediction> run_vlm_call(Provider& provider, const Adapter& adapter, std::shared_ptr<const EncodedImage> image,
                                ImageSize original, std::string_view instruction, const VlmCall& call) {
  if (!image) return Error::invalid(call.source + ": no image");
  const ImageSize sent{image->width, image->height};
  const PromptSpec spec = adapter.prompt(instruction, sent);
  ChatRequest request;
  apply_prompt(spec, request);
  request.images.push_back(std::move(image));
  request.max_tokens = call.max_tokens;
  request.temperature = call.temperature;
  request.stream = call.stream;
  auto response = provider.chat(request);
  if (!response.ok()) return response.error();

  Prediction p;
  p.source = call.source;
  p.timings.connect_ms = response->timings.connect_ms;
  p.timings.ttft_ms = response->timings.ttft_ms;
  p.timings.inference_ms = response->timings.total_ms;
  p.timings.load_ms = response->timings.server_load_ms;
  p.raw_output = response->text.substr(0, 2000);
  const auto t0 = std::chrono::steady_clock::now();
  auto g = adapter.parse(*response, original, sent);
  p.timings.parse_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!g.ok()) return g.error();
  p.point = g->point;
  p.box = g->box;
  p.confidence = kParsedAnswerConfidence;
  return p;
}

}  // namespace humain::grounding
