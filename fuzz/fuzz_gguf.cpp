// The GGUF reader on arbitrary bytes, with small limits so the fuzzer explores the checks.
#include <cstddef>
#include <cstdint>
#include <string>

#include "humain/gguf.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  humain::GgufLimits limits;
  limits.max_string_bytes = 4096;
  auto info = humain::inspect_gguf_bytes(std::string(reinterpret_cast<const char*>(data), size), limits);
  if (info) (void)humain::to_json(*info).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
