// Issue 11: misleading image messages. A directory was "8796093022207 MB"; a 1 x 50,000,000 PNG
// (within the pixel limit, but over OpenCV's 2^20 side limit) was called corrupt.
#include <gtest/gtest.h>

#include <filesystem>

#include "humain/image.h"

namespace humain {
namespace {

TEST(ImageLimits, ADirectoryIsSaidToBeADirectory) {
  auto r = load_screenshot(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("is a directory"), std::string::npos) << r.error().message;
}

TEST(ImageLimits, ASideOverOpenCvsLimitIsNotCalledCorrupt) {
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  const std::uint32_t w = 1, h = 50'000'000;
  for (int s = 24; s >= 0; s -= 8) png.push_back(static_cast<std::uint8_t>(w >> s));
  for (int s = 24; s >= 0; s -= 8) png.push_back(static_cast<std::uint8_t>(h >> s));
  png.insert(png.end(), {8, 0, 0, 0, 0, 0, 0, 0, 0});
  auto r = decode_screenshot(png, "tall.png");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("1x50000000, a side longer than 1048576 pixels is not supported"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().message.find("corrupt"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace humain
