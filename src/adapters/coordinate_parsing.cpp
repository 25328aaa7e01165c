#include "adapters/coordinate_parsing.h"

#include <array>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>

namespace humain::adapters {
namespace {

// Answers longer than this are cut before scanning: a grounding answer is a few hundred bytes,
// and std::regex recursion must not meet megabytes of runaway generation.
constexpr std::size_t kMaxScan = 32 * 1024;

using json = nlohmann::json;

// strtod, not std::stod: a 400-digit "coordinate" must become inf (rejected later), not an exception.
double to_double(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

std::optional<RawCoordinates> from_numbers(const std::vector<double>& v) {
  if (v.size() == 2 || v.size() == 4) return RawCoordinates{v};
  return std::nullopt;
}

// [x, y], [x1, y1, x2, y2] or [[x1, y1], [x2, y2]] as numbers (numeric strings accepted).
std::optional<std::vector<double>> number_array(const json& j) {
  if (!j.is_array()) return std::nullopt;
  std::vector<double> out;
  for (const auto& e : j) {
    if (e.is_number()) {
      out.push_back(e.get<double>());
    } else if (e.is_array() && e.size() == 2 && e[0].is_number() && e[1].is_number()) {
      out.push_back(e[0].get<double>());
      out.push_back(e[1].get<double>());
    } else if (e.is_string()) {
      try {
        std::size_t used = 0;
        const std::string s = e.get<std::string>();
        out.push_back(std::stod(s, &used));
        if (used != s.size()) return std::nullopt;
      } catch (...) {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  if (out.size() != 2 && out.size() != 4) return std::nullopt;
  return out;
}

std::vector<double> swap_yx(std::vector<double> v) {
  for (std::size_t i = 0; i + 1 < v.size(); i += 2) std::swap(v[i], v[i + 1]);
  return v;
}

std::optional<RawCoordinates> from_json(const json& j, const ExtractOptions& opt, int depth = 0) {
  if (depth > 8) return std::nullopt;
  if (j.is_array()) {
    if (auto nums = number_array(j)) return from_numbers(*nums);
    for (const auto& e : j) {
      if (auto r = from_json(e, opt, depth + 1)) return r;  // several candidates: the first wins
    }
    return std::nullopt;
  }
  if (!j.is_object()) return std::nullopt;
  // Keys models use for a box or a point, most specific first. Gemini's box_2d / point are y-first.
  static constexpr std::array<const char*, 12> kKeys = {"bbox_2d", "box_2d", "point_2d", "bbox", "box",
                                                       "point", "coordinate", "coordinates", "position",
                                                       "click_point", "location", "center"};
  for (const char* key : kKeys) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    if (auto nums = number_array(*it)) {
      const std::string k = key;
      const bool yx = opt.yx_order && (k == "box_2d" || k == "point" || k == "point_2d");
      return from_numbers(yx ? swap_yx(*nums) : *nums);
    }
    if (auto r = from_json(*it, opt, depth + 1)) return r;
  }
  auto x = j.find("x");
  auto y = j.find("y");
  if (x != j.end() && y != j.end() && x->is_number() && y->is_number()) {
    return RawCoordinates{{x->get<double>(), y->get<double>()}};
  }
  // Tool calls: {"name": ..., "arguments": {...} or "{...}"}, Anthropic "input", OpenAI computer_call
  // "action" (computer_use_preview) or "actions" (the GA computer tool's batch: first with a point).
  for (const char* key : {"arguments", "input", "action", "actions", "parameters"}) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    if (it->is_string()) {
      json inner = json::parse(it->get<std::string>(), nullptr, false);
      if (!inner.is_discarded()) {
        if (auto r = from_json(inner, opt, depth + 1)) return r;
      }
    } else if (auto r = from_json(*it, opt, depth + 1)) {
      return r;
    }
  }
  return std::nullopt;
}

std::vector<double> numbers_in(const std::string& s) {
  static const std::regex kNumber(R"(-?(?:\d+(?:\.\d*)?|\.\d+))");
  std::vector<double> out;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kNumber); it != std::sregex_iterator(); ++it) {
    out.push_back(to_double(it->str()));
    if (out.size() > 8) break;
  }
  return out;
}

// Content of the first match of `re` (group 1), as 2 or 4 numbers.
std::optional<RawCoordinates> numbers_in_first(const std::string& text, const std::regex& re) {
  std::smatch m;
  if (!std::regex_search(text, m, re)) return std::nullopt;
  return from_numbers(numbers_in(m[1].str()));
}

// The part of a text answer that holds the action. Reasoning comes first in many answers and may
// quote coordinates of its own (a UI-TARS Thought naming a swipe, a <point> inside <think>), so:
// drop <think...>...</think...> blocks (Seed's tags vary: <thinkt>, <think_never_used_...>), then keep
// what follows the first "Action:" label (ASCII or full-width colon) when there is one.
std::string answer_part(std::string text) {
  // A plain scan, not std::regex: libstdc++'s regex recurses per character on long answers.
  for (std::size_t open = text.find("<think"); open != std::string::npos; open = text.find("<think", open)) {
    const std::size_t name_end = text.find_first_of("> \t\n", open + 1);
    if (name_end == std::string::npos) break;
    const std::string close = "</" + text.substr(open + 1, name_end - open - 1) + ">";
    const std::size_t end = text.find(close, name_end);
    if (end == std::string::npos) break;  // unclosed: leave the text as it is
    text.replace(open, end + close.size() - open, " ");
  }
  for (const char* label : {"Action:", "Action\xEF\xBC\x9A"}) {
    const auto at = text.find(label);
    if (at != std::string::npos) return text.substr(at);
  }
  return text;
}

}  // namespace

std::vector<json> find_json_values(std::string_view text) {
  std::vector<json> out;
  // Unclosed brackets make every later start rescan to the end; a budget keeps "[[[[..." linear-ish.
  std::size_t budget = 4 * 1024 * 1024;
  for (std::size_t start = 0; start < text.size() && out.size() < 32 && budget > 0; ++start) {
    const char open = text[start];
    if (open != '{' && open != '[') continue;
    // Find the matching close, honouring strings and escapes.
    std::string stack;
    bool in_string = false, escaped = false;
    std::size_t end = std::string_view::npos;
    for (std::size_t i = start; i < text.size() && budget > 0; ++i, --budget) {
      const char c = text[i];
      if (in_string) {
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"') in_string = false;
        continue;
      }
      if (c == '"') in_string = true;
      else if (c == '{' || c == '[') stack.push_back(c);
      else if (c == '}' || c == ']') {
        if (stack.empty() || (c == '}') != (stack.back() == '{')) break;
        stack.pop_back();
        if (stack.empty()) { end = i; break; }
      }
    }
    if (end == std::string_view::npos) continue;
    json value = json::parse(text.substr(start, end - start + 1), nullptr, false);
    if (value.is_discarded()) continue;
    out.push_back(std::move(value));
    start = end;
  }
  return out;
}

Result<RawCoordinates> extract_coordinates(const ChatResponse& response, const ExtractOptions& opt) {
  bool had_tool_call = false;
  for (const auto& call : response.tool_calls) {
    had_tool_call = true;
    // Arguments may arrive still encoded as a JSON string (OpenAI function-call style).
    const json args = call.arguments.is_string() ? json::parse(call.arguments.get<std::string>(), nullptr, false)
                                                 : call.arguments;
    if (args.is_discarded()) continue;
    if (auto r = from_json(args, opt)) return *r;
  }
  const std::string text = answer_part(response.text.substr(0, kMaxScan));

  // Special-token boxes and UI-TARS actions carry the answer even inside long "Thought:" prose.
  static const std::regex kBoxTokens(R"(<\|box_start\|>([^<]*)<\|box_end\|>)");
  static const std::regex kStartBox(R"((?:start_box|point)\s*=\s*['"]([^'"]*)['"])");
  static const std::regex kPointTag(R"(<point>([^<]*)</point>)");
  static const std::regex kBboxTag(R"(<bbox>([^<]*)</bbox>)");
  for (const std::regex* re : {&kBoxTokens, &kStartBox, &kPointTag, &kBboxTag}) {
    if (auto r = numbers_in_first(text, *re)) return *r;
  }
  for (const auto& value : find_json_values(text)) {
    if (auto r = from_json(value, opt)) return *r;
  }
  // Keyword arguments: pyautogui.click(x=1443, y=343) (OpenCUA), click(x=.., y=..).
  static const std::regex kKeywords(R"(\bx\s*=\s*(-?(?:\d+(?:\.\d*)?|\.\d+))\s*,\s*y\s*=\s*(-?(?:\d+(?:\.\d*)?|\.\d+)))");
  if (std::smatch k; std::regex_search(text, k, kKeywords)) return RawCoordinates{{to_double(k[1]), to_double(k[2])}};
  // (x1,y1),(x2,y2) then (x, y) / [x, y] / (x1, y1, x2, y2), e.g. Click(352, 348).
  static const std::string kNum = R"(\s*(-?(?:\d+(?:\.\d*)?|\.\d+))\s*)";
  static const std::regex kTwoPairs("[\\(\\[]" + kNum + "," + kNum + "[\\)\\]]\\s*,?\\s*(?:to\\s*)?[\\(\\[]" + kNum +
                                    "," + kNum + "[\\)\\]]");
  static const std::regex kGroup("[\\(\\[]" + kNum + "," + kNum + "(?:," + kNum + "," + kNum + ")?[\\)\\]]");
  std::smatch m;
  if (std::regex_search(text, m, kTwoPairs)) {
    return RawCoordinates{{to_double(m[1]), to_double(m[2]), to_double(m[3]), to_double(m[4])}};
  }
  if (std::regex_search(text, m, kGroup)) {
    if (m[3].matched) return RawCoordinates{{to_double(m[1]), to_double(m[2]), to_double(m[3]), to_double(m[4])}};
    return RawCoordinates{{to_double(m[1]), to_double(m[2])}};
  }
  std::string shown = text.substr(0, 200);
  if (text.size() > 200) shown += "...";
  return Error::parse(std::string("unparseable model output: no coordinate found") +
                      (had_tool_call ? " (tool call without a coordinate)" : "") + " in \"" + shown + "\"");
}

}  // namespace humain::adapters
