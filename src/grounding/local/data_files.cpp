#include "grounding/local/data_files.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace humain::local {

Result<std::string> find_data_file(const std::string& relative) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("HUMAIN_DATA_DIR"); env && *env) dirs.emplace_back(env);
  dirs.emplace_back(HUMAIN_SOURCE_DATA_DIR);
  dirs.emplace_back(HUMAIN_INSTALL_DATA_DIR);
  std::string tried;
  for (const auto& d : dirs) {
    const std::filesystem::path p = std::filesystem::path(d) / relative;
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
    tried += (tried.empty() ? "" : ", ") + d;
  }
  return Error::not_found("data file " + relative + " not found in " + tried + " (set HUMAIN_DATA_DIR)");
}

}  // namespace humain::local
