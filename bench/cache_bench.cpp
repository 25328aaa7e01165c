// The prediction cache under contention: lookups and inserts from 1..4 threads sharing one cache,
// the way concurrent eval workers or server requests use it.
// Run: build/bench/humain_microbench --benchmark_filter=Cache
#include <benchmark/benchmark.h>

#include <memory>

#include "humain/cache.h"

namespace {

std::shared_ptr<humain::PredictionCache> shared_cache() {
  static std::shared_ptr<humain::PredictionCache> cache = [] {
    humain::CacheConfig c;
    c.enabled = true;
    c.max_size = 1000;
    c.ttl_s = 3600;
    return humain::make_prediction_cache(c);
  }();
  return cache;
}

humain::CacheKey key(std::uint64_t i) {
  humain::CacheKey k;
  k.provider = "ollama";
  k.model = "qwen2.5vl:7b";
  k.adapter = "qwen2.5-vl";
  k.prompt = "Click the Sign in button";
  k.image_hash = 0x9e3779b97f4a7c15ull * (i + 1);
  return k;
}

humain::Prediction prediction(double x) {
  humain::Prediction p;
  p.point = humain::Point{x, 100};
  p.box = humain::Box{x - 10, 90, x + 10, 110};
  p.confidence = 0.9;
  p.source = "bench";
  return p;
}

// 90% lookups of 512 hot keys, 10% inserts: a working set that fits, so most lookups hit.
void BM_CacheMixed(benchmark::State& state) {
  auto cache = shared_cache();
  if (state.thread_index() == 0) {
    cache->clear();
    for (std::uint64_t i = 0; i < 512; ++i) cache->insert(key(i), prediction(double(i)));
  }
  std::uint64_t i = static_cast<std::uint64_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    ++i;
    if (i % 10 == 0) {
      cache->insert(key(i % 512), prediction(double(i % 512)));
    } else {
      benchmark::DoNotOptimize(cache->lookup(key(i % 512)));
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CacheMixed)->ThreadRange(1, 4)->UseRealTime();

// Inserts of ever-new keys: every insert evicts the least recently used entry.
void BM_CacheInsertEvict(benchmark::State& state) {
  auto cache = shared_cache();
  std::uint64_t i = 1'000'000ull * (static_cast<std::uint64_t>(state.thread_index()) + 1);
  for (auto _ : state) {
    cache->insert(key(i), prediction(double(i % 1000)));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CacheInsertEvict)->ThreadRange(1, 4)->UseRealTime();

// Misses: the common case of a ReAct loop whose screen changed.
void BM_CacheMiss(benchmark::State& state) {
  auto cache = shared_cache();
  std::uint64_t i = 5'000'000'000ull;
  for (auto _ : state) benchmark::DoNotOptimize(cache->lookup(key(i++)));
}
BENCHMARK(BM_CacheMiss);

}  // namespace
