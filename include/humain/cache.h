// PredictionCache: repeated work is not paid for twice. LRU with a size bound and a TTL, safe to
// share between threads, keyed by (provider, model, adapter, prompt, image hash).
//
//   auto cache = humain::make_prediction_cache(config.cache);
//   auto key   = humain::make_cache_key(screen, "ollama", "qwen2.5vl:7b", "qwen2.5-vl", prompt, cache->aggressive());
//   if (auto hit = cache->lookup(key)) return *hit;
//   ... cache->insert(key, prediction);   // only answers with a point are kept
//
// `aggressive` adds a near match: a screen of the same size whose coarse luminance grid differs
// only in a few small cells (a clock, a blinking caret) that do not touch the cached answer's box
// still hits; a changed dialog (many cells) or a change on the answer itself misses.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "humain/config.h"
#include "humain/grounder.h"
#include "humain/image.h"
#include "humain/prediction.h"

namespace humain {

// A coarse picture of a screen for near matching: mean gray level of each cell of a fixed grid.
struct ScreenSignature {
  static constexpr int kCols = 64;
  static constexpr int kRows = 36;
  int width = 0, height = 0;        // pixels of the screenshot it came from
  std::vector<std::uint8_t> cells;  // kCols * kRows, row-major
};

// Builds the signature of a screenshot (about 1 ms for 1920x1080).
ScreenSignature screen_signature(const Screenshot& screen);

// Cells whose mean gray level differs by more than `tolerance` levels, as pixel boxes of the screen.
// Screens of different sizes are reported as one box covering all of `b`.
std::vector<Box> changed_regions(const ScreenSignature& a, const ScreenSignature& b, int tolerance = 12);

struct CacheKey {
  std::string provider, model, adapter, prompt;
  std::uint64_t image_hash = 0;
  std::shared_ptr<const ScreenSignature> signature;  // set only for aggressive caches
};

CacheKey make_cache_key(const Screenshot& screen, std::string provider, std::string model, std::string adapter,
                        std::string prompt, bool with_signature);

struct CacheStats {
  std::uint64_t hits = 0;        // exact + near
  std::uint64_t near_hits = 0;   // aggressive matches among the hits
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;   // dropped to respect max_size
  std::uint64_t expirations = 0; // dropped because older than ttl
  std::uint64_t inserts = 0;
  std::size_t size = 0;
  double hit_rate() const { return hits + misses ? double(hits) / double(hits + misses) : 0.0; }
};

class PredictionCache {
 public:
  virtual ~PredictionCache() = default;
  PredictionCache() = default;
  PredictionCache(const PredictionCache&) = delete;
  PredictionCache& operator=(const PredictionCache&) = delete;

  // The cached answer for `key`, refreshed as most recently used; nullopt on a miss or expiry.
  // A returned Prediction has timings.cache_hit set.
  virtual std::optional<Prediction> lookup(const CacheKey& key) = 0;

  // Stores an answer; predictions without a point are ignored (only successful answers are kept).
  virtual void insert(const CacheKey& key, const Prediction& prediction) = 0;

  virtual CacheStats stats() const = 0;
  virtual void clear() = 0;
  virtual bool aggressive() const = 0;
};

using CacheClock = std::function<std::chrono::steady_clock::time_point()>;

// Creates a cache with `options` (enabled is not checked here: callers skip the cache when off).
// `clock` is for tests; null = steady_clock::now.
std::shared_ptr<PredictionCache> make_prediction_cache(const CacheConfig& options, CacheClock clock = nullptr);

// Wraps a grounder so answers come from `cache` when possible. The key uses the inner grounder's
// name as provider/model and `adapter` as given; errors are never cached.
std::unique_ptr<Grounder> make_caching_grounder(std::unique_ptr<Grounder> inner, std::shared_ptr<PredictionCache> cache,
                                                std::string adapter = "");

}  // namespace humain
