// ScreenStore: screenshots uploaded once (POST /v1/screens) and named by their content hash, so
// later requests pass a screen_id instead of megabytes of base64. Bounded LRU, thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "humain/image.h"

namespace humain::server {

// 16 lower-case hex digits of Screenshot::hash.
std::string screen_id(std::uint64_t hash);

class ScreenStore {
 public:
  explicit ScreenStore(std::size_t capacity) : capacity_(capacity) {}

  // Keeps `screen` (evicting the least recently used beyond capacity); returns its id.
  std::string put(std::shared_ptr<const Screenshot> screen);

  // The screen with this id, refreshed as most recently used; null when unknown or evicted.
  std::shared_ptr<const Screenshot> get(const std::string& id);

  std::size_t size() const;
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Screenshot>>;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // front = most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace humain::server
