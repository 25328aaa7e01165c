#include "adapters/coordinate_parsing.h"

#include <array>
#include <cstdlib>
#include <optional>
#include <string>

namespace humain::adapters {
namespace {

// Answers longer than this are cut before scanning: a grounding answer is a few hundred bytes,
// and the scans below should not spend their time on megabytes of runaway generation.
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

// The answer is scanned by hand, not with std::regex: libstdc++'s regex recurses once per character
// of a repetition, so a 30,000-byte run inside a tag or a call overflowed the stack (fuzz_answer_parsers,
// tests/adapters/long_answer_test.cpp). The shapes below are the regexes they replace, in comments.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Length of the number -?(?:\d+(?:\.\d*)?|\.\d+) starting at s[i], 0 when none starts there.
std::size_t number_length(std::string_view s, std::size_t i) {
  std::size_t j = i;
  if (j < s.size() && s[j] == '-') ++j;
  const std::size_t first_digit = j;
  while (j < s.size() && is_digit(s[j])) ++j;
  if (j == first_digit) {
    if (j + 1 >= s.size() || s[j] != '.' || !is_digit(s[j + 1])) return 0;
  } else if (j >= s.size() || s[j] != '.') {
    return j - i;
  }
  ++j;  // the '.'
  while (j < s.size() && is_digit(s[j])) ++j;
  return j - i;
}

// A position in the answer; each step consumes what it matches and says whether it did.
struct Cursor {
  std::string_view s;
  std::size_t i;
  void spaces() {
    while (i < s.size() && is_space(s[i])) ++i;
  }
  bool literal(std::string_view t) {
    if (s.substr(i, t.size()) != t) return false;
    i += t.size();
    return true;
  }
  bool one_of(std::string_view chars) {
    if (i >= s.size() || chars.find(s[i]) == std::string_view::npos) return false;
    ++i;
    return true;
  }
  std::optional<double> number() {
    const std::size_t n = number_length(s, i);
    if (n == 0) return std::nullopt;
    i += n;
    return to_double(std::string(s.substr(i - n, n)));
  }
};

// At most 9 numbers, in order (more than 4 is not a coordinate anyway).
std::vector<double> numbers_in(std::string_view s) {
  std::vector<double> out;
  for (Cursor c{s, 0}; c.i < s.size() && out.size() <= 8;) {
    if (auto v = c.number()) out.push_back(*v);
    else ++c.i;
  }
  return out;
}

// The first open([^<]*)close: what lies between the tags, which holds no '<'.
std::optional<std::string_view> between_tags(std::string_view s, std::string_view open, std::string_view close) {
  for (auto at = s.find(open); at != std::string_view::npos; at = s.find(open, at + 1)) {
    const std::size_t from = at + open.size();
    const std::size_t lt = s.find('<', from);
    if (lt == std::string_view::npos) return std::nullopt;  // then no later open has a close either
    if (s.substr(lt, close.size()) == close) return s.substr(from, lt - from);
  }
  return std::nullopt;
}

// The first (?:start_box|point)\s*=\s*['"]([^'"]*)['"]: UI-TARS's quoted argument.
std::optional<std::string_view> quoted_argument(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    Cursor c{s, i};
    if (!c.literal("start_box") && !c.literal("point")) continue;
    c.spaces();
    if (!c.literal("=")) continue;
    c.spaces();
    if (!c.one_of("'\"")) continue;
    const std::size_t end = s.find_first_of("'\"", c.i);
    if (end == std::string_view::npos) return std::nullopt;  // no quote closes this one or any later one
    return s.substr(c.i, end - c.i);
  }
  return std::nullopt;
}

// The first \bx\s*=\s*NUM\s*,\s*y\s*=\s*NUM: pyautogui.click(x=1443, y=343) (OpenCUA), click(x=.., y=..).
std::optional<RawCoordinates> keyword_point(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != 'x' || (i > 0 && is_word(s[i - 1]))) continue;
    Cursor c{s, i + 1};
    c.spaces();
    if (!c.literal("=")) continue;
    c.spaces();
    const auto x = c.number();
    if (!x) continue;
    c.spaces();
    if (!c.literal(",")) continue;
    c.spaces();
    if (!c.literal("y")) continue;
    c.spaces();
    if (!c.literal("=")) continue;
    c.spaces();
    const auto y = c.number();
    if (!y) continue;
    return RawCoordinates{{*x, *y}};
  }
  return std::nullopt;
}

// [(\[] NUM , NUM [)\]] with spaces around each number, and with `four` also [(\[] NUM , NUM , NUM , NUM [)\]].
std::optional<std::vector<double>> bracketed(Cursor& c, bool four) {
  if (!c.one_of("([")) return std::nullopt;
  std::vector<double> v;
  for (int k = 0; k < 4; ++k) {
    if (k == 2 && !(four && c.i < c.s.size() && c.s[c.i] == ',')) break;
    if (k > 0 && !c.literal(",")) return std::nullopt;
    c.spaces();
    const auto n = c.number();
    if (!n) return std::nullopt;
    v.push_back(*n);
    c.spaces();
  }
  if (!c.one_of(")]")) return std::nullopt;
  return v;
}

// The first (x1,y1),(x2,y2) (also "[..] to [..]"), else the first (x, y) / [x, y] / (x1, y1, x2, y2).
std::optional<RawCoordinates> bracketed_coordinates(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    Cursor c{s, i};
    const auto first = bracketed(c, false);
    if (!first) continue;
    c.spaces();
    c.literal(",");
    c.spaces();
    if (c.literal("to")) c.spaces();
    const auto second = bracketed(c, false);
    if (!second) continue;
    return RawCoordinates{{(*first)[0], (*first)[1], (*second)[0], (*second)[1]}};
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    Cursor c{s, i};
    if (auto v = bracketed(c, true)) return RawCoordinates{*v};
  }
  return std::nullopt;
}

// The part of a text answer that holds the action. Reasoning comes first in many answers and may
// quote coordinates of its own (a UI-TARS Thought naming a swipe, a <point> inside <think>), so:
// drop <think...>...</think...> blocks (Seed's tags vary: <thinkt>, <think_never_used_...>), then keep
// what follows the first "Action:" label (ASCII or full-width colon) when there is one.
std::string answer_part(std::string text) {
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
  // Only the first occurrence of each shape counts.
  for (const auto& part : {between_tags(text, "<|box_start|>", "<|box_end|>"), quoted_argument(text),
                           between_tags(text, "<point>", "</point>"), between_tags(text, "<bbox>", "</bbox>")}) {
    if (!part) continue;
    if (auto r = from_numbers(numbers_in(*part))) return *r;
  }
  for (const auto& value : find_json_values(text)) {
    if (auto r = from_json(value, opt)) return *r;
  }
  if (auto r = keyword_point(text)) return *r;
  if (auto r = bracketed_coordinates(text)) return *r;
  std::string shown = text.substr(0, 200);
  if (text.size() > 200) shown += "...";
  return Error::parse(std::string("unparseable model output: no coordinate found") +
                      (had_tool_call ? " (tool call without a coordinate)" : "") + " in \"" + shown + "\"");
}

}  // namespace humain::adapters
