// The chat answer cache: what makes two requests the same, LRU size bound, TTL, and which
// requests are never cached (sampled ones).
#include <gtest/gtest.h>

#include <thread>

#include "routing/chat_answer_cache.h"

namespace humain::routing {
namespace {

ChatRequest ask(const std::string& prompt) {
  ChatRequest c;
  c.prompt = prompt;
  return c;
}

RouteDecision decided(Sensitivity s) {
  RouteDecision d;
  d.sensitivity = s;
  d.plan = {Tier::kLocalVlm};
  return d;
}

ChatAnswerCache::Answer answer(const std::string& text) { return {ChatResponse{text, {}, "stop", "m", {}}, Tier::kLocalVlm}; }

TEST(ChatAnswerCache, KeySeparatesCallersPoliciesAndSettings) {
  const auto base = chat_cache_key("key1", ask("plan it"), {}, decided(Sensitivity::kInternal), "reasoning");
  EXPECT_EQ(base, chat_cache_key("key1", ask("plan it"), {}, decided(Sensitivity::kInternal), "reasoning"));
  EXPECT_NE(base, chat_cache_key("key2", ask("plan it"), {}, decided(Sensitivity::kInternal), "reasoning"));
  EXPECT_NE(base, chat_cache_key("key1", ask("plan it"), {}, decided(Sensitivity::kConfidential), "reasoning"));
  EXPECT_NE(base, chat_cache_key("key1", ask("plan it"), {}, decided(Sensitivity::kInternal), "planning"));
  ChatRequest longer = ask("plan it");
  longer.max_tokens = 7;
  EXPECT_NE(base, chat_cache_key("key1", longer, {}, decided(Sensitivity::kInternal), "reasoning"));
  // Length-prefixed parts: moving text between system and prompt is another request.
  ChatRequest a = ask("b c"), b = ask("c");
  a.system = "a";
  b.system = "a b";
  EXPECT_NE(chat_cache_key("", a, {}, decided(Sensitivity::kPublic), "reasoning"),
            chat_cache_key("", b, {}, decided(Sensitivity::kPublic), "reasoning"));
}

TEST(ChatAnswerCache, SampledRequestsAreNotCached) {
  ChatRequest c = ask("x");
  EXPECT_TRUE(chat_is_cacheable(c));
  c.temperature = 0.7;
  EXPECT_FALSE(chat_is_cacheable(c));
  c.seed = 1;
  EXPECT_TRUE(chat_is_cacheable(c));
}

TEST(ChatAnswerCache, LruBoundAndTtl) {
  ChatAnswerCache cache(CacheConfig{true, 2, 0.2, false});
  cache.insert("a", answer("A"));
  cache.insert("b", answer("B"));
  ASSERT_TRUE(cache.lookup("a"));  // a is now the most recently used
  cache.insert("c", answer("C"));  // evicts b
  EXPECT_FALSE(cache.lookup("b"));
  ASSERT_TRUE(cache.lookup("a"));
  EXPECT_EQ(cache.lookup("c")->response.text, "C");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(cache.lookup("a"));
  const CacheStats s = cache.stats();
  EXPECT_EQ(s.hits, 3u);
  EXPECT_EQ(s.misses, 2u);
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_EQ(s.expirations, 1u);
}

}  // namespace
}  // namespace humain::routing
