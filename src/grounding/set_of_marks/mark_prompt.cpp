#include "grounding/set_of_marks/mark_prompt.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace humain::marks {
namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxTextChars = 60;  // a long paragraph is recognised by its start
// An answer naming a mark is a few bytes; past this much of it, runaway generation is not read.
constexpr std::size_t kMaxAnswerScan = 32 * 1024;
// A bare "12" or "none" answer, however decorated, is short; longer text is prose.
constexpr std::size_t kMaxBareAnswer = 200;

// Whitespace runs squeezed to one space. std::regex (libstdc++) recurses once per character a
// repetition such as \s* consumes, so an answer with 30,000 spaces after "mark" overflowed the
// stack (found by fuzz_answer_parsers); the patterns below match the squeezed text the same way.
std::string squeezed(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    if (!space) out += c;
    else if (out.empty() || out.back() != ' ') out += ' ';
  }
  return out;
}

// Text as one line, quotes made single, cut to kMaxTextChars.
std::string list_text(const std::string& text) {
  std::string s;
  for (char c : text) s += c == '"' ? '\'' : (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (s.size() > kMaxTextChars) s = s.substr(0, kMaxTextChars) + "...";
  return s;
}

std::string mark_line(const Mark& m, double sx, double sy) {
  std::string line = std::to_string(m.id) + " " + m.role;
  if (!m.text.empty()) line += " \"" + list_text(m.text) + "\"";
  if (!m.icon.empty()) line += " (" + m.icon + ")";
  line += " [" + std::to_string(std::lround(m.box.x1 * sx)) + "," + std::to_string(std::lround(m.box.y1 * sy)) + "," +
          std::to_string(std::lround(m.box.x2 * sx)) + "," + std::to_string(std::lround(m.box.y2 * sy)) + "]";
  return line;
}

const char* const kIdKeys[] = {"mark", "mark_id", "id", "element", "element_id", "number", "index"};

// A JSON value naming an id: an integer, or a string of digits. nullopt = not an id.
std::optional<long long> id_of(const json& v) {
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>()) return static_cast<long long>(v.get<double>());
  if (v.is_string()) {
    static const std::regex kDigits(R"(^\s*(?:mark\s*)?#?(\d{1,9})\s*$)", std::regex::icase);
    std::smatch m;
    const std::string s = squeezed(v.get<std::string>());
    if (std::regex_match(s, m, kDigits)) return std::stoll(m[1].str());
  }
  return std::nullopt;
}

// {"mark": N} (or one of kIdKeys) -> N; {"mark": null} -> found with no id. Nested objects too.
struct Found {
  bool any = false;                 // a key was present
  std::optional<long long> id;      // its id (nullopt: null = "none fits")
};
Found find_id(const json& j, int depth = 0) {
  if (depth > 4) return {};
  if (j.is_object()) {
    for (const char* k : kIdKeys) {
      if (!j.contains(k)) continue;
      const json& v = j[k];
      if (v.is_null()) return {true, std::nullopt};
      if (auto id = id_of(v)) return {true, id};
    }
    for (const auto& [k, v] : j.items()) {
      if (auto f = find_id(v, depth + 1); f.any) return f;
    }
  } else if (j.is_array() && !j.empty()) {
    return find_id(j[0], depth + 1);
  } else if (j.is_string() && depth > 0) {  // tool arguments sent as a JSON string
    json inner = json::parse(j.get<std::string>(), nullptr, false);
    if (!inner.is_discarded() && inner.is_structured()) return find_id(inner, depth + 1);
  }
  return {};
}

// The first balanced {...} in `text` that parses as JSON and names an id. Unclosed braces make
// every later start rescan to the end; the budget keeps "{{{{..." from taking quadratic time.
Found json_in_text(const std::string& text) {
  std::size_t budget = 4 * 1024 * 1024;
  for (std::size_t start = text.find('{'); start != std::string::npos && budget > 0; start = text.find('{', start + 1)) {
    int level = 0;
    bool in_string = false;
    for (std::size_t i = start; i < text.size() && budget > 0; ++i, --budget) {
      const char c = text[i];
      if (in_string) {
        if (c == '\\') ++i;
        else if (c == '"') in_string = false;
        continue;
      }
      if (c == '"') in_string = true;
      else if (c == '{') ++level;
      else if (c == '}' && --level == 0) {
        json j = json::parse(text.substr(start, i - start + 1), nullptr, false);
        if (!j.is_discarded()) {
          if (auto f = find_id(j); f.any) return f;
        }
        break;
      }
    }
  }
  return {};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Drops a <think>...</think> preamble: reasoning models mention several ids before the answer.
std::string without_thinking(const std::string& text) {
  const auto end = text.rfind("</think>");
  return end == std::string::npos ? text : text.substr(end + 8);
}

}  // namespace

