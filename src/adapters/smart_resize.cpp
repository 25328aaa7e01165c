// Qwen's smart_resize, as qwen-vl-utils writes it in Python; see GROUNDING_FACTS.md.
#include <algorithm>
#include <cmath>
#include <string>

#include "humain/adapter.h"

namespace humain {
namespace {

// Python's round(): halves go to the even neighbour. std::nearbyint does that under the default
// rounding mode (FE_TONEAREST); std::round would send 67.5 to 68 but 66.5 to 67 as well.
double round_half_even(double v) { return std::nearbyint(v); }

}  // namespace

Result<ImageSize> smart_resize(int height, int width, int factor, std::int64_t min_pixels, std::int64_t max_pixels) {
  if (height < 1 || width < 1) {
    return Error::invalid("smart_resize: image of " + std::to_string(width) + "x" + std::to_string(height) +
                          " pixels has no area");
  }
  if (factor < 1 || min_pixels < 0 || max_pixels < min_pixels) {
    return Error::invalid("smart_resize: bad factor or pixel bounds");
  }
  const double h = height, w = width, f = factor;
  if (std::max(h, w) / std::min(h, w) > 200) {
    return Error::invalid("smart_resize: aspect ratio of " + std::to_string(width) + "x" + std::to_string(height) +
                          " exceeds 200");
  }
  double h_bar = std::max(f, round_half_even(h / f) * f);
  double w_bar = std::max(f, round_half_even(w / f) * f);
  if (h_bar * w_bar > static_cast<double>(max_pixels)) {
    const double beta = std::sqrt(h * w / static_cast<double>(max_pixels));
    h_bar = std::max(f, std::floor(h / beta / f) * f);
    w_bar = std::max(f, std::floor(w / beta / f) * f);
  } else if (h_bar * w_bar < static_cast<double>(min_pixels)) {
    const double beta = std::sqrt(static_cast<double>(min_pixels) / (h * w));
    h_bar = std::ceil(h * beta / f) * f;
    w_bar = std::ceil(w * beta / f) * f;
  }
  return ImageSize{static_cast<int>(w_bar), static_cast<int>(h_bar)};
}

}  // namespace humain
