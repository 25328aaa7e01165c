#include "mark_answer.h"

#include <regex>
#include <sstream>

namespace humain::testserver {

std::optional<MarkList> parse_mark_list(const std::string& prompt) {
  static const std::regex kSpace(R"(\((?:image|screen) (\d+)x(\d+)\))");
  static const std::regex kLine(R"(^(\d+) [a-z]+ .*\[(-?\d+),(-?\d+),(-?\d+),(-?\d+)\]\s*$)");
  const auto header = prompt.find("\nMarks (");
  std::smatch m;
  if (header == std::string::npos || !std::regex_search(prompt, m, kSpace)) return std::nullopt;
  MarkList list;
  list.width = std::stoi(m[1].str());
  list.height = std::stoi(m[2].str());
  std::istringstream lines(prompt.substr(header + 1));
  std::string line;
  std::getline(lines, line);  // the header itself
  while (std::getline(lines, line)) {
    std::smatch l;
    if (line.rfind("Task: ", 0) == 0) {
      list.task = line.substr(6);
      break;
    }
    if (!std::regex_match(line, l, kLine)) continue;  // a text with a line break of its own
    list.marks.push_back({std::stoi(l[1].str()), Box{std::stod(l[2].str()), std::stod(l[3].str()),
                                                     std::stod(l[4].str()), std::stod(l[5].str())}});
  }
  return list;
}

std::optional<int> oracle_mark_id(const MarkList& list, const Box& target, int width, int height) {
  const double sx = width > 0 ? double(list.width) / width : 1, sy = height > 0 ? double(list.height) / height : 1;
  const Box t{target.x1 * sx, target.y1 * sy, target.x2 * sx, target.y2 * sy};
  std::optional<int> best;
  double best_area = 0;
  for (const auto& [id, box] : list.marks) {
    if (!contains(t, box.center())) continue;
    if (!best || box.area() < best_area) {
      best = id;
      best_area = box.area();
    }
  }
  return best;
}

Answer mark_answer(std::optional<int> id, const std::string& form) {
  Answer a;
  const std::string n = id ? std::to_string(*id) : "null";
  if (form == "plain") {
    a.text = id ? n : "none";
  } else if (form == "prose") {
    a.text = id ? "Mark " + n + " is the element for this task." : "None of the marks fits.";
  } else if (form == "tool") {
    a.tool_calls.push_back({"select_mark", nlohmann::json{{"mark", id ? nlohmann::json(*id) : nlohmann::json(nullptr)}}});
  } else {
    a.text = "{\"mark\": " + n + "}";
  }
  return a;
}

}  // namespace humain::testserver
