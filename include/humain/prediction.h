// What a grounder answers: where to click, the element's box when known, and how sure it is.
#pragma once

#include <optional>
#include <string>

#include "humain/geometry.h"

namespace humain {

// Where the time went, in milliseconds; fields a grounder did not measure stay 0.
struct Timings {
  double total_ms = 0;        // end to end inside find_element
  double preprocess_ms = 0;   // resize / encode / screen parse
  double connect_ms = 0;      // TCP + TLS connect (VLM providers)
  double ttft_ms = 0;         // time to first non-empty token (VLM providers)
  double inference_ms = 0;    // model or engine work
  double load_ms = 0;         // model load reported by the server
  double parse_ms = 0;        // parsing the model's answer
  bool cache_hit = false;     // answered from a cache (screen parse or prediction)
};

struct Prediction {
  std::optional<Point> point;  // pixels of the original screenshot; nullopt = no match
  std::optional<Box> box;      // the element's box, when the grounder knows it
  double confidence = 0;       // 0..1, calibrated where the grounder says so
  std::string source;          // who answered: "local-engine", "ocr-baseline", "vlm:ollama/qwen2.5-vl", ...
  std::string raw_output;      // the model's text, for debugging (never includes secrets)
  Timings timings;
};

}  // namespace humain
