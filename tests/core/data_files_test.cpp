#include "core/data_files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace humain {
namespace {

// Order: next to the binary, then $HUMAIN_DATA_DIR, then the source tree's data/.
TEST(DataFiles, SearchOrderAndEveryPlaceNamedWhenMissing) {
  const auto dir = std::filesystem::temp_directory_path() / "humain_data_files_test";
  std::filesystem::create_directories(dir / "icons");
  std::ofstream(dir / "icons" / "only_here.tsv") << "x\n";
  setenv("HUMAIN_DATA_DIR", dir.c_str(), 1);
  const auto dirs = data_dirs();
  ASSERT_EQ(dirs.size(), 3u);
  EXPECT_EQ(dirs[0], (std::filesystem::canonical("/proc/self/exe").parent_path().parent_path() / "share/humain").string());
  EXPECT_EQ(dirs[1], dir.string());
  EXPECT_EQ(dirs[2], std::string(HUMAIN_SOURCE_DIR) + "/data");

  auto found = find_data_file("icons/only_here.tsv");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(*found, (dir / "icons" / "only_here.tsv").string());
  auto source = find_data_file("icons/concepts.tsv");  // not in dir: falls through to the source tree
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ(*source, std::string(HUMAIN_SOURCE_DIR) + "/data/icons/concepts.tsv");

  auto missing = find_data_file("icons/no_such_file.png");
  unsetenv("HUMAIN_DATA_DIR");
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kNotFound);
  for (const auto& d : dirs) EXPECT_NE(missing.error().message.find(d), std::string::npos) << missing.error().message;
  EXPECT_NE(missing.error().message.find("icons/no_such_file.png"), std::string::npos);
}

}  // namespace
}  // namespace humain
