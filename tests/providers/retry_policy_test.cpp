// Which statuses are retried, how long to wait, and base_url normalisation.
#include <gtest/gtest.h>

#include "providers/endpoint_url.h"
#include "providers/retry_policy.h"

namespace humain::providers {
namespace {

TEST(RetryPolicy, RetryableStatuses) {
  for (int s : {408, 409, 429, 500, 502, 503, 504, 529}) EXPECT_TRUE(is_retryable_status(s)) << s;
  for (int s : {200, 400, 401, 403, 404, 413, 422, 501}) EXPECT_FALSE(is_retryable_status(s)) << s;
}

TEST(RetryPolicy, RetryAfterMsWinsOverRetryAfter) {
  EXPECT_DOUBLE_EQ(*server_retry_after_ms({{"retry-after-ms", "250"}, {"retry-after", "3"}}), 250);
  EXPECT_DOUBLE_EQ(*server_retry_after_ms({{"retry-after", "3"}}), 3000);
  EXPECT_DOUBLE_EQ(*server_retry_after_ms({{"retry-after", "0.5"}}), 500);
  EXPECT_FALSE(server_retry_after_ms({{"retry-after", "soon"}}).has_value());
  EXPECT_FALSE(server_retry_after_ms({{"retry-after", "-1"}}).has_value());
  EXPECT_FALSE(server_retry_after_ms({}).has_value());
}

TEST(RetryPolicy, RetryAfterHttpDate) {
  auto now = parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT");
  ASSERT_TRUE(now.has_value());
  EXPECT_DOUBLE_EQ(*server_retry_after_ms({{"retry-after", "Wed, 21 Oct 2015 07:28:05 GMT"}}, *now), 5000);
  EXPECT_DOUBLE_EQ(*server_retry_after_ms({{"retry-after", "Wed, 21 Oct 2015 07:27:00 GMT"}}, *now), 0);  // past
  EXPECT_FALSE(parse_http_date("21 Oct 2015").has_value());
}

TEST(RetryPolicy, BackoffDoublesWithJitterAndCap) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 200; ++i) {
    const double b0 = backoff_ms(0, rng), b2 = backoff_ms(2, rng), b9 = backoff_ms(9, rng);
    EXPECT_GE(b0, 375);
    EXPECT_LE(b0, 625);
    EXPECT_GE(b2, 1500);
    EXPECT_LE(b2, 2500);
    EXPECT_LE(b9, 8000);
  }
}

TEST(EndpointUrl, TrailingV1AndSlashesAreStripped) {
  EXPECT_EQ(*normalize_base_url("http://localhost:11434"), "http://localhost:11434");
  EXPECT_EQ(*normalize_base_url("http://localhost:8000/v1"), "http://localhost:8000");
  EXPECT_EQ(*normalize_base_url("http://localhost:8000/v1/"), "http://localhost:8000");
  EXPECT_EQ(*normalize_base_url("http://localhost:8000/"), "http://localhost:8000");
  EXPECT_EQ(*normalize_base_url("https://openrouter.ai/api/v1"), "https://openrouter.ai/api");
  EXPECT_FALSE(normalize_base_url("localhost:8000").ok());
  EXPECT_FALSE(normalize_base_url("ftp://x").ok());
  EXPECT_FALSE(normalize_base_url("http://").ok());
  EXPECT_FALSE(normalize_base_url("http://h/v1?key=1").ok());
}

TEST(EndpointUrl, RedactionDropsCredentialsAndQuery) {
  EXPECT_EQ(redact_url("https://user:secret@host:1/x?key=abc"), "https://host:1/x");
  EXPECT_EQ(redact_url("http://host/a"), "http://host/a");
}

}  // namespace
}  // namespace humain::providers
