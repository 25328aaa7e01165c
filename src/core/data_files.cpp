#include "core/data_files.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

namespace humain {
namespace {

// The file (executable or shared object) this function was linked into: an installed CLI, a
// libhumain.so or the Python extension each find the share/ folder of their own install.
std::filesystem::path this_binary() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&this_binary), &info) == 0 || !info.dli_fname) return {};
  std::error_code ec;
  auto p = std::filesystem::canonical(info.dli_fname, ec);
  return ec ? std::filesystem::path(info.dli_fname) : p;
}

}  // namespace

std::vector<std::string> data_dirs() {
  std::vector<std::string> dirs;
  if (const auto bin = this_binary(); !bin.empty()) {
    // bin/humain and lib/libhumain.so -> ../share; lib/<multiarch>/libhumain.so -> ../../share.
    const auto dir = bin.parent_path();
    dirs.push_back((dir.parent_path() / "share" / "humain").string());
    if (dir.parent_path().filename() == "lib") dirs.push_back((dir.parent_path().parent_path() / "share" / "humain").string());
  }
  if (const char* env = std::getenv("HUMAIN_DATA_DIR"); env && *env) dirs.emplace_back(env);
  dirs.emplace_back(HUMAIN_SOURCE_DATA_DIR);
  return dirs;
}

Result<std::string> find_data_file(const std::string& relative) {
  std::string tried;
  for (const auto& d : data_dirs()) {
    const std::filesystem::path p = std::filesystem::path(d) / relative;
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
    tried += (tried.empty() ? "" : ", ") + d;
  }
  return Error::not_found("data file " + relative + " not found in " + tried + " (set HUMAIN_DATA_DIR)");
}

}  // namespace humain
