// Each layout read from committed files in data/fixtures/datasets, and bad input rejected with the row named.
#include "humain/dataset.h"

#include <gtest/gtest.h>

namespace humain {
namespace {

std::string fixture(const std::string& name) { return std::string(HUMAIN_SOURCE_DIR) + "/data/fixtures/datasets/" + name; }

TEST(DatasetLoader, ScreenSpotV2ConvertsXywhAndReadsPlatformFromFileName) {
  auto ds = load_dataset(fixture("screenspot_mobile_v2.json"));
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->format, DatasetFormat::kScreenSpot);
  ASSERT_EQ(ds->samples.size(), 2u);
  const Sample& s = ds->samples[0];
  EXPECT_EQ(s.id, "0");  // no id field: the row index
  EXPECT_EQ(s.image, "form.png");
  EXPECT_EQ(s.instruction, "Sign in");
  EXPECT_EQ(s.target.box, (Box{10, 20, 110, 50}));
  EXPECT_EQ(s.ui_type, "text");
  EXPECT_EQ(s.group, "ios");
  EXPECT_EQ(s.platform, "mobile");
  EXPECT_EQ(ds->samples[1].id, "1");
  EXPECT_EQ(ds->samples[1].ui_type, "icon");
}

TEST(DatasetLoader, ScreenSpotProKeepsXyxyAndMetadata) {
  auto ds = load_dataset(fixture("screenspot_pro.json"));
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->format, DatasetFormat::kScreenSpotPro);
  ASSERT_EQ(ds->samples.size(), 2u);
  const Sample& s = ds->samples[0];
  EXPECT_EQ(s.id, "vscode_mac_0");
  EXPECT_EQ(s.target.box, (Box{100, 50, 180, 80}));
  EXPECT_EQ(s.group, "Dev");
  EXPECT_EQ(s.platform, "macos");
  EXPECT_EQ(s.application, "vscode");
  EXPECT_EQ(s.img_width, 1920);
  EXPECT_EQ(s.img_height, 1080);
  // Edges are inside; one pixel beyond is not.
  EXPECT_TRUE(s.target.hit(Point{180, 80}));
  EXPECT_FALSE(s.target.hit(Point{180.5, 80}));
  EXPECT_FALSE(s.target.hit(std::nullopt));
}

TEST(DatasetLoader, OsWorldGBoxPolygonAndRefusal) {
  auto ds = load_dataset(fixture("osworld_g.json"));
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->format, DatasetFormat::kOsWorldG);
  ASSERT_EQ(ds->samples.size(), 3u);

  const Target& box = ds->samples[0].target;
  EXPECT_EQ(box.kind, Target::Kind::kBox);
  EXPECT_EQ(box.box, (Box{100, 100, 150, 120}));
  EXPECT_EQ(ds->samples[0].ui_type, "Button");

  const Target& poly = ds->samples[1].target;
  EXPECT_EQ(poly.kind, Target::Kind::kPolygon);
  EXPECT_TRUE(poly.hit(Point{10, 10}));
  EXPECT_FALSE(poly.hit(Point{90, 90}));  // inside the bounding box, outside the triangle
  EXPECT_EQ(poly.iou_box(), (Box{0, 0, 100, 100}));

  const Sample& refusal = ds->samples[2];
  EXPECT_TRUE(refusal.target.is_refusal());
  EXPECT_EQ(refusal.group, "refusal");
  EXPECT_TRUE(refusal.target.hit(std::nullopt));  // the right answer is "not there"
  EXPECT_FALSE(refusal.target.hit(Point{1, 1}));
  EXPECT_FALSE(refusal.target.iou_box().has_value());
}

TEST(DatasetLoader, ExplicitFormatOverridesDetection) {
  // A Pro-shaped row read as ScreenSpot: bbox becomes [x, y, w, h].
  auto ds = load_dataset(fixture("screenspot_pro.json"), DatasetFormat::kScreenSpot);
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->samples[0].target.box, (Box{100, 50, 280, 130}));
}

void expect_error(const std::string& file, const std::string& needle) {
  auto ds = load_dataset(fixture(file));
  ASSERT_FALSE(ds.ok()) << file << " loaded but should not";
  EXPECT_NE(ds.error().message.find(file), std::string::npos) << ds.error().message;
  EXPECT_NE(ds.error().message.find(needle), std::string::npos) << ds.error().message;
}

TEST(DatasetLoader, BadInputNamesFileAndRow) {
  expect_error("bad_truncated.json", "not valid JSON");
  expect_error("bad_bbox_type.json", "row 1");
  expect_error("bad_swapped_pro.json", "row 1: \"bbox\" [x1, y1, x2, y2] has swapped corners");
  expect_error("bad_negative_size.json", "row 0: \"bbox\" [x, y, w, h] has a negative width");
}

TEST(DatasetLoader, MissingFileIsAnIoError) {
  auto ds = load_dataset(fixture("does_not_exist.json"));
  ASSERT_FALSE(ds.ok());
  EXPECT_EQ(ds.error().kind, Error::Kind::kIo);
}

