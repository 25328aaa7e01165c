// Image decoding with limits: any bytes decode within the pixel cap or fail with an Error.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "humain/image.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  humain::ImageLimits limits;
  limits.max_file_bytes = 1 << 20;
  limits.max_pixels = 4'000'000;  // keeps one input's decode small (the default is 50 MP)
  auto shot = humain::decode_screenshot(std::vector<std::uint8_t>(data, data + size), "fuzz", limits);
  if (shot && static_cast<std::uint64_t>(shot->width()) * shot->height() > limits.max_pixels) __builtin_trap();
  return 0;
}
