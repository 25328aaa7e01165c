// Grounding data sets: ScreenSpot v1/v2, ScreenSpot-Pro and OSWorld-G rows read into one Sample type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "humain/geometry.h"
#include "humain/result.h"

namespace humain {

enum class DatasetFormat {
  kAuto,           // detect from the first row's fields
  kScreenSpot,     // v1/v2: img_filename, bbox [x, y, w, h], instruction, data_type, data_source
  kScreenSpotPro,  // img_filename, bbox [x1, y1, x2, y2], img_size, ui_type, group, platform, application, id
  kOsWorldG,       // image_path, box_type bbox [x, y, w, h] | polygon [x1, y1, x2, y2, ...] | refusal, box_coordinates
};

// "auto", "screenspot", "screenspot-pro", "osworld-g" (also "screenspot-v2", "v1", "v2", "pro").
Result<DatasetFormat> parse_dataset_format(const std::string& name);
const char* dataset_format_name(DatasetFormat format);

// Where the right answer is. A click hits a box or polygon when inside it (edges included);
// a refusal row has no target, so the right answer is to predict no point at all.
struct Target {
  enum class Kind { kBox, kPolygon, kRefusal };
  Kind kind = Kind::kBox;
  Box box;                      // kBox: the box; kPolygon: the polygon's bounding box
  std::vector<Point> polygon;   // kPolygon only

  bool is_refusal() const { return kind == Kind::kRefusal; }
  // Whether clicking `point` (nullopt = predicted nothing) is correct.
  bool hit(const std::optional<Point>& point) const;
  // The box IoU is measured against; nullopt for refusals.
  std::optional<Box> iou_box() const;
};

struct Sample {
  std::string id;           // the row's `id`, else its index in the file as a string
  std::size_t row = 0;      // index in the file
  std::string image;        // path relative to the images folder
  std::string instruction;
  Target target;
  std::string ui_type;      // text | icon | ... ("" when the layout has none)
  std::string group;        // ScreenSpot-Pro group, ScreenSpot data_source, OSWorld-G first GUI type
  std::string platform;     // ScreenSpot-Pro platform, ScreenSpot split (mobile/desktop/web) when known
  std::string application;
  int img_width = 0, img_height = 0;  // from the row when it says (img_size / image_size), else 0
};

struct Dataset {
  std::string path;         // file it came from
  DatasetFormat format = DatasetFormat::kAuto;
  std::vector<Sample> samples;
  std::vector<std::string> warnings;  // rows repaired on load ("file: row N: ... clamped"), for report.json
};

// Reads a data set file: a JSON array of rows. A malformed row is an error naming the file and
// the row index; so are unreadable files, truncated JSON and boxes with negative size. A box that
// pokes out of the image (a negative corner, or past img_size) is clamped to it with an entry in
// Dataset::warnings, unless `strict`, which refuses it; a box wholly outside is always an error.
Result<Dataset> load_dataset(const std::string& path, DatasetFormat format = DatasetFormat::kAuto,
                             bool strict = false);

// Same, from JSON text; `source` names it in messages.
Result<Dataset> parse_dataset(const std::string& json_text, const std::string& source,
                              DatasetFormat format = DatasetFormat::kAuto, bool strict = false);

}  // namespace humain
