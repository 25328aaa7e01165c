// smart_resize against values computed with qwen-vl-utils' Python formula (python3, round() = half to even):
//   h_bar = max(f, round(H / f) * f); w_bar = max(f, round(W / f) * f)
//   if h_bar * w_bar > max_pixels: beta = sqrt(H * W / max_pixels);
//       h_bar = max(f, floor(H / beta / f) * f); w_bar = max(f, floor(W / beta / f) * f)
//   elif h_bar * w_bar < min_pixels: beta = sqrt(min_pixels / (H * W));
//       h_bar = ceil(H * beta / f) * f; w_bar = ceil(W * beta / f) * f
#include <gtest/gtest.h>

#include "humain/adapter.h"

namespace humain {
namespace {

struct Case {
  int w, h, want_w, want_h;
};

void expect_sizes(int factor, std::int64_t min_px, std::int64_t max_px, const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    auto r = smart_resize(c.h, c.w, factor, min_px, max_px);
    ASSERT_TRUE(r.ok()) << c.w << "x" << c.h << ": " << r.error().message;
    EXPECT_EQ(r->width, c.want_w) << c.w << "x" << c.h << " factor " << factor;
    EXPECT_EQ(r->height, c.want_h) << c.w << "x" << c.h << " factor " << factor;
  }
}

TEST(SmartResize, Qwen2AndQwen25Defaults) {
  expect_sizes(28, 4 * 28 * 28, 16384 * 28 * 28,
               {{1920, 1080, 1932, 1092},
                {2560, 1440, 2548, 1428},
                {3840, 2160, 3836, 2156},
                {1366, 768, 1372, 756},
                {1080, 2400, 1092, 2408},
                {98, 70, 112, 56},  // 70/28 = 2.5 rounds to 2 (half to even); std::round would give 84
                {7680, 4320, 4760, 2688},  // above max_pixels: scaled down
                {20, 20, 56, 56},          // below min_pixels: scaled up
                {1000, 10, 1008, 28}});
}

TEST(SmartResize, HalfToEvenAtBothParities) {
  // 1862 / 28 = 66.5 -> 66 (even); std::round would give 67 * 28 = 1876.
  expect_sizes(28, 4 * 28 * 28, 16384 * 28 * 28, {{1862, 1862, 1848, 1848}});
  // 2160 / 32 = 67.5 -> 68 (even): 3840x2160 -> 3840x2176 for Qwen3-VL.
  expect_sizes(32, 4 * 32 * 32, 16384 * 32 * 32, {{3840, 2160, 3840, 2176}});
}

TEST(SmartResize, UiTarsMinPixels) {
  expect_sizes(28, 100 * 28 * 28, 16384 * 28 * 28,
               {{1920, 1080, 1932, 1092}, {98, 70, 336, 252}, {20, 20, 280, 280}, {1000, 10, 2800, 28}});
}

TEST(SmartResize, Qwen3Factor32) {
  expect_sizes(32, 4 * 32 * 32, 16384 * 32 * 32,
               {{1920, 1080, 1920, 1088},
                {2560, 1440, 2560, 1440},
                {1366, 768, 1376, 768},
                {1080, 2400, 1088, 2400},
                {98, 70, 96, 64},
                {7680, 4320, 5440, 3072},
                {1000, 10, 992, 32}});
}

TEST(SmartResize, ShowUiAndSmallMaxPixels) {
  expect_sizes(28, 256 * 28 * 28, 1344 * 28 * 28,
               {{1920, 1080, 1344, 756}, {3840, 2160, 1344, 756}, {1366, 768, 1372, 756}, {1080, 2400, 672, 1512}});
  expect_sizes(28, 4 * 28 * 28, 1280 * 28 * 28, {{1920, 1080, 1316, 728}, {1080, 2400, 672, 1484}});
}

TEST(SmartResize, RejectsBadInput) {
  EXPECT_FALSE(smart_resize(0, 100, 28, 3136, 12845056).ok());
  EXPECT_FALSE(smart_resize(100, -1, 28, 3136, 12845056).ok());
  auto wide = smart_resize(10, 2010, 28, 3136, 12845056);  // aspect 201
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.error().message.find("aspect ratio"), std::string::npos);
  EXPECT_TRUE(smart_resize(10, 2000, 28, 3136, 12845056).ok());  // exactly 200 is allowed
}

}  // namespace
}  // namespace humain
