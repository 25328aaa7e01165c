// How many tokens a screenshot costs each model family: the vision part of the memory estimate.
#include <algorithm>
#include <array>
#include <cmath>

#include "humain/adapter.h"  // smart_resize
#include "humain/models.h"

namespace humain {
namespace {

// Qwen-style: one token per factor x factor area (14 px patches merged 2x2 = 28; Qwen3-VL 16x2 = 32).
Result<int> qwen_tokens(int width, int height, int factor, std::int64_t min_pixels, std::int64_t max_pixels) {
  auto sent = smart_resize(height, width, factor, min_pixels, max_pixels);
  if (!sent) return sent.error();
  return (sent->width / factor) * (sent->height / factor);
}

// LLaVA-1.6 "anyres": a 336 px base view (576 tokens) plus the best-fitting grid of 336 px tiles,
// unpadded back to the image's aspect ratio with one newline token per row (LLaVA-NeXT code).
int llava_next_tokens(int width, int height) {
  constexpr std::array<std::pair<int, int>, 5> kPinpoints = {{{336, 672}, {672, 336}, {672, 672}, {1008, 336}, {336, 1008}}};
  int best_w = 336, best_h = 336;
  double best_effective = -1, best_wasted = 0;
  for (const auto& [rw, rh] : kPinpoints) {
    const double scale = std::min(double(rw) / width, double(rh) / height);
    const double effective = std::min(std::floor(width * scale) * std::floor(height * scale), double(width) * height);
    const double wasted = double(rw) * rh - effective;
    if (effective > best_effective || (effective == best_effective && wasted < best_wasted)) {
      best_effective = effective;
      best_wasted = wasted;
      best_w = rw;
      best_h = rh;
    }
  }
  int cur_w = 24 * (best_w / 336), cur_h = 24 * (best_h / 336);
  const double original_aspect = double(width) / height, current_aspect = double(cur_w) / cur_h;
  if (original_aspect > current_aspect) {
    const int new_h = int(height * (double(cur_w) / width));
    cur_h -= 2 * ((cur_h - new_h) / 2);
  } else {
    const int new_w = int(width * (double(cur_h) / height));
    cur_w -= 2 * ((cur_w - new_w) / 2);
  }
  return 576 + cur_h * (cur_w + 1);
}

// Phi-3-vision HD transform: up to 16 crops of 336 px, 144 tokens each, plus a global view and
// separators (Phi-3-vision processor).
int phi3_vision_tokens(int width, int height) {
  const bool transposed = width < height;
  const double w = transposed ? height : width, h = transposed ? width : height;
  const double ratio = w / h;
  int scale = 1;
  while ((scale + 1) * std::ceil((scale + 1) / ratio) <= 16) ++scale;
  const int new_w = scale * 336;
  const int new_h = int(std::ceil(int(new_w / ratio) / 336.0)) * 336;
  const int crops_w = (transposed ? new_h : new_w) / 336, crops_h = (transposed ? new_w : new_h) / 336;
  return (crops_h * crops_w + 1) * 144 + 1 + (crops_h + 1) * 12;
}

struct Family {
  const char* name;
  double vision_params_b;  // encoder + projector
};
constexpr Family kFamilies[] = {
    {"qwen2-vl", 0.675},   {"qwen2.5-vl", 0.67}, {"ui-tars", 0.675}, {"ui-tars-1.5", 0.67},
    {"qwen3-vl", 0.58},    {"llava-1.5", 0.32},  {"llava-1.6", 0.33}, {"phi-3-vision", 0.32},
};

}  // namespace

Result<int> vision_token_count(std::string_view family, int width, int height) {
  if (width <= 0 || height <= 0) return Error::invalid("image size must be positive");
  constexpr std::int64_t k28 = 28 * 28;
  if (family == "qwen2-vl" || family == "qwen2.5-vl") return qwen_tokens(width, height, 28, 4 * k28, 16384 * k28);
  if (family == "ui-tars" || family == "ui-tars-1.5") return qwen_tokens(width, height, 28, 100 * k28, 16384 * k28);
  if (family == "qwen3-vl") return qwen_tokens(width, height, 32, 65536, 16777216);
  if (family == "llava-1.5") return 576;
  if (family == "llava-1.6") return llava_next_tokens(width, height);
  if (family == "phi-3-vision") return phi3_vision_tokens(width, height);
  std::string known;
  for (const auto& f : vision_families()) known += (known.empty() ? "" : ", ") + f;
  return Error::invalid("unknown model family '" + std::string(family) + "' for vision tokens; known: " + known);
}

std::vector<std::string> vision_families() {
  std::vector<std::string> out;
  for (const auto& f : kFamilies) out.emplace_back(f.name);
  return out;
}

double default_vision_params_b(std::string_view family) {
  for (const auto& f : kFamilies) {
    if (family == f.name) return f.vision_params_b;
  }
  return 0.0;
}

}  // namespace humain
