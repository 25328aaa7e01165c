// CLI11 checks the CLI's options share. CLI::Range lets "nan" through (every comparison with NaN
// is false), which silently switched `--min-accuracy nan` off; this one does not.
#pragma once

#include <cmath>
#include <string>

#include <CLI/CLI.hpp>

namespace humain::cli {

inline CLI::Validator finite_range(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double v = 0;
        if (!CLI::detail::lexical_cast(text, v) || !std::isfinite(v) || v < lo || v > hi)
          return "must be a number in [" + CLI::detail::to_string(lo) + ", " + CLI::detail::to_string(hi) + "], got " + text;
        return {};
      },
      "FINITE in [" + CLI::detail::to_string(lo) + " - " + CLI::detail::to_string(hi) + "]");
}

}  // namespace humain::cli
