// Every family's answer parser: the input is a model's text answer (and, for the computer-use
// families, a tool call's JSON arguments) on a screenshot whose size the first bytes choose; and
// the set-of-marks grounder's id parser on the same answer.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "grounding/set_of_marks/mark_prompt.h"
#include "humain/adapter.h"

namespace {

struct Families {
  std::vector<std::unique_ptr<humain::Adapter>> adapters;
  Families() {
    for (const auto& name : humain::adapter_families()) {
      if (auto a = humain::make_adapter(name)) adapters.push_back(std::move(*a));
    }
  }
};

std::vector<humain::marks::Mark> marks() {
  std::vector<humain::marks::Mark> m(3);
  for (int i = 0; i < 3; ++i) {
    m[i].id = i == 2 ? 12 : i + 1;
    m[i].box = humain::Box{10.0 + 100 * i, 10, 60.0 + 100 * i, 40};
    m[i].role = "button";
  }
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Families families;
  static const std::vector<humain::marks::Mark> some_marks = marks();
  if (size < 4) return 0;
  const humain::ImageSize original{1 + (data[0] | (data[1] & 0x0f) << 8), 1 + (data[2] | (data[3] & 0x0f) << 8)};
  const std::string text(reinterpret_cast<const char*>(data + 4), size - 4);
  humain::ChatResponse answer;
  answer.text = text;
  humain::ChatResponse tool;
  tool.tool_calls.push_back({"computer", nlohmann::json::parse(text, nullptr, false)});
  if (tool.tool_calls[0].arguments.is_discarded()) tool.tool_calls[0].arguments = text;
  for (const auto& a : families.adapters) {
    auto sent = a->image_size(original);
    if (!sent) continue;
    (void)a->parse(answer, original, *sent);
    (void)a->parse(tool, original, *sent);
  }
  (void)humain::marks::parse_mark_answer(answer, some_marks);
  (void)humain::marks::parse_mark_answer(tool, some_marks);
  return 0;
}
