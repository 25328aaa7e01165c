#include "routing/chat_answer_cache.h"

#include <functional>

namespace humain::routing {
namespace {

// Length-prefixed, so no separator can be forged by a prompt.
void add(std::string& key, const std::string& part) {
  key += std::to_string(part.size());
  key += ':';
  key += part;
}

}  // namespace

bool chat_is_cacheable(const ChatRequest& chat) {
  return chat.tools.is_null() && (chat.temperature <= 0.0 || chat.seed.has_value());
}

std::string chat_cache_key(const std::string& partition, const ChatRequest& chat,
                           const std::vector<const Screenshot*>& images, const RouteDecision& d,
                           const std::string& operation) {
  std::string key;
  add(key, partition);
  add(key, operation);
  add(key, sensitivity_name(d.sensitivity));
  std::string plan;
  for (Tier t : d.plan) plan += std::string(tier_name(t)) + ",";
  add(key, plan);
  add(key, chat.system);
  add(key, chat.pre_image_text);
  add(key, chat.prompt);
  for (const auto* s : images) add(key, std::to_string(s->hash));
  // Pre-encoded images: by content (a 64-bit hash of the base64 text and its length).
  for (const auto& img : chat.images) add(key, std::to_string(std::hash<std::string>{}(img->base64)) + "/" + std::to_string(img->base64.size()));
  add(key, std::to_string(chat.max_tokens));
  add(key, std::to_string(chat.temperature));
  add(key, chat.seed ? std::to_string(*chat.seed) : "-");
  add(key, chat.context_tokens ? std::to_string(*chat.context_tokens) : "-");
  add(key, chat.json_schema ? chat.json_schema->dump() : "-");
  return key;
}

std::optional<ChatAnswerCache::Answer> ChatAnswerCache::lookup(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++stats_.misses;
    return std::nullopt;
  }
  if (Clock::now() - it->second->stored > std::chrono::duration<double>(options_.ttl_s)) {
    lru_.erase(it->second);
    index_.erase(it);
    ++stats_.expirations;
    ++stats_.misses;
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  ++stats_.hits;
  return it->second->answer;
}

void ChatAnswerCache::insert(const std::string& key, Answer answer) {
  if (options_.max_size <= 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(Entry{key, std::move(answer), Clock::now()});
  index_[key] = lru_.begin();
  ++stats_.inserts;
  while (lru_.size() > static_cast<std::size_t>(options_.max_size)) {
    index_.erase(lru_.back().key);
    lru_.pop_back();
    ++stats_.evictions;
  }
}

CacheStats ChatAnswerCache::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  CacheStats s = stats_;
  s.size = lru_.size();
  return s;
}

}  // namespace humain::routing
