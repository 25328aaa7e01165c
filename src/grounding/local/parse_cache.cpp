#include "grounding/local/parse_cache.h"

namespace humain::local {

std::shared_ptr<const ScreenParse> ParseCache::get(std::uint64_t hash) {
  std::lock_guard lock(mu_);
  auto it = index_.find(hash);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void ParseCache::put(std::uint64_t hash, std::shared_ptr<const ScreenParse> parse) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mu_);
  if (auto it = index_.find(hash); it != index_.end()) {
    it->second->second = std::move(parse);
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.emplace_front(hash, std::move(parse));
  index_[hash] = order_.begin();
  while (order_.size() > capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
}

void ParseCache::clear() {
  std::lock_guard lock(mu_);
  order_.clear();
  index_.clear();
}

std::size_t ParseCache::size() const {
  std::lock_guard lock(mu_);
  return order_.size();
}

}  // namespace humain::local
