// Configured secrets (API keys, ${VAR} values of headers and config fields) are registered here
// when they are read, and scrubbed from every text humain prints or writes: Error messages,
// the audit log, eval reports. A server that echoes the key back in a 401 body cannot make us
// print it. Terminal control bytes a server sends are made visible, never passed through.
#pragma once

#include <string>
#include <string_view>

namespace humain {

// Remembers `value` as a secret for the rest of the process. Values shorter than 6 characters
// are ignored (scrubbing "on" from every message would hide more than it protects).
void register_secret(std::string_view value);

// `text` with every registered secret replaced by "[redacted]".
std::string scrub_secrets(std::string text);

// scrub_secrets, and control bytes other than newline and tab shown as \xNN, so an ESC sequence
// or a carriage return from a server or a file cannot drive the terminal.
std::string clean_message(std::string text);

}  // namespace humain
