#include "grounding/local/detect/feature_cache.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

namespace humain::local {
namespace {

constexpr char kMagic[8] = {'H', 'M', 'N', 'F', 'E', 'A', 'T', '1'};

struct Header {
  char magic[8];
  std::uint64_t key;
  std::int32_t rows, cols;
};

std::string path_of(const std::string& name, std::uint64_t key) {
  const std::string dir = feature_cache_dir();
  if (dir.empty()) return "";
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(key));
  return dir + "/" + name + "-" + hex + ".f32";
}

}  // namespace

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (const unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

std::string feature_cache_dir() {
  const auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  const std::string own = env("HUMAIN_CACHE_DIR");
  if (own == "off") return "";
  if (!own.empty()) return own;
  if (const std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty()) return xdg + "/humain";
  if (const std::string home = env("HOME"); !home.empty()) return home + "/.cache/humain";
  return "";
}

std::optional<cv::Mat> read_feature_cache(const std::string& name, std::uint64_t key, int rows, int cols) {
  const std::string path = path_of(name, key);
  if (path.empty() || rows <= 0 || cols <= 0) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  Header h{};
  if (!in.read(reinterpret_cast<char*>(&h), sizeof h)) return std::nullopt;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.key != key || h.rows != rows || h.cols != cols) return std::nullopt;
  cv::Mat m(rows, cols, CV_32F);
  if (!in.read(reinterpret_cast<char*>(m.data), static_cast<std::streamsize>(m.total() * sizeof(float)))) return std::nullopt;
  if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;  // longer than it says: not ours
  return m;
}

void write_feature_cache(const std::string& name, std::uint64_t key, const cv::Mat& features) {
  const std::string path = path_of(name, key);
  if (path.empty() || features.empty() || features.type() != CV_32F || !features.isContinuous()) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  // A unique temporary name: two processes may write the same entry at once; rename is atomic.
  const std::string tmp = path + ".tmp" + std::to_string(std::random_device{}());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.key = key;
    h.rows = features.rows;
    h.cols = features.cols;
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    out.write(reinterpret_cast<const char*>(features.data), static_cast<std::streamsize>(features.total() * sizeof(float)));
    if (!out.flush()) {
      out.close();
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace humain::local
