// Chat answers kept so a repeated request (same caller, policy decision, text, images and
// sampling settings) is not sent to a model again. LRU with the `caching:` size bound and TTL,
// one mutex (a lookup is microseconds next to a model call). Memory only, never written out.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "humain/cache.h"
#include "humain/chat.h"
#include "humain/config.h"
#include "humain/image.h"
#include "humain/router.h"

namespace humain::routing {

// Sampled answers (temperature > 0 without a seed) are meant to differ between calls: not cached.
bool chat_is_cacheable(const ChatRequest& chat);

// The cache key: everything that decides the answer. `partition` keeps callers apart (serve: one
// per API key), the decision's sensitivity and plan keep a policy's answers to that policy.
std::string chat_cache_key(const std::string& partition, const ChatRequest& chat,
                           const std::vector<const Screenshot*>& images, const RouteDecision& d,
                           const std::string& operation);

class ChatAnswerCache {
 public:
  struct Answer {
    ChatResponse response;
    Tier answered_by = Tier::kLocalVlm;
  };

  explicit ChatAnswerCache(const CacheConfig& options) : options_(options) {}

  std::optional<Answer> lookup(const std::string& key);
  void insert(const std::string& key, Answer answer);
  CacheStats stats() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::string key;
    Answer answer;
    Clock::time_point stored;
  };
  CacheConfig options_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  CacheStats stats_;
};

}  // namespace humain::routing
