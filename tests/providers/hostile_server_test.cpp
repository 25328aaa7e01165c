// Issue 11: servers that misbehave on purpose. An endless line or body must end in an error naming
// the cap (it used to grow memory ~200 MB/s until the total timeout); a key the server echoes
// back must not reach our messages or logs; CR/LF in a header value must not inject headers.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "hostile_server.h"
#include "humain/config.h"
#include "humain/provider.h"
#include "humain/secrets.h"

namespace humain {
namespace {

using testing_support::HostileServer;

EndpointConfig endpoint_at(const HostileServer& s, const std::string& provider) {
  EndpointConfig e;
  e.provider = provider;
  e.model = "m";
  e.base_url = s.base_url();
  e.connect_timeout_s = 2;
  e.stall_timeout_s = 5;
  e.total_timeout_s = 30;
  e.max_retries = 0;
  return e;
}

ChatRequest request(bool stream) {
  ChatRequest r;
  r.prompt = "hello";
  r.stream = stream;
  return r;
}

// Headers for a 200 stream, then `first`, then `filler` forever (until the client hangs up).
HostileServer::Respond endless(const std::string& content_type, const std::string& first, const std::string& filler) {
  return [=](const std::string&, int fd, const std::atomic<bool>& stop) {
    if (!HostileServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\nConnection: close\r\n\r\n" + first)) return;
    std::string block;
    while (block.size() < 64 * 1024) block += filler;
    while (!stop && HostileServer::send_all(fd, block)) {
    }
  };
}

TEST(HostileServer, EndlessSseLineHitsTheLineCap) {
  HostileServer s(endless("text/event-stream", "data: ", "A"));
  const auto t0 = std::chrono::steady_clock::now();
  auto r = make_provider(endpoint_at(s, "vllm")).value()->chat(request(true));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("1 MiB line cap"), std::string::npos) << r.error().message;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 20.0);
}

TEST(HostileServer, EndlessNdjsonLineHitsTheLineCap) {
  HostileServer s(endless("application/x-ndjson", "{\"message\": \"", "A"));
  auto r = make_provider(endpoint_at(s, "ollama")).value()->chat(request(true));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("1 MiB line cap"), std::string::npos) << r.error().message;
}

TEST(HostileServer, EndlessBodyHitsTheBodyCap) {
  // Short lines, so only the body cap can stop it; and a non-streamed request (buffered body).
  HostileServer s(endless("application/json", "", "\n"));
  auto r = make_provider(endpoint_at(s, "vllm")).value()->chat(request(false));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("32 MiB body cap"), std::string::npos) << r.error().message;
  // SSE comment lines of 64 bytes: short, but not 32 million one-byte events (a Debug ASan build
  // parses those slower than the total timeout).
  HostileServer lines(endless("text/event-stream", "", ": " + std::string(61, '.') + "\n"));
  r = make_provider(endpoint_at(lines, "vllm")).value()->chat(request(true));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("32 MiB body cap"), std::string::npos) << r.error().message;
}

// The server answers 401 with the Authorization header it received, and an ESC sequence.
TEST(HostileServer, EchoedKeyAndTerminalEscapesNeverReachTheMessage) {
  HostileServer s([](const std::string& head, int fd, const std::atomic<bool>&) {
    std::string auth;
    if (const auto at = head.find("Authorization: "); at != std::string::npos) auth = head.substr(at, head.find("\r\n", at) - at);
    const std::string body = "{\"error\": {\"message\": \"bad key: " + auth + " \\u001b[2J\\u001b]0;owned\\u0007\"}}";
    HostileServer::send_all(fd, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  });
  setenv("HUMAIN_TEST_ECHOED_KEY", "sk-echoed-back-secret-123", 1);
  EndpointConfig e = endpoint_at(s, "vllm");
  e.api_key_env = "HUMAIN_TEST_ECHOED_KEY";
  auto r = make_provider(e).value()->chat(request(true));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("401"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("Bearer [redacted]"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("sk-echoed-back-secret-123"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find('\x1b'), std::string::npos) << "ESC reached the message";
  EXPECT_EQ(r.error().message.find('\x07'), std::string::npos) << "BEL reached the message";
  EXPECT_NE(r.error().message.find("\\x1b[2J"), std::string::npos) << r.error().message;
}

TEST(HostileServer, AnHtmlPageAnsweringIsNotCalledTruncated) {
  HostileServer s([](const std::string&, int fd, const std::atomic<bool>&) {
    const std::string body = "<!DOCTYPE html><html><body>Please log in</body></html>\n";
    HostileServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + std::to_string(body.size()) +
                                    "\r\nConnection: close\r\n\r\n" + body);
  });
  auto r = make_provider(endpoint_at(s, "vllm")).value()->chat(request(true));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not an event stream"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("truncated"), std::string::npos) << r.error().message;
}

TEST(HostileServer, CrLfInAKeyOrHeaderIsRefusedAtMakeProvider) {
  setenv("HUMAIN_TEST_CRLF_KEY", "sk-abc\r\nX-Injected: yes", 1);
  EndpointConfig e;
  e.provider = "openai";
  e.model = "m";
  e.base_url = "http://127.0.0.1:1";
  e.api_key_env = "HUMAIN_TEST_CRLF_KEY";
  auto p = make_provider(e);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("CR, LF or NUL"), std::string::npos) << p.error().message;
  EXPECT_EQ(p.error().message.find("X-Injected"), std::string::npos) << p.error().message;

  setenv("HUMAIN_TEST_CRLF_HEADER", "v\nX-Injected: yes", 1);
  EndpointConfig h;
  h.provider = "ollama";
  h.model = "m";
  h.headers["X-Team"] = "${HUMAIN_TEST_CRLF_HEADER}";
  p = make_provider(h);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("X-Team"), std::string::npos) << p.error().message;
}

TEST(Secrets, ScrubbedFromMessagesAndControlBytesEscaped) {
  register_secret("hunter2-long-secret");
  register_secret("abc");  // too short to scrub: would hide ordinary words
  EXPECT_EQ(clean_message("key hunter2-long-secret, abc"), "key [redacted], abc");
  EXPECT_EQ(Error::server("got hunter2-long-secret\x1b[31m").message, "got [redacted]\\x1b[31m");
  EXPECT_EQ(clean_message("two\nlines\tok"), "two\nlines\tok");
}

}  // namespace
}  // namespace humain
