// Issue 11: a configured secret that reaches an audit record (a server's error text quoting the
// key) is scrubbed before the line is written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "humain/secrets.h"
#include "routing/audit_log.h"

namespace humain {
namespace {

TEST(AuditLog, ScrubsRegisteredSecrets) {
  register_secret("sk-audit-secret-42");
  const auto path = std::filesystem::temp_directory_path() / ("humain-audit-scrub-" + std::to_string(::getpid()) + ".jsonl");
  {
    auto log = routing::AuditLog::open(path.string());
    ASSERT_TRUE(log.ok()) << log.error().message;
    (*log)->write({{"error", "HTTP 401: invalid key sk-audit-secret-42"}});
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(path);
  EXPECT_EQ(text.str().find("sk-audit-secret-42"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("invalid key [redacted]"), std::string::npos) << text.str();
}

}  // namespace
}  // namespace humain
