// Output parsers: each family's answer -> pixels, and the streaming wire parsers (SSE, NDJSON)
// on a realistic 64-token answer. Run: build/bench/humain_microbench --benchmark_filter='Parse|Sse|Ndjson'
#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "humain/adapter.h"
#include "providers/ndjson_parser.h"
#include "providers/sse_parser.h"

namespace {

const char* const kFamilies[] = {"qwen2-vl", "qwen2.5-vl", "qwen3-vl", "ui-tars", "ui-tars-1.5", "showui", "seeclick",
                                 "os-atlas", "uground", "gta1", "gemini", "claude-computer-use", "generic"};

// Parses the answer the family's own renderer gives for a box on a 1920x1080 screen.
void BM_ParseFamilyAnswer(benchmark::State& state) {
  const std::string family = kFamilies[state.range(0)];
  auto adapter = humain::make_adapter(family);
  if (!adapter.ok()) {
    state.SkipWithError(adapter.error().message.c_str());
    return;
  }
  const humain::ImageSize original{1920, 1080};
  const humain::ImageSize sent = (*adapter)->image_size(original).value();
  const humain::ChatResponse answer = (*adapter)->render(humain::Box{800, 500, 960, 540}, original, sent);
  for (auto _ : state) {
    auto g = (*adapter)->parse(answer, original, sent);
    if (!g.ok()) {
      state.SkipWithError(g.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(g->point);
  }
  state.SetLabel(family);
}
BENCHMARK(BM_ParseFamilyAnswer)->DenseRange(0, sizeof(kFamilies) / sizeof(kFamilies[0]) - 1);

// Unparseable prose: the failure path must be as cheap as the success path.
void BM_ParseUnparseable(benchmark::State& state) {
  auto adapter = humain::make_adapter("qwen2.5-vl");
  humain::ChatResponse answer;
  answer.text = std::string(400, 'x') + " I cannot find that element on the screen.";
  for (auto _ : state) benchmark::DoNotOptimize((*adapter)->parse(answer, {1920, 1080}, {1932, 1092}).ok());
}
BENCHMARK(BM_ParseUnparseable);

std::string sse_stream(int tokens) {
  std::string s;
  for (int i = 0; i < tokens; ++i) {
    nlohmann::json chunk = {{"id", "c1"}, {"object", "chat.completion.chunk"},
                            {"choices", {{{"index", 0}, {"delta", {{"content", "tok" + std::to_string(i)}}}}}}};
    s += "data: " + chunk.dump() + "\n\n";
  }
  return s + "data: [DONE]\n\n";
}

void BM_SseParse64Tokens(benchmark::State& state) {
  const std::string stream = sse_stream(64);
  for (auto _ : state) {
    std::size_t events = 0;
    humain::providers::SseParser parser([&](const humain::providers::SseEvent& e) {
      events += e.data.size();
      return humain::ok_status();
    });
    // Network-sized pieces, so lines straddle feed() calls as they do on a socket.
    for (std::size_t off = 0; off < stream.size(); off += 1400) benchmark::DoNotOptimize(parser.feed(std::string_view(stream).substr(off, 1400)).ok());
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<long>(stream.size()));
}
BENCHMARK(BM_SseParse64Tokens);

void BM_NdjsonParse64Tokens(benchmark::State& state) {
  std::string stream;
  for (int i = 0; i < 64; ++i) {
    stream += nlohmann::json{{"model", "qwen2.5vl:7b"}, {"message", {{"role", "assistant"}, {"content", "tok" + std::to_string(i)}}},
                             {"done", false}}.dump() + "\n";
  }
  for (auto _ : state) {
    humain::providers::NdjsonParser parser("bench", [](const nlohmann::json& v, std::size_t) {
      benchmark::DoNotOptimize(v.size());
      return humain::ok_status();
    });
    for (std::size_t off = 0; off < stream.size(); off += 1400) benchmark::DoNotOptimize(parser.feed(std::string_view(stream).substr(off, 1400)).ok());
    benchmark::DoNotOptimize(parser.finish().ok());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<long>(stream.size()));
}
BENCHMARK(BM_NdjsonParse64Tokens);

}  // namespace
