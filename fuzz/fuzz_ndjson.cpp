// The NDJSON parser (Ollama's stream), fed in pieces the first byte chooses, then finished.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "providers/ndjson_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  humain::providers::NdjsonParser parser("fuzz", [](const nlohmann::json& v, std::size_t) -> humain::Status {
    (void)v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return humain::ok_status();
  });
  bool ok = true;
  while (ok && !rest.empty()) {
    const auto n = std::min(piece, rest.size());
    ok = parser.feed(rest.substr(0, n)).ok();
    rest.remove_prefix(n);
  }
  if (ok) (void)parser.finish();
  return 0;
}
