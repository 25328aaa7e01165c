// The report's helpers: miss thumbnails, progress lines, markup escaping.
#include <cmath>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "eval/markup.h"
#include "eval/miss_thumbnail.h"
#include "eval/progress_meter.h"

namespace humain {
namespace {

TEST(MissThumbnail, IsASmallJpegForEveryTargetKind) {
  const cv::Mat screen(1080, 1920, CV_8UC3, cv::Scalar(200, 200, 200));
  Prediction p;
  p.point = Point{1500, 900};
  p.box = Box{1490, 890, 1510, 910};

  Target box;
  box.box = {100, 100, 200, 150};
  Target polygon;
  polygon.kind = Target::Kind::kPolygon;
  polygon.polygon = {{10, 10}, {300, 10}, {10, 300}};
  polygon.box = {10, 10, 300, 300};
  Target refusal;
  refusal.kind = Target::Kind::kRefusal;

  for (const Target* t : {&box, &polygon, &refusal}) {
    const auto jpeg = miss_thumbnail(screen, *t, p, 420);
    ASSERT_GT(jpeg.size(), 2u);
    EXPECT_EQ(jpeg[0], 0xFF);
    EXPECT_EQ(jpeg[1], 0xD8);
    const cv::Mat decoded = cv::imdecode(jpeg, cv::IMREAD_COLOR);
    ASSERT_FALSE(decoded.empty());
    EXPECT_LE(std::max(decoded.cols, decoded.rows), 420);
  }
  // A click far outside the image and no box still draws (clamped), and an empty screen gives nothing.
  Prediction wild;
  wild.point = Point{-5000, 99999};
  EXPECT_FALSE(miss_thumbnail(screen, box, wild).empty());
  wild.point = Point{1e300, std::nan("")};  // absurd model output must not be undefined behaviour
  wild.box = Box{-1e300, 0, 1e300, 5};
  EXPECT_FALSE(miss_thumbnail(screen, box, wild).empty());
  EXPECT_TRUE(miss_thumbnail(cv::Mat(), box, p).empty());
}

TEST(ProgressMeter, PlainLinesWhenNotATerminal) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ProgressMeter meter(f, 10);
    meter.update(0);
    meter.update(3);  // within the 5 s interval: no new line
    meter.finish(10);
  }
  std::rewind(f);
  std::string text;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f)) text += buf;
  std::fclose(f);
  EXPECT_NE(text.find("eval: 0/10"), std::string::npos) << text;
  EXPECT_EQ(text.find("3/10"), std::string::npos) << text;
  EXPECT_NE(text.find("eval: 10/10 (100.0%)"), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << "no bar redraws in a log";
  ProgressMeter silent(nullptr, 5);  // null stream: nothing happens, nothing crashes
  silent.update(1);
  silent.finish(5);
}

TEST(Markup, EscapesAndDropsControlCharacters) {
  EXPECT_EQ(escape_markup("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(escape_markup(std::string("x\x01y\nz", 5)), "x y\nz");
}

}  // namespace
}  // namespace humain
