#include "grounding/set_of_marks/marks_call.h"

#include "core/mat_encoding.h"
#include "core/screenshot_pixels.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "grounding/set_of_marks/mark_drawing.h"

namespace humain::marks {
namespace {

// Like any VLM answer: no calibrated score, so a parsed id reports what run_vlm_call reports.
constexpr double kParsedAnswerConfidence = 0.9;

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Box crop_window(const Box& mark, int padding, int width, int height) {
  return Box{std::max(0.0, std::floor(mark.x1) - padding), std::max(0.0, std::floor(mark.y1) - padding),
             std::min<double>(width, std::ceil(mark.x2) + padding), std::min<double>(height, std::ceil(mark.y2) + padding)};
}

Result<Prediction> run_marks_call(Provider& provider, const Adapter* sizing, const Screenshot& screen,
                                  const std::vector<Mark>& marks, std::string_view instruction, const MarksCall& call,
                                  MarksSent* sent) {
  const auto t0 = std::chrono::steady_clock::now();
  if (screen.empty()) return Error::invalid(call.source + ": empty screenshot");
  Prediction p;
  p.source = call.source;
  if (marks.empty()) {  // nothing to choose from: "not found" without asking
    p.raw_output = "set-of-marks: the screen parse gave no candidates";
    return p;
  }
  const ImageSize original{screen.width(), screen.height()};
  MarksSent info;
  ChatRequest request;
  ImageSize listed = original;
  if (call.view == MarkView::kScreen) {
    ImageSize size = original;
    if (sizing) {
      auto s = sizing->image_size(original);
      if (!s.ok()) return s.error();
      size = s.value();
    }
    auto resized = resize_for_model(pixels_mat(screen), size.width, size.height);
    if (!resized.ok()) return resized.error();
    const cv::Mat marked = draw_marks(resized.value(), marks, cv::Size(original.width, original.height));
    info.draw_ms = ms_since(t0);
    auto encoded = encode_image(marked, size.width, size.height, call.encode);
    if (!encoded.ok()) return encoded.error();
    info.width = encoded->width;
    info.height = encoded->height;
    info.image_bytes = encoded->base64.size() / 4 * 3;
    request.images.push_back(std::make_shared<const EncodedImage>(std::move(encoded.value())));
    listed = size;
  } else {
    const cv::Rect whole(0, 0, screen.width(), screen.height());
    for (const auto& m : marks) {
      const Box w = crop_window(m.box, call.crop_padding, screen.width(), screen.height());
      const cv::Rect r = cv::Rect(int(w.x1), int(w.y1), int(w.width()), int(w.height())) & whole;
      if (r.area() <= 0) return Error::invalid(call.source + ": mark " + std::to_string(m.id) + " lies outside the screen");
      auto encoded = encode_image(pixels_mat(screen)(r), r.width, r.height, call.encode);
      if (!encoded.ok()) return encoded.error();
      info.width = std::max(info.width, encoded->width);
      info.height = std::max(info.height, encoded->height);
      info.image_bytes += encoded->base64.size() / 4 * 3;
      info.crops.push_back(Box{double(r.x), double(r.y), double(r.x + r.width), double(r.y + r.height)});
      request.images.push_back(std::make_shared<const EncodedImage>(std::move(encoded.value())));
    }
  }
  const PromptSpec spec = marks_prompt(instruction, marks, call.view, original, listed);
  request.system = spec.system;
  request.prompt = spec.prompt;
  request.json_schema = spec.json_schema;
  request.max_tokens = call.max_tokens;
  request.temperature = call.temperature;
  request.stream = call.stream;
  info.images = static_cast<int>(request.images.size());
  info.prompt_chars = spec.system.size() + spec.prompt.size();
  if (sent) *sent = info;
  p.timings.preprocess_ms = ms_since(t0);

  auto response = provider.chat(request);
  if (!response.ok()) return response.error();
  p.timings.connect_ms = response->timings.connect_ms;
  p.timings.ttft_ms = response->timings.ttft_ms;
  p.timings.inference_ms = response->timings.total_ms;
  p.timings.load_ms = response->timings.server_load_ms;
  const auto t1 = std::chrono::steady_clock::now();
  auto chosen = parse_mark_answer(response.value(), marks);
  p.timings.parse_ms = ms_since(t1);
  p.timings.total_ms = ms_since(t0);
  if (!chosen.ok()) return Error::parse(call.source + ": " + chosen.error().message);
  if (!chosen->has_value()) {
    p.raw_output = "set-of-marks: the model said no mark fits: " + response->text.substr(0, 200);
    return p;
  }
  const Mark& m = **chosen;
  p.box = m.box;
  p.point = m.box.center();
  p.confidence = kParsedAnswerConfidence;
  p.raw_output = "mark " + std::to_string(m.id) + " " + m.role + (m.text.empty() ? "" : " '" + m.text + "'") +
                 " <- " + response->text.substr(0, 200);
  return p;
}

}  // namespace humain::marks