PromptSpec marks_prompt(std::string_view instruction, const std::vector<Mark>& marks, MarkView view,
                        ImageSize original, ImageSize listed) {
  const double sx = original.width > 0 ? double(listed.width) / original.width : 1;
  const double sy = original.height > 0 ? double(listed.height) / original.height : 1;
  const std::string size = std::to_string(listed.width) + "x" + std::to_string(listed.height);
  PromptSpec spec;
  if (view == MarkView::kScreen) {
    spec.prompt = "The image is a screenshot (image " + size + ") with numbered marks drawn on the elements a user "
                  "can act on: each mark is a coloured box with its number on a small label next to it.\n";
  } else {
    spec.prompt = "The images are candidate elements cut from one screen (screen " + size + "), in the order of the "
                  "list below; the candidate in each image is the element in its middle, with a margin around it.\n";
  }
  spec.prompt += "Marks (id role \"text\" (icon) [x1,y1,x2,y2]):\n";
  for (const auto& m : marks) spec.prompt += mark_line(m, sx, sy) + "\n";
  spec.prompt += "Task: " + std::string(instruction) + "\n";
  spec.prompt += "Which mark is the element to act on for this task? Answer with JSON only: {\"mark\": <id>}, or "
                 "{\"mark\": null} if no mark fits.";
  spec.json_schema = json{{"type", "object"},
                          {"properties", {{"mark", {{"type", json::array({"integer", "null"})}}}}},
                          {"required", json::array({"mark"})},
                          {"additionalProperties", false}};
  return spec;
}

Result<std::optional<Mark>> parse_mark_answer(const ChatResponse& response, const std::vector<Mark>& marks) {
  Found f;
  for (const auto& call : response.tool_calls) {
    if ((f = find_id(json{{"arguments", call.arguments}}, 0)).any) break;
  }
  const std::string text = squeezed(std::string_view(without_thinking(response.text)).substr(0, kMaxAnswerScan));
  if (!f.any) f = json_in_text(text);
  if (!f.any) {
    // Prose: "Mark 12", "mark #12", "ID: 12", "element 12"; several different ids are ambiguous.
    static const std::regex kNamed(R"((?:\bmark|\bid|\belement|\blabel)\s*(?:id|number|no\.?)?\s*[:#=]?\s*\[?(\d{1,9}))",
                                   std::regex::icase);
    std::set<long long> ids;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kNamed); it != std::sregex_iterator(); ++it) {
      ids.insert(std::stoll((*it)[1].str()));
    }
    if (ids.size() > 1) {
      return Error::parse("unparseable set-of-marks answer: it names several marks (" + text.substr(0, 200) + ")");
    }
    if (ids.size() == 1) f = {true, *ids.begin()};
  }
  if (!f.any && text.size() <= kMaxBareAnswer) {
    static const std::regex kBare(R"(^[\s*`\[\(#"']*(\d{1,9})[\s*`\]\)\."']*$)");
    static const std::regex kNone(R"(^[\s*`"']*(none|null|no mark|no matching mark)[\s*`\."']*$)");
    std::smatch m;
    if (std::regex_match(text, m, kBare)) f = {true, std::stoll(m[1].str())};
    else if (std::regex_match(lower(text), kNone)) f = {true, std::nullopt};
  }
  if (!f.any) return Error::parse("unparseable set-of-marks answer (no mark id): " + text.substr(0, 200));
  if (!f.id) return std::optional<Mark>{};
  for (const auto& m : marks) {
    if (m.id == *f.id) return std::optional<Mark>{m};
  }
  return Error::parse("unparseable set-of-marks answer: mark " + std::to_string(*f.id) + " is not one of the " +
                      std::to_string(marks.size()) + " marks sent");
}

}  // namespace humain::marks
