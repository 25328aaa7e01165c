// Where the local engine's data files (data/icons/concepts.tsv, the icon bank) are found.
#pragma once

#include <string>

#include "humain/result.h"

namespace humain::local {

// The path of `relative` (e.g. "icons/concepts.tsv") under the first data folder that has it:
// $HUMAIN_DATA_DIR, then the source tree's data/ this binary was built from, then
// <install prefix>/share/humain. Error (not found) lists the folders tried.
Result<std::string> find_data_file(const std::string& relative);

}  // namespace humain::local
