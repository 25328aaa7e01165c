// Where a data set row's image lives: always inside the --images folder. Rows come from files a
// user downloaded, so "../../etc/x.png" or "/home/me/secret.png" must not be read (a crop of it
// would land in report.html).
#pragma once

#include <string>

#include "humain/result.h"

namespace humain {

// `images_dir` / `image`. By default an absolute `image` or one with a ".." part is refused.
// With `allow_paths` (layouts such as OSWorld-G whose rows carry paths) those are accepted when
// the canonical path (symlinks resolved) still lies inside the canonical `images_dir`.
Result<std::string> image_path_under(const std::string& images_dir, const std::string& image, bool allow_paths);

}  // namespace humain
