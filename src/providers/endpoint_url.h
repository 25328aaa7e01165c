// Base URLs as users paste them: "http://host:11434", "http://host:8000/v1/", "https://openrouter.ai/api/v1".
#pragma once

#include <string>

#include "humain/result.h"

namespace humain::providers {

// Strips trailing slashes and one trailing "/v1", so callers append "/v1/chat/completions" or
// "/api/chat". Rejects anything but http:// and https:// URLs.
Result<std::string> normalize_base_url(const std::string& base_url);

// "http://user:secret@host/x?key=abc" -> "http://host/x": safe to put in messages and logs.
std::string redact_url(const std::string& url);

}  // namespace humain::providers
