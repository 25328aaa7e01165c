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
    // The install prefix is 1 folder up from bin/humain and lib/libhumain.so, 2 from
    // lib/<multiarch>/, 4 from lib/python3/dist-packages/humain/_humain.so: the nearest ancestor
    // with a share/humain is it; with none, ../share/humain is the place named in errors.
    std::filesystem::path dir = bin.parent_path();
    std::string found;
    for (int up = 0; up < 4 && found.empty() && dir.has_parent_path() && dir != dir.root_path(); ++up) {
      dir = dir.parent_path();
      std::error_code ec;
      if (std::filesystem::is_directory(dir / "share" / "humain", ec)) found = (dir / "share" / "humain").string();
    }
    dirs.push_back(found.empty() ? (bin.parent_path().parent_path() / "share" / "humain").string() : found);
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
