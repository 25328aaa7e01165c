// The YAML config: any text is a Config or an Error naming a line, never an exception or a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "humain/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)humain::parse_config(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  return 0;
}
