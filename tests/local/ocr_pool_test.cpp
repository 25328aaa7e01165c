// The OCR pool: one Tesseract instance for the first screen, the others loaded from the second on
// (a one-shot process never pays for them); every read gives the same words either way.
#include <algorithm>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "grounding/local/ocr/ocr_pool.h"
#include "grounding/local/ocr/text_regions.h"

namespace humain::local {
namespace {

std::vector<std::string> texts(const std::vector<OcrLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text());
  return out;
}

TEST(OcrPool, FirstAndLaterScreensReadTheSameWithExtraInstances) {
  cv::Mat gray(400, 600, CV_8UC1, cv::Scalar(255));
  const char* words[] = {"Save changes", "Cancel", "Open file", "Settings", "Help", "Print",
                         "Export", "Import", "Delete", "Rename", "Share", "Close"};
  for (int i = 0; i < 12; ++i)
    cv::putText(gray, words[i], {20 + (i % 2) * 300, 30 + (i / 2) * 60}, cv::FONT_HERSHEY_SIMPLEX, 0.8, 0, 2, cv::LINE_AA);
  const TextRegionResult regions = detect_text_regions(gray);
  ASSERT_GE(regions.regions.size(), 8u);  // enough lines for a helper thread to take part
  auto pool = OcrPool::create("", "eng", 2);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  ASSERT_TRUE((*pool)->ready().ok());
  const auto first = texts((*pool)->read_lines(gray, regions.regions));   // one instance
  const auto second = texts((*pool)->read_lines(gray, regions.regions));  // the second loading, joining
  const auto third = texts((*pool)->read_lines(gray, regions.regions));   // both
  EXPECT_EQ(first, second);
  EXPECT_EQ(first, third);
  EXPECT_NE(std::find(first.begin(), first.end(), "Settings"), first.end());
}

TEST(OcrPool, OneShotPoolIsDestroyedWithoutReading) {
  auto pool = OcrPool::create("", "eng", 4);
  ASSERT_TRUE(pool.ok());
  pool->reset();  // waits for the one loading instance; the three others never start
}

}  // namespace
}  // namespace humain::local
