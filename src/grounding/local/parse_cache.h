// A bounded, thread-safe LRU of screen parses keyed by Screenshot::hash: a second instruction on
// the same pixels reuses the parse instead of running OCR again.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "humain/local_engine.h"

namespace humain::local {

class ParseCache {
 public:
  explicit ParseCache(std::size_t capacity) : capacity_(capacity) {}

  // The cached parse for `hash` (and marks it most recently used), or nullptr.
  std::shared_ptr<const ScreenParse> get(std::uint64_t hash);

  // Stores `parse`, evicting the least recently used entry when full. No-op at capacity 0.
  void put(std::uint64_t hash, std::shared_ptr<const ScreenParse> parse);

  void clear();
  std::size_t size() const;

 private:
  using Entry = std::pair<std::uint64_t, std::shared_ptr<const ScreenParse>>;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> order_;  // most recent first
  std::unordered_map<std::uint64_t, std::list<Entry>::iterator> index_;
};

}  // namespace humain::local
