// Finding the coordinates in what a VLM answered: tool calls, JSON (fenced or in prose),
// Qwen/UI-TARS special-token boxes, Click(x, y), (x, y) and [x1, y1, x2, y2] forms.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/provider.h"
#include "humain/result.h"

namespace humain::adapters {

// Two numbers (a point x, y) or four (a box x1, y1, x2, y2), in the model's own space.
struct RawCoordinates {
  std::vector<double> values;
  bool is_box() const { return values.size() == 4; }
};

struct ExtractOptions {
  bool yx_order = false;  // Gemini: box_2d = [ymin, xmin, ymax, xmax], point = [y, x]
};

// The first coordinate the answer holds, looking at tool calls first, then the text.
// kParse "unparseable model output: ..." when there is none.
Result<RawCoordinates> extract_coordinates(const ChatResponse& response, const ExtractOptions& options);

// JSON arrays and objects embedded in text (code fences, prose around them), in order.
std::vector<nlohmann::json> find_json_values(std::string_view text);

}  // namespace humain::adapters
