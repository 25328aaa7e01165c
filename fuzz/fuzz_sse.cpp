// The SSE parser, fed the input in pieces the first byte chooses (the network splits anywhere).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "providers/sse_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::size_t events = 0;
  humain::providers::SseParser parser([&](const humain::providers::SseEvent& e) -> humain::Status {
    events += e.data.size() > 0;
    if (e.event == "stop-here") return humain::Error::parse("handler refused the event");
    return humain::ok_status();
  });
  while (!rest.empty()) {
    const auto n = std::min(piece, rest.size());
    if (!parser.feed(rest.substr(0, n))) break;
    rest.remove_prefix(n);
  }
  (void)parser.has_partial();
  return 0;
}
