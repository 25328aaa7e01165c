// Issue 15: what the computer-use APIs of today require on the wire. Anthropic's tool versions and
// their anthropic-beta flags, OpenAI's Responses API (GA `computer` tool with an `actions` batch,
// the legacy `computer_use_preview` with one `action`), and text that goes before the image.
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "humain/adapter.h"
#include "humain/geometry.h"
#include "providers/anthropic_provider.h"
#include "providers/http_client.h"
#include "providers/ollama_provider.h"
#include "provider_test_util.h"
#include "providers/openai_responses_provider.h"

namespace humain {
namespace {

using testing_support::endpoint;
using testing_support::LiveServer;
using testing_support::make;
using json = nlohmann::json;

std::shared_ptr<const EncodedImage> tiny_png() {
  // A 1x1 PNG: enough for the server to decode a size.
  static const auto img = std::make_shared<const EncodedImage>(EncodedImage{
      "image/png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==", 1, 1});
  return img;
}

ChatRequest request_for(const std::string& family, const std::string& version = "", bool stream = true) {
  auto adapter = make_adapter(family, version);
  EXPECT_TRUE(adapter.ok()) << family;
  ChatRequest r;
  apply_prompt((*adapter)->prompt("the Save button", ImageSize{1456, 819}), r);
  r.images = {tiny_png()};
  r.stream = stream;
  return r;
}

EndpointConfig keyed(const LiveServer& live, const std::string& provider, const std::string& mode) {
  setenv("HUMAIN_TEST_KEY", "sk-test-secret-123", 1);
  EndpointConfig e = endpoint(live, provider, mode);
  e.api_key_env = "HUMAIN_TEST_KEY";
  return e;
}

TEST(AnthropicComputerUse, SendsTheBetaHeaderOfEachToolVersion) {
  for (const auto& [version, tool, beta] : {std::tuple{"", "computer_20251124", "computer-use-2025-11-24"},
                                            std::tuple{"20250124", "computer_20250124", "computer-use-2025-01-24"}}) {
    LiveServer live;
    auto p = make(keyed(live, "anthropic", "text=ok"));
    auto r = p->chat(request_for("claude-computer-use", version));
    ASSERT_TRUE(r.ok()) << version << ": " << r.error().message;
    const json rec = live.server.records().back();
    EXPECT_EQ(rec["headers"]["anthropic-beta"], beta) << version;
    EXPECT_EQ(rec["body"]["tools"][0]["type"], tool) << version;
  }
}

TEST(AnthropicComputerUse, JoinsTheBetaFlagWithConfiguredOnesAndOmitsItWithoutTools) {
  LiveServer live;
  EndpointConfig e = keyed(live, "anthropic", "text=ok");
  e.headers["anthropic-beta"] = "token-efficient-tools-2025-02-19";
  auto p = make(e);
  ASSERT_TRUE(p->chat(request_for("claude-computer-use")).ok());
  EXPECT_EQ(live.server.records().back()["headers"]["anthropic-beta"],
            "token-efficient-tools-2025-02-19,computer-use-2025-11-24");
  auto plain = make(keyed(live, "anthropic", "text=ok"));
  ASSERT_TRUE(plain->chat(request_for("generic")).ok());
  EXPECT_FALSE(live.server.records().back()["headers"].contains("anthropic-beta"));
}

TEST(AnthropicComputerUse, TheTestServerRefusesWhatTheRealApisRefuse) {
  // The double must catch a client that forgets the beta flag or sends the tool to Chat Completions.
  LiveServer live;
  auto body = providers::AnthropicProvider(providers::ProviderSettings{}).body_for(request_for("claude-computer-use"));
  ASSERT_TRUE(body.ok());
  providers::HttpClient client;
  providers::HttpRequest req;
  req.method = "POST";
  req.url = live.server.base_url() + "/v1/messages";
  req.headers = {{"anthropic-version", "2023-06-01"}, {"Content-Type", "application/json"}};
  req.body = body->dump();
  req.timeouts = {2, 5, 10};
  auto out = client.send(req);
  ASSERT_TRUE(out.response.ok());
  EXPECT_EQ(out.response->status, 400);
  EXPECT_NE(out.response->body.find("computer-use-2025-11-24"), std::string::npos) << out.response->body;
  auto chat = make(keyed(live, "vllm", "text=ok"));
  auto refused = chat->chat(request_for("openai-computer-use"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("use /v1/responses"), std::string::npos) << refused.error().message;
}

TEST(OpenAiResponses, BodyPutsTextImageAndToolsWhereTheApiWantsThem) {
  providers::ProviderSettings s;
  s.name = s.preset = "openai-responses";
  s.model = "computer-use-preview";
  s.base_url = "http://127.0.0.1:1";
  providers::OpenAiResponsesProvider p(s);
  auto body = p.body_for(request_for("openai-computer-use", "preview"));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["input"][0]["role"], "user");
  EXPECT_EQ((*body)["input"][0]["content"][0]["type"], "input_image");
  EXPECT_EQ((*body)["input"][0]["content"][0]["image_url"].get<std::string>().rfind("data:image/png;base64,", 0), 0u);
  EXPECT_EQ((*body)["input"][0]["content"][1]["type"], "input_text");
  EXPECT_EQ((*body)["tools"][0]["type"], "computer_use_preview");
  EXPECT_EQ((*body)["truncation"], "auto");
  EXPECT_FALSE(body->contains("temperature"));  // reasoning models refuse sampling parameters
  EXPECT_EQ((*body)["store"], false);
  auto ga = p.body_for(request_for("openai-computer-use"));
  EXPECT_EQ((*ga)["tools"], json::array({{{"type", "computer"}}}));
  EXPECT_FALSE(ga->contains("truncation"));
  // System prompt -> instructions; JSON schema -> text.format; text before the image (ShowUI).
  auto holo = p.body_for(request_for("holo1.5"));
  EXPECT_EQ((*holo)["text"]["format"]["type"], "json_schema");
  EXPECT_TRUE((*holo).contains("temperature"));
  auto showui = p.body_for(request_for("showui"));
  EXPECT_EQ((*showui)["input"][0]["content"][0]["type"], "input_text");
  EXPECT_NE((*showui)["input"][0]["content"][0]["text"].get<std::string>().find("scaled from 0 to 1"), std::string::npos);
  EXPECT_EQ((*showui)["input"][0]["content"][1]["type"], "input_image");
  EXPECT_EQ((*showui)["input"][0]["content"][2]["text"], "the Save button");
  auto opencua = p.body_for(request_for("opencua"));
  EXPECT_NE((*opencua)["instructions"].get<std::string>().find("pyautogui"), std::string::npos);
}

TEST(OpenAiResponses, ComputerCallRoundTripsStreamedAndWhole) {
  // One data set row; the server answers with a computer_call item (GA: actions[], preview: action)
  // in the Responses framing, streamed in 7-byte pieces or whole; the adapter lands in the box.
  const Box target{600, 300, 680, 340};
  const std::string dataset = ::testing::TempDir() + "/humain_responses_row_" + std::to_string(getpid()) + ".json";
  std::ofstream(dataset) << json::array({{{"id", "r0"}, {"img_filename", "x.png"}, {"instruction", "the Save button"},
                                          {"bbox", {target.x1, target.y1, target.x2, target.y2}}, {"img_size", {1456, 819}}}})
                                .dump();
  for (const std::string version : {"ga", "preview"}) {
    for (const bool stream : {true, false}) {
      testserver::ServerOptions o;
      o.dataset = dataset;
      LiveServer live(o);
      EndpointConfig e = keyed(live, "openai-responses", "chunk=7");
      e.headers["X-Test-Family"] = version == "ga" ? "openai-computer-use" : "openai-computer-use-preview";
      auto p = make(e);
      auto r = p->chat(request_for("openai-computer-use", version, stream));
      ASSERT_TRUE(r.ok()) << version << ": " << r.error().message;
      ASSERT_EQ(r->tool_calls.size(), 1u) << version;
      EXPECT_EQ(r->tool_calls[0].name, "computer_call");
      EXPECT_EQ(r->tool_calls[0].arguments.contains("actions"), version == "ga");
      EXPECT_EQ(r->tool_calls[0].arguments.contains("action"), version == "preview");
      EXPECT_EQ(r->finish_reason, "completed");
      EXPECT_GT(r->timings.prompt_tokens, 0);
      auto g = (*make_adapter("openai-computer-use", version))->parse(*r, ImageSize{1456, 819}, ImageSize{1456, 819});
      ASSERT_TRUE(g.ok()) << g.error().message;
      EXPECT_TRUE(contains(target, g->point)) << version << " stream=" << stream;
      EXPECT_EQ(live.server.records().back()["path"], "/v1/responses");
      EXPECT_EQ(live.server.records().back()["headers"]["authorization"], "Bearer sk-test-secret-123");
    }
  }
}

TEST(OpenAiResponses, FailedResponseIsAServerError) {
  LiveServer live;
  auto p = make(keyed(live, "openai-responses", "midstream_error,text=some tokens first"));
  auto r = p->chat(request_for("generic"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kServer) << r.error().message;
  EXPECT_NE(r.error().message.find("openai-responses"), std::string::npos) << r.error().message;
}

TEST(TextBeforeTheImage, EveryWireKeepsShowUiOrder) {
  const ChatRequest req = request_for("showui");
  for (const std::string provider : {"vllm", "anthropic", "ollama"}) {
    LiveServer live;
    auto p = make(keyed(live, provider, "text=[0.5, 0.5]"));
    ASSERT_TRUE(p->chat(req).ok()) << provider;
    const json body = live.server.records().back()["body"];
    if (provider == "ollama") {
      // The record shortens long strings; read the body the provider built.
      auto built = providers::OllamaProvider(providers::ProviderSettings{}).body_for(req);
      ASSERT_TRUE(built.ok());
      const std::string text = (*built)["messages"][0]["content"];
      EXPECT_EQ(text.rfind("Based on the screenshot", 0), 0u) << text;
      EXPECT_EQ(text.substr(text.size() - 16), "\nthe Save button");
      EXPECT_EQ(body["messages"].size(), 1u);  // no system message
      continue;
    }
    const json content = body["messages"][0]["content"];
    EXPECT_EQ(content[0]["type"], "text") << provider;
    EXPECT_NE(content[0]["text"].get<std::string>().find("scaled from 0 to 1"), std::string::npos) << provider;
    EXPECT_EQ(content[1]["type"], provider == "anthropic" ? "image" : "image_url") << provider;
    EXPECT_EQ(content[2]["text"], "the Save button") << provider;
    EXPECT_FALSE(body.contains("system")) << provider;
  }
}

}  // namespace
}  // namespace humain
