// Escaping text for XML and HTML (junit.xml, report.html).
#pragma once

#include <string>
#include <string_view>

namespace humain {

// & < > " ' replaced by entities; control characters XML 1.0 forbids become spaces.
std::string escape_markup(std::string_view text);

}  // namespace humain
