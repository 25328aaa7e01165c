// Caps on what one response may make us hold: a server that sends `data: ` and then bytes with no
// newline, or an endless body, gets a clear error instead of our memory (docs/PROVIDERS.md).
#pragma once

#include <cstddef>
#include <string>

namespace humain::providers {

// One SSE or NDJSON line. Answers are a few KB; 1 MiB leaves room for long tool-call arguments.
inline constexpr std::size_t kMaxStreamLineBytes = std::size_t{1} << 20;
// One response body, streamed or buffered (error bodies included).
inline constexpr std::size_t kMaxResponseBodyBytes = std::size_t{32} << 20;

inline std::string mib(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace humain::providers
