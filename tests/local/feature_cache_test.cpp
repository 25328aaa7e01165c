// The icon bank's feature file cache: round trip, stale or damaged files ignored, the bank loaded
// from the cache classifies exactly as the one computed from the atlas.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/data_files.h"
#include "grounding/local/detect/feature_cache.h"
#include "grounding/local/detect/icon_classifier.h"

namespace humain::local {
namespace {

class FeatureCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("humain_feature_cache_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    const char* old = std::getenv("HUMAIN_CACHE_DIR");
    had_old_ = old != nullptr;
    if (old) old_ = old;
    ::setenv("HUMAIN_CACHE_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (had_old_) ::setenv("HUMAIN_CACHE_DIR", old_.c_str(), 1);
    else ::unsetenv("HUMAIN_CACHE_DIR");
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::string old_;
  bool had_old_ = false;
};

TEST_F(FeatureCache, RoundTripAndStaleEntries) {
  EXPECT_EQ(feature_cache_dir(), dir_.string());
  cv::Mat m(3, 8, CV_32F);
  cv::randu(m, -1, 1);
  EXPECT_FALSE(read_feature_cache("t", 42, 3, 8));  // nothing yet
  write_feature_cache("t", 42, m);
  const auto back = read_feature_cache("t", 42, 3, 8);
  ASSERT_TRUE(back);
  EXPECT_EQ(cv::norm(*back, m, cv::NORM_INF), 0.0);
  EXPECT_FALSE(read_feature_cache("t", 43, 3, 8));  // other key
  EXPECT_FALSE(read_feature_cache("t", 42, 4, 8));  // other shape
  // A truncated file (a crash mid-write by an older version, a full disk) is ignored.
  for (const auto& f : std::filesystem::directory_iterator(dir_)) std::filesystem::resize_file(f.path(), 40);
  EXPECT_FALSE(read_feature_cache("t", 42, 3, 8));
  ::setenv("HUMAIN_CACHE_DIR", "off", 1);
  EXPECT_EQ(feature_cache_dir(), "");
  write_feature_cache("t", 7, m);  // no folder: a no-op, no crash
  EXPECT_FALSE(read_feature_cache("t", 7, 3, 8));
}

TEST_F(FeatureCache, BankFromTheCacheClassifiesLikeTheComputedOne) {
  auto atlas = find_data_file("icons/bank.png");
  auto index = find_data_file("icons/bank.tsv");
  ASSERT_TRUE(atlas.ok() && index.ok());
  auto computed = IconClassifier::load(*atlas, *index);  // writes the cache
  ASSERT_TRUE(computed.ok()) << computed.error().message;
  ASSERT_FALSE(std::filesystem::is_empty(dir_));
  auto cached = IconClassifier::load(*atlas, *index);  // reads it
  ASSERT_TRUE(cached.ok());
  cv::Mat crop(40, 40, CV_8U, cv::Scalar(255));
  cv::line(crop, {8, 8}, {31, 31}, 0, 3);
  cv::line(crop, {31, 8}, {8, 31}, 0, 3);
  const auto a = computed->classify(crop), b = cached->classify(crop);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_DOUBLE_EQ(a[i].score, b[i].score);
  }
  // A cache file with other numbers under the right key (features computed by older code) is
  // caught by the sample check and recomputed, not used.
  for (const auto& f : std::filesystem::directory_iterator(dir_)) {
    std::fstream io(f.path(), std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(24);
    const float junk[64] = {9, 9, 9, 9};
    io.write(reinterpret_cast<const char*>(junk), sizeof junk);
  }
  auto rechecked = IconClassifier::load(*atlas, *index);
  ASSERT_TRUE(rechecked.ok());
  const auto c = rechecked->classify(crop);
  ASSERT_EQ(c.size(), a.size());
  EXPECT_EQ(c.front().name, a.front().name);
  EXPECT_DOUBLE_EQ(c.front().score, a.front().score);
}

}  // namespace
}  // namespace humain::local
