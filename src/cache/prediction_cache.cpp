// LRU + TTL prediction cache behind one mutex: lookups are microseconds next to a model call, so a
// single lock is simpler than sharding and never the bottleneck.
#include <algorithm>
#include <list>
#include <mutex>
#include <unordered_map>

#include "humain/cache.h"

namespace humain {
namespace {

// Near matches allow at most this many changed grid cells (~0.5% of the screen: a clock, a caret,
// a spinner) and none of them may touch the cached answer.
constexpr size_t kMaxChangedCells = 12;

std::string text_key(const CacheKey& k) {
  std::string s;
  for (const auto* part : {&k.provider, &k.model, &k.adapter, &k.prompt}) {
    s += std::to_string(part->size());  // length-prefixed: no separator can be forged by a prompt
    s += ':';
    s += *part;
  }
  return s;
}

std::string exact_key(const std::string& text, std::uint64_t image_hash) {
  return text + "#" + std::to_string(image_hash);
}

bool touches(const Box& cell, const Prediction& p) {
  if (p.box && cell.x1 < p.box->x2 && p.box->x1 < cell.x2 && cell.y1 < p.box->y2 && p.box->y1 < cell.y2) return true;
  return p.point && contains(cell, *p.point);
}

class LruPredictionCache final : public PredictionCache {
 public:
  LruPredictionCache(const CacheConfig& options, CacheClock clock)
      : options_(options), clock_(clock ? std::move(clock) : [] { return std::chrono::steady_clock::now(); }) {}

  std::optional<Prediction> lookup(const CacheKey& key) override {
    const auto text = text_key(key);
    const auto now = clock_();
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_key_.find(exact_key(text, key.image_hash));
    bool near = false;
    if (it == by_key_.end() && options_.aggressive && key.signature) {
      near = true;
      it = find_near(text, *key.signature, now);
    }
    if (it == by_key_.end()) {
      ++stats_.misses;
      return std::nullopt;
    }
    auto entry = it->second;
    if (expired(*entry, now)) {
      erase(it);
      ++stats_.expirations;
      ++stats_.misses;
      return std::nullopt;
    }
    lru_.splice(lru_.begin(), lru_, entry);
    ++stats_.hits;
    if (near) ++stats_.near_hits;
    Prediction p = entry->prediction;
    p.timings = Timings{};
    p.timings.cache_hit = true;
    return p;
  }

  void insert(const CacheKey& key, const Prediction& prediction) override {
    if (!prediction.point) return;
    const auto text = text_key(key);
    const auto exact = exact_key(text, key.image_hash);
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = by_key_.find(exact); it != by_key_.end()) erase(it);
    lru_.push_front(Entry{exact, text, key.signature, prediction, clock_()});
    by_key_[exact] = lru_.begin();
    ++stats_.inserts;
    while (lru_.size() > size_t(std::max(1, options_.max_size))) {
      by_key_.erase(lru_.back().exact);
      lru_.pop_back();
      ++stats_.evictions;
    }
  }

  CacheStats stats() const override {
    std::lock_guard<std::mutex> lock(mu_);
    CacheStats s = stats_;
    s.size = lru_.size();
    return s;
  }

  void clear() override {
    std::lock_guard<std::mutex> lock(mu_);
    lru_.clear();
    by_key_.clear();
  }

  bool aggressive() const override { return options_.aggressive; }

 private:
  struct Entry {
    std::string exact, text;
    std::shared_ptr<const ScreenSignature> signature;
    Prediction prediction;
    std::chrono::steady_clock::time_point stored;
  };
  using Map = std::unordered_map<std::string, std::list<Entry>::iterator>;

  bool expired(const Entry& e, std::chrono::steady_clock::time_point now) const {
    return std::chrono::duration<double>(now - e.stored).count() > options_.ttl_s;
  }

  void erase(Map::iterator it) {
    lru_.erase(it->second);
    by_key_.erase(it);
  }

  // Most recent live entry with the same request text whose screen differs only in small cells
  // away from the answer. Linear in the entries: max_size is small (hundreds).
  Map::iterator find_near(const std::string& text, const ScreenSignature& sig, std::chrono::steady_clock::time_point now) {
    for (auto& e : lru_) {
      if (e.text != text || !e.signature || expired(e, now)) continue;
      const auto changed = changed_regions(*e.signature, sig);
      if (changed.size() > kMaxChangedCells) continue;
      bool on_answer = false;
      for (const auto& cell : changed) on_answer = on_answer || touches(cell, e.prediction);
      if (!on_answer) return by_key_.find(e.exact);
    }
    return by_key_.end();
  }

  const CacheConfig options_;
  const CacheClock clock_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // front = most recently used
  Map by_key_;
  CacheStats stats_;
};

}  // namespace

CacheKey make_cache_key(const Screenshot& screen, std::string provider, std::string model, std::string adapter,
                        std::string prompt, bool with_signature) {
  CacheKey k{std::move(provider), std::move(model), std::move(adapter), std::move(prompt), screen.hash, nullptr};
  if (with_signature) k.signature = std::make_shared<const ScreenSignature>(screen_signature(screen));
  return k;
}

std::shared_ptr<PredictionCache> make_prediction_cache(const CacheConfig& options, CacheClock clock) {
  return std::make_shared<LruPredictionCache>(options, std::move(clock));
}

}  // namespace humain
