// Incremental newline-delimited JSON parser (Ollama's stream): bytes in, one JSON value per line out.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "humain/result.h"

namespace humain::providers {

class NdjsonParser {
 public:
  // Called per parsed line with its 1-based line number. An error stops parsing and is returned.
  using Handler = std::function<Status(const nlohmann::json&, std::size_t line_no)>;

  // `who` names the stream in error messages ("ollama /api/chat").
  NdjsonParser(std::string who, Handler on_value);

  // Feeds the next bytes; a line that is not JSON is a kParse error naming its line and byte offset.
  Status feed(std::string_view bytes);
  // End of stream: a last line without '\n' is parsed; a cut-off JSON value is a kParse error.
  Status finish();
  std::size_t lines() const { return line_no_; }

 private:
  Status parse_line(const std::string& line, std::size_t offset);

  std::string who_;
  Handler on_value_;
  std::string pending_;
  std::size_t pending_offset_ = 0;
  std::size_t offset_ = 0;
  std::size_t line_no_ = 0;
};

}  // namespace humain::providers
