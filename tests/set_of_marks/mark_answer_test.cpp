// The id parser: every answer form models give, and everything else an error, never a guess.
#include <gtest/gtest.h>

#include "grounding/set_of_marks/mark_prompt.h"

namespace humain::marks {
namespace {

std::vector<Mark> three_marks() {
  std::vector<Mark> m(3);
  for (int i = 0; i < 3; ++i) {
    m[i].id = i + 1;
    m[i].box = Box{10.0 + 100 * i, 10, 60.0 + 100 * i, 40};
    m[i].role = "button";
  }
  m[2].id = 12;  // ids need not be contiguous (top-k keeps the originals)
  return m;
}

ChatResponse text(const std::string& t) {
  ChatResponse r;
  r.text = t;
  return r;
}

int id_of(const Result<std::optional<Mark>>& r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (!r.ok() || !r->has_value()) return -1;
  return (*r)->id;
}

TEST(MarkAnswer, AcceptsTheFormsModelsGive) {
  const auto marks = three_marks();
  EXPECT_EQ(id_of(parse_mark_answer(text("{\"mark\": 12}"), marks)), 12);
  EXPECT_EQ(id_of(parse_mark_answer(text("```json\n{\"mark\": 2}\n```"), marks)), 2);
  EXPECT_EQ(id_of(parse_mark_answer(text("The answer is {\"id\": \"1\"}."), marks)), 1);
  EXPECT_EQ(id_of(parse_mark_answer(text("{\"element_id\": 2.0}"), marks)), 2);
  EXPECT_EQ(id_of(parse_mark_answer(text("12"), marks)), 12);
  EXPECT_EQ(id_of(parse_mark_answer(text(" **12**. "), marks)), 12);
  EXPECT_EQ(id_of(parse_mark_answer(text("[2]"), marks)), 2);
  EXPECT_EQ(id_of(parse_mark_answer(text("Mark 12"), marks)), 12);
  EXPECT_EQ(id_of(parse_mark_answer(text("I would click mark #2, the Save button."), marks)), 2);
  EXPECT_EQ(id_of(parse_mark_answer(text("ID: 1"), marks)), 1);
  EXPECT_EQ(id_of(parse_mark_answer(text("<think>mark 1 or mark 2? mark 2 says Save.</think>{\"mark\": 2}"), marks)), 2);
  ChatResponse tool;
  tool.tool_calls.push_back({"select_mark", nlohmann::json{{"mark", 12}}});
  EXPECT_EQ(id_of(parse_mark_answer(tool, marks)), 12);
  ChatResponse tool_string;  // arguments as a JSON string, as some servers send them
  tool_string.tool_calls.push_back({"select_mark", nlohmann::json("{\"mark_id\": 1}")});
  EXPECT_EQ(id_of(parse_mark_answer(tool_string, marks)), 1);
}

TEST(MarkAnswer, NoneFitsIsNotFoundNotAnError) {
  const auto marks = three_marks();
  for (const char* t : {"{\"mark\": null}", "none", "None.", "no mark"}) {
    auto r = parse_mark_answer(text(t), marks);
    ASSERT_TRUE(r.ok()) << t << ": " << r.error().message;
    EXPECT_FALSE(r->has_value()) << t;
  }
}

TEST(MarkAnswer, UnparseableAmbiguousAndOutOfRangeAreErrors) {
  const auto marks = three_marks();
  for (const char* t : {"", "I cannot see the screen.", "The Save button", "mark 1 or mark 2", "{\"x\": 10, \"y\": 20}",
                        "Click at (120, 40)", "3", "{\"mark\": 99}", "Mark 4", "{\"mark\": -1}", "{\"mark\": \"two\"}"}) {
    auto r = parse_mark_answer(text(t), marks);
    ASSERT_FALSE(r.ok()) << "accepted: " << t;
    EXPECT_EQ(r.error().kind, Error::Kind::kParse) << t;
    EXPECT_NE(r.error().message.find("unparseable"), std::string::npos) << r.error().message;
  }
}

// Found by fuzz_answer_parsers: std::regex recursed once per space or '*' of a run (a stack
// overflow at 30,000), and unclosed braces made the JSON scan quadratic (1 MiB of "{" hung).
TEST(MarkAnswer, LongRunsNeitherOverflowTheStackNorTakeQuadraticTime) {
  const auto marks = three_marks();
  const std::string spaces(30'000, ' ');
  EXPECT_EQ(id_of(parse_mark_answer(text("Mark" + spaces + "12"), marks)), 12);
  EXPECT_EQ(id_of(parse_mark_answer(text("{\"mark\": \"" + spaces + "2\"}"), marks)), 2);
  EXPECT_EQ(id_of(parse_mark_answer(text("<think>mark 2</think>" + spaces + "{\"mark\": 1}"), marks)), 1);
  EXPECT_EQ(id_of(parse_mark_answer(text(spaces + "12" + spaces), marks)), 12);
  for (const std::string& t : {std::string(30'000, '*') + "12", std::string(1 << 20, '{'), "[" + spaces}) {
    auto r = parse_mark_answer(text(t), marks);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("unparseable"), std::string::npos) << r.error().message;
  }
}

TEST(MarkPrompt, ListsEveryMarkCompactlyWithScaledBoxes) {
  auto marks = three_marks();
  marks[0].text = "Save \"now\"";
  marks[1].role = "icon";
  marks[1].icon = "search";
  const auto spec = marks_prompt("click Save", marks, MarkView::kScreen, {200, 100}, {100, 50});
  EXPECT_NE(spec.prompt.find("(image 100x50)"), std::string::npos);
  EXPECT_NE(spec.prompt.find("1 button \"Save 'now'\" [5,5,30,20]\n"), std::string::npos) << spec.prompt;
  EXPECT_NE(spec.prompt.find("2 icon (search) [55,5,80,20]\n"), std::string::npos) << spec.prompt;
  EXPECT_NE(spec.prompt.find("12 button [105,5,130,20]\n"), std::string::npos) << spec.prompt;
  EXPECT_NE(spec.prompt.find("Task: click Save"), std::string::npos);
  ASSERT_TRUE(spec.json_schema.has_value());
  EXPECT_EQ((*spec.json_schema)["required"][0], "mark");
  const auto crops = marks_prompt("click Save", marks, MarkView::kCrops, {200, 100}, {200, 100});
  EXPECT_NE(crops.prompt.find("(screen 200x100)"), std::string::npos);
  EXPECT_NE(crops.prompt.find("1 button \"Save 'now'\" [10,10,60,40]\n"), std::string::npos);
}

}  // namespace
}  // namespace humain::marks
