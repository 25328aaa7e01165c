// The parts of `humain serve` below HTTP: the screen store's LRU, admission's queue bound and
// deadline, the metrics text, the chat wire formats. (HTTP itself: tests/e2e/serve_*.sh.)
#include <thread>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "core/mat_encoding.h"
#include "core/screenshot_pixels.h"
#include "humain/config.h"
#include "server/admission.h"
#include "server/chat_wire.h"
#include "server/metrics_registry.h"
#include "server/screen_store.h"

namespace humain::server {
namespace {

std::shared_ptr<const Screenshot> screen(int shade) {
  cv::Mat m(20, 30, CV_8UC3, cv::Scalar::all(shade));
  return std::make_shared<const Screenshot>(screenshot_from_mat(m).value());
}

TEST(ScreenStore, KeepsTheMostRecentlyUsedWithinCapacity) {
  ScreenStore store(2);
  const std::string a = store.put(screen(1)), b = store.put(screen(2));
  EXPECT_EQ(a.size(), 16u);
  ASSERT_TRUE(store.get(a));  // a is now the most recent
  store.put(screen(3));       // evicts b
  EXPECT_TRUE(store.get(a));
  EXPECT_FALSE(store.get(b));
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.put(screen(1)), a) << "same pixels, same id";
  EXPECT_EQ(store.misses(), 1u);
}

TEST(Admission, TurnsAwayBeyondTheQueueAndGivesUpAtTheDeadline) {
  Admission adm(1, 1);
  const auto soon = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
  Admission::Ticket first;
  ASSERT_EQ(adm.enter(soon, first), Admission::Verdict::kAdmitted);
  Admission::Ticket waiter;
  std::thread t([&] { EXPECT_EQ(adm.enter(std::chrono::steady_clock::now() + std::chrono::seconds(5), waiter), Admission::Verdict::kAdmitted); });
  while (adm.waiting() == 0) std::this_thread::yield();
  Admission::Ticket third;
  EXPECT_EQ(adm.enter(soon, third), Admission::Verdict::kQueueFull);
  first = Admission::Ticket();  // frees the slot: the waiter gets it
  t.join();
  EXPECT_EQ(adm.in_flight(), 1);
  Admission::Ticket late;
  EXPECT_EQ(adm.enter(std::chrono::steady_clock::now() + std::chrono::milliseconds(20), late), Admission::Verdict::kDeadline);
}

TEST(MetricsRegistry, RendersCountersHistogramsAndEscapedLabels) {
  MetricsRegistry m;
  m.observe_request("/v1/ground", "local-engine", 200, 0.0007);
  m.observe_request("/v1/ground", "local-engine", 200, 50.0);  // beyond the last bucket: only +Inf
  m.add_bytes_sent(10);
  const std::string text = m.render({{"breaker_open", "Open breakers.", "gauge", {{"tier", "a\"b"}}, 1}});
  EXPECT_NE(text.find("humain_requests_total{endpoint=\"/v1/ground\",tier=\"local-engine\",status=\"200\"} 2"), std::string::npos) << text;
  EXPECT_NE(text.find("humain_request_duration_seconds_bucket{endpoint=\"/v1/ground\",le=\"0.001\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("humain_request_duration_seconds_bucket{endpoint=\"/v1/ground\",le=\"30\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("humain_request_duration_seconds_bucket{endpoint=\"/v1/ground\",le=\"+Inf\"} 2"), std::string::npos) << text;
  EXPECT_NE(text.find("humain_bytes_sent_off_machine_total 10"), std::string::npos);
  EXPECT_NE(text.find("humain_breaker_open{tier=\"a\\\"b\"} 1"), std::string::npos) << text;
}

TEST(ChatWire, ReadsBothFormatsAndRefusesWhatItCannotHonour) {
  cv::Mat m(10, 10, CV_8UC3, cv::Scalar::all(200));
  const auto png = encode_image(m, 10, 10).value().base64;
  using nlohmann::json;
  json openai = {{"model", "x"}, {"stream", true}, {"max_tokens", 7},
                 {"messages", {{{"role", "system"}, {"content", "be brief"}},
                               {{"role", "user"}, {"content", {{{"type", "text"}, {"text", "hi"}},
                                                              {{"type", "image_url"}, {"image_url", {{"url", "data:image/png;base64," + png}}}}}}},
                               {{"role", "assistant"}, {"content", "hello"}},
                               {{"role", "user"}, {"content", "next?"}}}}};
  auto r = parse_chat(ChatWire::kOpenAi, openai, {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->request.system, "be brief");
  EXPECT_EQ(r->request.prompt, "[user]\nhi\n[assistant]\nhello\n[user]\nnext?\n");
  EXPECT_EQ(r->images.size(), 1u);
  EXPECT_EQ(r->request.max_tokens, 7);
  EXPECT_TRUE(r->stream);
  json ollama = {{"model", "x"}, {"messages", {{{"role", "user"}, {"content", "hi"}, {"images", {png}}}}}};
  auto o = parse_chat(ChatWire::kOllama, ollama, {});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_TRUE(o->stream) << "Ollama streams unless told not to";
  EXPECT_EQ(o->images.size(), 1u);
  openai["messages"][1]["content"][1]["image_url"]["url"] = "https://example.com/x.png";
  EXPECT_FALSE(parse_chat(ChatWire::kOpenAi, openai, {}).ok()) << "remote images are not fetched";
  EXPECT_FALSE(parse_chat(ChatWire::kOpenAi, json{{"messages", json::array()}}, {}).ok());
  EXPECT_FALSE(parse_chat(ChatWire::kOpenAi, json{{"messages", {{{"role", "user"}, {"content", "x"}}}}, {"tools", {1}}}, {}).ok());
  ollama["messages"][0]["images"] = {"not base64!"};
  EXPECT_FALSE(parse_chat(ChatWire::kOllama, ollama, {}).ok());
  // Frames: an SSE event per delta, the end with [DONE]; an NDJSON line per delta.
  ChatResponse done;
  EXPECT_EQ(chat_delta(ChatWire::kOpenAi, "a", "id", "m", 1).rfind("data: {", 0), 0u);
  EXPECT_NE(chat_end(ChatWire::kOpenAi, done, "id", "m", 1).find("data: [DONE]\n\n"), std::string::npos);
  EXPECT_EQ(json::parse(chat_delta(ChatWire::kOllama, "a", "id", "m", 1))["done"], false);
  EXPECT_EQ(json::parse(chat_end(ChatWire::kOllama, done, "id", "m", 1))["done"], true);
}

TEST(ServeConfig, ReadsTheSectionAndRejectsShortKeys) {
  ::setenv("HUMAIN_TEST_SERVE_KEY", "0123456789abcdef0123", 1);
  auto c = parse_config("serve: {listen: \"0.0.0.0:9000\", api_keys: [\"${HUMAIN_TEST_SERVE_KEY}\"], max_queue: 0}\n", "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->serve.listen, "0.0.0.0:9000");
  EXPECT_EQ(c->serve.api_keys.at(0), "0123456789abcdef0123");
  EXPECT_EQ(c->serve.max_queue, 0);
  auto short_key = parse_config("serve: {api_keys: [\"abc\"]}\n", "t.yaml");
  ASSERT_FALSE(short_key.ok());
  EXPECT_NE(short_key.error().message.find("serve.api_keys"), std::string::npos);
  EXPECT_FALSE(parse_config("serve: {listne: x}\n", "t.yaml").ok()) << "typos are errors";
}

}  // namespace
}  // namespace humain::server
