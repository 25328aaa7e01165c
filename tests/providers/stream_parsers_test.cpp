// SSE and NDJSON parsers: events come out the same however the bytes are split.
#include <gtest/gtest.h>

#include "providers/ndjson_parser.h"
#include "providers/sse_parser.h"

namespace humain::providers {
namespace {

std::vector<SseEvent> parse_sse(const std::string& stream, std::size_t piece, std::vector<std::string>* comments = nullptr) {
  std::vector<SseEvent> events;
  SseParser p([&](const SseEvent& e) {
    events.push_back(e);
    return ok_status();
  }, [&](std::string_view c) {
    if (comments) comments->emplace_back(c);
  });
  for (std::size_t i = 0; i < stream.size(); i += piece) EXPECT_TRUE(p.feed(std::string_view(stream).substr(i, piece)).ok());
  return events;
}

TEST(SseParser, SameEventsForEverySplit) {
  const std::string stream =
      ": OPENROUTER PROCESSING\n\n"
      "event: message_start\ndata: {\"a\":1}\n\n"
      "data: line1\r\ndata: line2\r\n\r\n"
      "data:no-space\rid: 7\r\r"
      "data: [DONE]\n\n";
  for (std::size_t piece : {1u, 2u, 3u, 7u, 1000u}) {
    std::vector<std::string> comments;
    auto ev = parse_sse(stream, piece, &comments);
    ASSERT_EQ(ev.size(), 4u) << "piece " << piece;
    EXPECT_EQ(ev[0].event, "message_start");
    EXPECT_EQ(ev[0].data, "{\"a\":1}");
    EXPECT_EQ(ev[1].data, "line1\nline2");
    EXPECT_EQ(ev[2].data, "no-space");
    EXPECT_EQ(ev[3].data, "[DONE]");
    ASSERT_EQ(comments.size(), 1u);
    EXPECT_EQ(comments[0], " OPENROUTER PROCESSING");
  }
}

TEST(SseParser, OffsetsPointAtTheEvent) {
  auto ev = parse_sse("data: a\n\ndata: b\n\n", 1);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].offset, 0u);
  EXPECT_EQ(ev[1].offset, 9u);
}

TEST(SseParser, UnfinishedEventIsReportedAsPartial) {
  SseParser p([](const SseEvent&) { return ok_status(); });
  ASSERT_TRUE(p.feed("data: {\"cut").ok());
  EXPECT_TRUE(p.has_partial());
  SseParser q([](const SseEvent&) { return ok_status(); });
  ASSERT_TRUE(q.feed("data: x\n\n").ok());
  EXPECT_FALSE(q.has_partial());
}

TEST(SseParser, HandlerErrorStopsParsing) {
  int calls = 0;
  SseParser p([&](const SseEvent&) -> Status {
    ++calls;
    return Error::server("boom");
  });
  Status s = p.feed("data: 1\n\ndata: 2\n\n");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(calls, 1);
}

TEST(NdjsonParser, LinesSplitAnywhere) {
  const std::string stream = "{\"a\":1}\n{\"a\":2}\r\n\n{\"a\":3}";
  for (std::size_t piece : {1u, 4u, 100u}) {
    std::vector<int> seen;
    NdjsonParser p("test", [&](const nlohmann::json& j, std::size_t) {
      seen.push_back(j["a"].get<int>());
      return ok_status();
    });
    for (std::size_t i = 0; i < stream.size(); i += piece) ASSERT_TRUE(p.feed(std::string_view(stream).substr(i, piece)).ok());
    ASSERT_TRUE(p.finish().ok());
    EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
  }
}

TEST(NdjsonParser, BadLineNamesLineAndOffset) {
  NdjsonParser p("ollama /api/chat", [](const nlohmann::json&, std::size_t) { return ok_status(); });
  Status s = p.feed("{\"a\":1}\n{\"a\":\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kParse);
  EXPECT_NE(s.error().message.find("line 2"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("byte 8"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("ollama /api/chat"), std::string::npos);
}

TEST(NdjsonParser, CutOffLastLineIsAnError) {
  NdjsonParser p("x", [](const nlohmann::json&, std::size_t) { return ok_status(); });
  ASSERT_TRUE(p.feed("{\"done\":fal").ok());
  EXPECT_FALSE(p.finish().ok());
}

}  // namespace
}  // namespace humain::providers