TEST(DatasetLoader, WrongFieldTypesAndShapes) {
  struct Case {
    const char* json;
    const char* needle;
  };
  const Case cases[] = {
      {R"({"rows": []})", "must be a JSON array"},
      {R"([42])", "row 0: a row must be a JSON object"},
      {R"([{"foo": 1}])", "cannot tell the layout"},
      {R"([{"img_filename": 7, "bbox": [1,1,1,1], "instruction": "x"}])", "\"img_filename\" must be a string"},
      {R"([{"img_filename": "a.png", "bbox": [1,1,1], "instruction": "x"}])", "[x, y, w, h], got 3 numbers"},
      {R"([{"img_filename": "a.png", "bbox": [1,1,1,1], "instruction": ""}])", "\"instruction\" is empty"},
      {R"([{"img_filename": "a.png", "bbox": [-5,1,2,1], "instruction": "x"}])", "lies outside the image"},
      {R"([{"img_filename": "a.png", "bbox": [1e309,1,1,1], "instruction": "x"}])", "not valid JSON"},
      {R"([{"img_filename": "a.png", "bbox": [1,1,2,2], "instruction": "x", "img_size": [-1e309, 5]}])", "not valid JSON"},
      {R"([{"img_filename": "a.png", "bbox": [1,1,2,2], "instruction": "x", "ui_type": 3}])", "\"ui_type\" must be a string"},
      {R"([{"img_filename": "a.png", "bbox": [1,1,2,2], "instruction": "x", "img_size": [0, 5]}])", "\"img_size\" must be"},
      {R"([{"img_filename": "a.png", "bbox": [1,1,2,2], "instruction": "x", "img_size": [1e300, 5]}])", "\"img_size\" must be"},
      {R"([{"image_path": "a.png", "instruction": "x", "box_type": "circle", "box_coordinates": [1,2,3]}])", "bbox, polygon or refusal"},
      {R"([{"image_path": "a.png", "instruction": "x", "box_type": "polygon", "box_coordinates": [1,2,3,4,5]}])", "at least 3 x, y pairs"},
      {R"([{"img_filename": "a.png", "bbox": [1,1,2,2], "instruction": "x", "ui_type": "t", "id": [1]}])", "\"id\" must be"},
  };
  for (const Case& c : cases) {
    auto ds = parse_dataset(c.json, "inline.json");
    ASSERT_FALSE(ds.ok()) << c.json;
    EXPECT_NE(ds.error().message.find(c.needle), std::string::npos) << c.json << " -> " << ds.error().message;
    EXPECT_EQ(ds.error().message.rfind("inline.json", 0), 0u) << ds.error().message;
  }
}

// Real annotation files (ScreenSpot-Pro's "redo to a specific history point" row starts at y = -1)
// load with the box clamped to the image and a warning; --strict refuses them; off-image rows fail.
TEST(DatasetLoader, BoxesPokingOutOfTheImageAreClampedWithAWarning) {
  const std::string pro =
      R"([{"img_filename": "a.png", "bbox": [3700, -1, 3850, 40], "instruction": "redo", "img_size": [3840, 1080]}])";
  auto ds = parse_dataset(pro, "pro.json");
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->samples[0].target.box, (Box{3700, 0, 3840, 40}));
  ASSERT_EQ(ds->warnings.size(), 1u);
  EXPECT_NE(ds->warnings[0].find("row 0: \"bbox\" has a negative coordinate: clamped"), std::string::npos) << ds->warnings[0];

  auto strict = parse_dataset(pro, "pro.json", DatasetFormat::kAuto, /*strict=*/true);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("--strict"), std::string::npos) << strict.error().message;

  auto v2 = parse_dataset(R"([{"img_filename": "a.png", "bbox": [-1, 5, 10, 10], "instruction": "x"}])", "v2.json");
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  EXPECT_EQ(v2->samples[0].target.box, (Box{0, 5, 9, 15}));
  EXPECT_EQ(v2->warnings.size(), 1u);

  auto outside = parse_dataset(
      R"([{"img_filename": "a.png", "bbox": [4000, 10, 4100, 40], "instruction": "x", "img_size": [3840, 1080]}])", "pro.json");
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.error().message.find("cannot be scored"), std::string::npos) << outside.error().message;
}

TEST(DatasetLoader, IntegerIdsBecomeStrings) {
  auto ds = parse_dataset(R"([{"img_filename": "a.png", "bbox": [1,1,2,2], "instruction": "x", "ui_type": "t", "id": 17}])",
                          "inline.json");
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->samples[0].id, "17");
}

TEST(DatasetFormat, ParseNames) {
  EXPECT_EQ(parse_dataset_format("screenspot-pro").value(), DatasetFormat::kScreenSpotPro);
  EXPECT_EQ(parse_dataset_format("v2").value(), DatasetFormat::kScreenSpot);
  EXPECT_EQ(parse_dataset_format("osworld-g").value(), DatasetFormat::kOsWorldG);
  EXPECT_EQ(parse_dataset_format("").value(), DatasetFormat::kAuto);
  EXPECT_FALSE(parse_dataset_format("coco").ok());
  EXPECT_STREQ(dataset_format_name(DatasetFormat::kOsWorldG), "osworld-g");
}

}  // namespace
}  // namespace humain
