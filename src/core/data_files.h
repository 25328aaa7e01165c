// Where the library's data files (icons/concepts.tsv, the icon bank, models/catalog.yaml) are found.
#pragma once

#include <string>
#include <vector>

#include "humain/result.h"

namespace humain {

// The folders searched, in order: share/humain of the install the binary holding this code
// belongs to (the executable, libhumain.so or the Python extension: the nearest of its
// ancestors, up to 4 levels, that has share/humain; else <its dir>/../share/humain), then
// $HUMAIN_DATA_DIR, then the source tree's data/ this binary was built from.
std::vector<std::string> data_dirs();

// The path of `relative` (e.g. "icons/concepts.tsv") under the first data folder that has it.
// Error (not found) names every folder tried.
Result<std::string> find_data_file(const std::string& relative);

}  // namespace humain
