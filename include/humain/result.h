// Result<T>: a value or an error message. Errors never cross a module boundary as exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace humain {

// Scrubs configured secrets and shows control bytes escaped (humain/secrets.h): every message made
// by the factories below passes through it, since messages quote servers and files.
std::string clean_message(std::string text);

// An error: a category (for callers that branch on it) and a message (for people).
struct Error {
  enum class Kind { kInvalidInput, kNotFound, kIo, kUnsupported, kTimeout, kNetwork, kServer, kParse, kPolicy, kInternal };
  Kind kind = Kind::kInternal;
  std::string message;

  static Error invalid(std::string m) { return {Kind::kInvalidInput, clean_message(std::move(m))}; }
  static Error not_found(std::string m) { return {Kind::kNotFound, clean_message(std::move(m))}; }
  static Error io(std::string m) { return {Kind::kIo, clean_message(std::move(m))}; }
  static Error unsupported(std::string m) { return {Kind::kUnsupported, clean_message(std::move(m))}; }
  static Error timeout(std::string m) { return {Kind::kTimeout, clean_message(std::move(m))}; }
  static Error network(std::string m) { return {Kind::kNetwork, clean_message(std::move(m))}; }
  static Error server(std::string m) { return {Kind::kServer, clean_message(std::move(m))}; }
  static Error parse(std::string m) { return {Kind::kParse, clean_message(std::move(m))}; }
  static Error policy(std::string m) { return {Kind::kPolicy, clean_message(std::move(m))}; }
  static Error internal(std::string m) { return {Kind::kInternal, clean_message(std::move(m))}; }
};

// Holds either a T or an Error. Check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace humain
