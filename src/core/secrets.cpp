#include "humain/secrets.h"

#include <algorithm>
#include <mutex>
#include <vector>

namespace humain {
namespace {

constexpr std::size_t kMinSecretLength = 6;
constexpr std::string_view kRedacted = "[redacted]";

struct Registry {
  std::mutex mu;
  std::vector<std::string> values;  // longest first, so a secret containing another is scrubbed whole
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void register_secret(std::string_view value) {
  if (value.size() < kMinSecretLength) return;
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  if (std::find(r.values.begin(), r.values.end(), value) != r.values.end()) return;
  r.values.emplace_back(value);
  std::stable_sort(r.values.begin(), r.values.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string scrub_secrets(std::string text) {
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  for (const std::string& secret : r.values) {
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kRedacted.size())) {
      text.replace(at, secret.size(), kRedacted);
    }
  }
  return text;
}

std::string clean_message(std::string text) {
  text = scrub_secrets(std::move(text));
  bool clean = true;
  for (const unsigned char c : text) clean = clean && !((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f);
  if (clean) return text;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 16);
  for (const unsigned char c : text) {
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace humain
