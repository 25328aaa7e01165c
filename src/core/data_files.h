// Where the library's data files (icons/concepts.tsv, the icon bank, models/catalog.yaml) are found.
#pragma once

#include <string>
#include <vector>

#include "humain/result.h"

namespace humain {

// The folders searched, in order: share/humain next to the installed binary (the executable or
// libhumain.so / the Python module holding this code: <its dir>/../share/humain, or
// ../../share/humain from lib/<multiarch>/), then
// $HUMAIN_DATA_DIR, then the source tree's data/ this binary was built from.
std::vector<std::string> data_dirs();

// The path of `relative` (e.g. "icons/concepts.tsv") under the first data folder that has it.
// Error (not found) names every folder tried.
Result<std::string> find_data_file(const std::string& relative);

}  // namespace humain
