#include "eval/image_path.h"

#include <algorithm>
#include <filesystem>

namespace humain {
namespace fs = std::filesystem;

namespace {

bool has_dot_dot(const fs::path& p) {
  return std::any_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
}

// Whether `inner` is `outer` or below it, comparing whole components.
bool lies_under(const fs::path& inner, const fs::path& outer) {
  auto o = outer.begin(), i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

}  // namespace

Result<std::string> image_path_under(const std::string& images_dir, const std::string& image, bool allow_paths) {
  const fs::path rel(image);
  if (image.find('\0') != std::string::npos) return Error::invalid("image path has a NUL byte");
  const bool absolute = rel.has_root_path();
  if (!allow_paths) {
    if (absolute) return Error::invalid("image path \"" + image + "\" is absolute; refused (pass --allow-image-paths to accept paths inside --images)");
    if (has_dot_dot(rel)) return Error::invalid("image path \"" + image + "\" has a \"..\" part; refused (pass --allow-image-paths to accept paths inside --images)");
    return (fs::path(images_dir) / rel).string();
  }
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(fs::absolute(images_dir.empty() ? "." : images_dir, ec), ec);
  if (ec) return Error::io("cannot resolve the images folder " + images_dir + ": " + ec.message());
  const fs::path candidate = absolute ? rel : fs::path(images_dir.empty() ? "." : images_dir) / rel;
  const fs::path resolved = fs::weakly_canonical(fs::absolute(candidate, ec), ec);
  if (ec) return Error::io("cannot resolve image path \"" + image + "\": " + ec.message());
  if (!lies_under(resolved, dir)) return Error::invalid("image path \"" + image + "\" lies outside the images folder " + dir.string() + "; refused");
  return resolved.string();
}

}  // namespace humain
