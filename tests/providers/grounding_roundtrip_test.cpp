// The whole path through the test server: adapter prompt + resized image -> provider -> server
// finds the data set row by instruction and answers in the family's format -> adapter parse ->
// a pixel inside the ground-truth box. A coordinate bug anywhere shows up as a miss.
#if __has_include("humain/adapter.h")  // the adapters module may land after this test
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <tuple>

#include <opencv2/core.hpp>

#include "humain/adapter.h"
#include "humain/geometry.h"
#include "humain/image_encoding.h"
#include "provider_test_util.h"
#include "core/mat_encoding.h"

namespace humain {
namespace {

using testing_support::endpoint;
using testing_support::LiveServer;
using testing_support::make;

struct Screen {
  int width, height;
  Box target;
  std::string instruction;
};

const Screen kScreens[] = {
    {1920, 1080, {1500, 40, 1580, 72}, "open the settings menu"},
    {1280, 800, {20, 700, 140, 740}, "click the Save button in the footer"},
};

std::string write_dataset() {
  nlohmann::json rows = nlohmann::json::array();
  int id = 0;
  for (const auto& s : kScreens) {
    rows.push_back({{"id", "row" + std::to_string(id++)}, {"img_filename", "x.png"}, {"instruction", s.instruction},
                    {"bbox", {s.target.x1, s.target.y1, s.target.x2, s.target.y2}}, {"img_size", {s.width, s.height}}});
  }
  // One file per process: CTest runs these tests as parallel processes, and a shared path let one
  // process read another's half-written file (a flaky failure under ctest -j2).
  const std::string path = ::testing::TempDir() + "/humain_providers_dataset_" + std::to_string(getpid()) + ".json";
  std::ofstream(path) << rows.dump();
  return path;
}

// Encoding is the adapters' business and benchmarked there; encode each size once for all tests.
std::shared_ptr<const EncodedImage> blank_screen(ImageSize original, ImageSize sent) {
  static std::map<std::tuple<int, int, int, int>, std::shared_ptr<const EncodedImage>> cache;
  auto& slot = cache[{original.width, original.height, sent.width, sent.height}];
  if (!slot) {
    cv::Mat pixels(original.height, original.width, CV_8UC3, cv::Scalar(240, 240, 240));
    auto img = encode_image(pixels, sent.width, sent.height);
    EXPECT_TRUE(img.ok()) << img.error().message;
    if (img.ok()) slot = std::make_shared<const EncodedImage>(*img);
  }
  return slot;
}

class ProviderByFamily : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(ProviderByFamily, GroundTruthRoundTripsToTheRightPixel) {
  const auto [provider, family] = GetParam();
  testserver::ServerOptions o;
  o.dataset = write_dataset();
  LiveServer live(o);
  setenv("HUMAIN_TEST_KEY", "k", 1);
  EndpointConfig e = endpoint(live, provider);
  e.api_key_env = "HUMAIN_TEST_KEY";
  e.headers["X-Test-Family"] = family;
  auto p = make(e);
  ASSERT_TRUE(p);
  auto adapter = make_adapter(family);
  ASSERT_TRUE(adapter.ok()) << adapter.error().message;
  for (const auto& s : kScreens) {
    const ImageSize original{s.width, s.height};
    auto sent = (*adapter)->image_size(original);
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    auto img = blank_screen(original, *sent);
    ASSERT_TRUE(img);
    PromptSpec spec = (*adapter)->prompt(s.instruction, *sent);
    ChatRequest req;
    apply_prompt(spec, req);
    req.images = {img};
    auto r = p->chat(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto g = (*adapter)->parse(*r, original, *sent);
    ASSERT_TRUE(g.ok()) << family << " via " << provider << ": " << g.error().message << " / answer: " << r->text;
    EXPECT_TRUE(contains(s.target, g->point)) << family << " via " << provider << " on " << s.width << "x" << s.height
                                              << ": (" << g->point.x << "," << g->point.y << ") answer: " << r->text;
    EXPECT_EQ(live.server.records().back()["matched_id"].is_string(), true);
  }
}

// Every family but OpenAI's computer use, whose tool exists only in the Responses API.
std::vector<std::string> chat_families() {
  std::vector<std::string> out;
  for (const auto& f : adapter_families()) {
    if (f.rfind("openai-computer-use", 0) != 0) out.push_back(f);
  }
  return out;
}
const std::vector<std::string> kChatFamilies = chat_families();

std::string case_name(const ::testing::TestParamInfo<std::tuple<std::string, std::string>>& info) {
  std::string n = std::get<0>(info.param) + "_" + std::get<1>(info.param);
  for (char& c : n) {
    if (c == '-' || c == '.') c = '_';
  }
  return n;
}

// Every family through each wire format; the other presets share the OpenAI decoder, so a few suffice.
INSTANTIATE_TEST_SUITE_P(WireFormats, ProviderByFamily,
                         ::testing::Combine(::testing::Values("ollama", "vllm", "anthropic"), ::testing::ValuesIn(kChatFamilies)),
                         case_name);
// OpenAI's Responses API (issue 15): its computer-use tool, GA and preview, and text-answer families.
INSTANTIATE_TEST_SUITE_P(Responses, ProviderByFamily,
                         ::testing::Combine(::testing::Values("openai-responses"),
                                            ::testing::Values("openai-computer-use", "openai-computer-use-preview",
                                                              "qwen2.5-vl", "showui", "holo1.5", "generic")),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Presets, ProviderByFamily,
                         ::testing::Combine(::testing::Values("llama-server", "openrouter", "sglang"),
                                            ::testing::Values("qwen2.5-vl", "ui-tars-1.5", "claude-computer-use")),
                         case_name);

}  // namespace
}  // namespace humain
#endif
