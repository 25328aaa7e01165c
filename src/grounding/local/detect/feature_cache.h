// A file cache for features computed from data files (the icon bank's 1,669 glyphs take ~0.1 s of
// CPU to turn into features, on every process start otherwise). The key hashes the inputs' bytes
// and the feature code's version, so a changed bank or feature never reads a stale file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

namespace humain::local {

// FNV-1a 64 of `bytes`, continuing from `seed` (chain several inputs).
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ull);

// The folder for such files: $HUMAIN_CACHE_DIR, else $XDG_CACHE_HOME/humain, else
// $HOME/.cache/humain; "" when none is set or HUMAIN_CACHE_DIR is "off".
std::string feature_cache_dir();

// The CV_32F matrix stored under `name` + `key` with exactly `rows` x `cols`, or nothing (missing,
// truncated, other shape, unreadable).
std::optional<cv::Mat> read_feature_cache(const std::string& name, std::uint64_t key, int rows, int cols);

// Stores `features` (CV_32F) atomically (a temporary file renamed into place); failures (read-only
// home, full disk) only mean the next process computes the features again.
void write_feature_cache(const std::string& name, std::uint64_t key, const cv::Mat& features);

}  // namespace humain::local
