// Reads the three benchmark row layouts into Samples, validating every field it uses.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "humain/dataset.h"

namespace humain {
namespace {

using nlohmann::json;

// Builds "file: row N: message" errors; rows are the only unit a user can find in the file.
struct RowContext {
  const std::string& source;
  std::size_t row;
  bool strict = false;                      // refuse what would otherwise be repaired with a warning
  std::vector<std::string>* warnings = nullptr;
  Error fail(const std::string& message) const {
    return Error::invalid(source + ": row " + std::to_string(row) + ": " + message);
  }
  void warn(const std::string& message) const {
    if (warnings) warnings->push_back(source + ": row " + std::to_string(row) + ": " + message);
  }
};

// Real annotation files have boxes a pixel outside the screen (ScreenSpot-Pro has one at y = -1):
// clamp to the image (or to 0 when the size is unknown) with a warning; refuse only what cannot
// be scored, or anything off-image under --strict.
Result<Box> clamp_to_image(Box b, int width, int height, const char* key, const RowContext& ctx) {
  const bool negative = b.x1 < 0 || b.y1 < 0;
  const bool beyond = (width > 0 && b.x2 > width) || (height > 0 && b.y2 > height);
  if (!negative && !beyond) return b;
  const std::string where = negative ? "a negative coordinate" : "a corner beyond the image size";
  if (ctx.strict) return ctx.fail(std::string("\"") + key + "\" has " + where + " (--strict)");
  if (b.x2 < 0 || b.y2 < 0 || (width > 0 && b.x1 > width) || (height > 0 && b.y1 > height))
    return ctx.fail(std::string("\"") + key + "\" lies outside the image: it cannot be scored");
  b.x1 = std::max(0.0, b.x1);
  b.y1 = std::max(0.0, b.y1);
  if (width > 0) b.x2 = std::min<double>(width, b.x2);
  if (height > 0) b.y2 = std::min<double>(height, b.y2);
  ctx.warn(std::string("\"") + key + "\" has " + where + ": clamped to the image");
  return b;
}

Result<std::string> required_string(const json& r, const char* key, const RowContext& ctx) {
  const auto it = r.find(key);
  if (it == r.end()) return ctx.fail(std::string("missing field \"") + key + "\"");
  if (!it->is_string()) return ctx.fail(std::string("field \"") + key + "\" must be a string, got " + it->type_name());
  if (it->get_ref<const std::string&>().empty()) return ctx.fail(std::string("field \"") + key + "\" is empty");
  return it->get<std::string>();
}

// Optional descriptive field: absent or null -> "", a string -> itself, anything else -> error.
Result<std::string> optional_string(const json& r, const char* key, const RowContext& ctx) {
  const auto it = r.find(key);
  if (it == r.end() || it->is_null()) return std::string();
  if (!it->is_string()) return ctx.fail(std::string("field \"") + key + "\" must be a string, got " + it->type_name());
  return it->get<std::string>();
}

Result<std::vector<double>> number_list(const json& r, const char* key, const RowContext& ctx) {
  const auto it = r.find(key);
  if (it == r.end()) return ctx.fail(std::string("missing field \"") + key + "\"");
  if (!it->is_array()) return ctx.fail(std::string("field \"") + key + "\" must be an array of numbers");
  std::vector<double> out;
  for (const json& v : *it) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      return ctx.fail(std::string("field \"") + key + "\" must hold only finite numbers");
    out.push_back(v.get<double>());
  }
  return out;
}

Result<Box> box_from_xywh(const std::vector<double>& v, const char* key, const RowContext& ctx) {
  if (v.size() != 4) return ctx.fail(std::string("\"") + key + "\" must be [x, y, w, h], got " + std::to_string(v.size()) + " numbers");
  if (v[2] < 0 || v[3] < 0) return ctx.fail(std::string("\"") + key + "\" [x, y, w, h] has a negative width or height");
  return Box::from_xywh(v[0], v[1], v[2], v[3]);
}

Result<Box> box_from_xyxy(const std::vector<double>& v, const RowContext& ctx) {
  if (v.size() != 4) return ctx.fail("\"bbox\" must be [x1, y1, x2, y2], got " + std::to_string(v.size()) + " numbers");
  if (v[2] < v[0] || v[3] < v[1]) return ctx.fail("\"bbox\" [x1, y1, x2, y2] has swapped corners (x2 < x1 or y2 < y1)");
  return Box{v[0], v[1], v[2], v[3]};
}

// The row's id as the checker reads it: str(row.get("id", index)).
Result<std::string> sample_id(const json& r, const RowContext& ctx) {
  const auto it = r.find("id");
  if (it == r.end() || it->is_null()) return std::to_string(ctx.row);
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return it->dump();
  return ctx.fail("field \"id\" must be a string or an integer");
}

Status read_size(const json& r, const char* key, Sample& s, const RowContext& ctx) {
  if (!r.contains(key) || r[key].is_null()) return ok_status();
  auto size = number_list(r, key, ctx);
  if (!size) return size.error();
  constexpr double kMaxSide = 1e6;  // also keeps the int conversion below defined
  if (size->size() != 2 || (*size)[0] <= 0 || (*size)[1] <= 0 || (*size)[0] > kMaxSide || (*size)[1] > kMaxSide)
    return ctx.fail(std::string("\"") + key + "\" must be [width, height] with positive values up to 1e6");
  s.img_width = static_cast<int>((*size)[0]);
  s.img_height = static_cast<int>((*size)[1]);
  return ok_status();
}

// ScreenSpot v1/v2 name the split only in the file name (screenspot_desktop_v2.json).
std::string platform_from_file_name(const std::string& path) {
  for (const char* p : {"mobile", "desktop", "web"}) {
    if (path.find(p) != std::string::npos) return p;
  }
  return "";
}

Result<Sample> read_screenspot(const json& r, const RowContext& ctx, const std::string& platform) {
  Sample s;
  auto image = required_string(r, "img_filename", ctx);
  if (!image) return image.error();
  auto instruction = required_string(r, "instruction", ctx);
  if (!instruction) return instruction.error();
  auto bbox = number_list(r, "bbox", ctx);
  if (!bbox) return bbox.error();
  auto box = box_from_xywh(*bbox, "bbox", ctx);
  if (!box) return box.error();
  auto type = optional_string(r, "data_type", ctx);
  if (!type) return type.error();
  auto source = optional_string(r, "data_source", ctx);
  if (!source) return source.error();
  s.image = *image;
  s.instruction = *instruction;
  s.target.box = *box;
  s.ui_type = *type;
  s.group = *source;
  s.platform = platform;
  return s;
}

Result<Sample> read_screenspot_pro(const json& r, const RowContext& ctx) {
  Sample s;
  auto image = required_string(r, "img_filename", ctx);
  if (!image) return image.error();
  auto instruction = required_string(r, "instruction", ctx);
  if (!instruction) return instruction.error();
  auto bbox = number_list(r, "bbox", ctx);
  if (!bbox) return bbox.error();
  auto box = box_from_xyxy(*bbox, ctx);
  if (!box) return box.error();
  s.image = *image;
  s.instruction = *instruction;
  s.target.box = *box;
  for (auto [key, field] : {std::pair{"ui_type", &s.ui_type}, std::pair{"group", &s.group},
                            std::pair{"platform", &s.platform}, std::pair{"application", &s.application}}) {
    auto v = optional_string(r, key, ctx);
    if (!v) return v.error();
    *field = *v;
  }
  if (auto st = read_size(r, "img_size", s, ctx); !st) return st.error();
  return s;
}

Result<Sample> read_osworld_g(const json& r, const RowContext& ctx) {
  Sample s;
  auto image = required_string(r, "image_path", ctx);
  if (!image) return image.error();
  auto instruction = required_string(r, "instruction", ctx);
  if (!instruction) return instruction.error();
  auto box_type = required_string(r, "box_type", ctx);
  if (!box_type) return box_type.error();
  s.image = *image;
  s.instruction = *instruction;
  if (*box_type == "refusal") {
    s.target.kind = Target::Kind::kRefusal;
  } else {
    auto coords = number_list(r, "box_coordinates", ctx);
    if (!coords) return coords.error();
    if (*box_type == "bbox") {
      auto box = box_from_xywh(*coords, "box_coordinates", ctx);
      if (!box) return box.error();
      s.target.box = *box;
    } else if (*box_type == "polygon") {
      if (coords->size() < 6 || coords->size() % 2 != 0)
        return ctx.fail("polygon \"box_coordinates\" must be a flat list of at least 3 x, y pairs");
      for (std::size_t i = 0; i < coords->size(); i += 2) s.target.polygon.push_back({(*coords)[i], (*coords)[i + 1]});
      s.target.kind = Target::Kind::kPolygon;
      s.target.box = *bounding_box(s.target.polygon);
    } else {
      return ctx.fail("\"box_type\" must be bbox, polygon or refusal, got \"" + *box_type + "\"");
    }
  }
  // GUI_types is a list of tags; the first one is the sample's type for breakdowns.
  if (auto it = r.find("GUI_types"); it != r.end() && it->is_array() && !it->empty() && (*it)[0].is_string()) {
    s.ui_type = (*it)[0].get<std::string>();
  }
  s.group = s.target.is_refusal() ? "refusal" : *box_type;
  s.platform = "linux";  // OSWorld-G screenshots are all Ubuntu desktops
  if (auto st = read_size(r, "image_size", s, ctx); !st) return st.error();
  return s;
}

DatasetFormat detect(const json& row) {
  if (row.contains("box_type") || row.contains("box_coordinates") || row.contains("image_path"))
    return DatasetFormat::kOsWorldG;
  // The same rule the contract checker uses: Pro rows carry img_size or ui_type.
  if (row.contains("img_size") || row.contains("ui_type")) return DatasetFormat::kScreenSpotPro;
  if (row.contains("img_filename")) return DatasetFormat::kScreenSpot;
  return DatasetFormat::kAuto;
}

}  // namespace

bool Target::hit(const std::optional<Point>& point) const {
  switch (kind) {
    case Kind::kRefusal: return !point.has_value();
    case Kind::kPolygon: return point && contains(polygon, *point);
    case Kind::kBox: return point && contains(box, *point);
  }
  return false;
}

std::optional<Box> Target::iou_box() const {
  if (is_refusal()) return std::nullopt;
  return box;
}

Result<DatasetFormat> parse_dataset_format(const std::string& name) {
  if (name.empty() || name == "auto") return DatasetFormat::kAuto;
  if (name == "screenspot" || name == "screenspot-v1" || name == "screenspot-v2" || name == "v1" || name == "v2")
    return DatasetFormat::kScreenSpot;
  if (name == "screenspot-pro" || name == "pro") return DatasetFormat::kScreenSpotPro;
  if (name == "osworld-g" || name == "osworld") return DatasetFormat::kOsWorldG;
  return Error::invalid("unknown data set format \"" + name + "\" (known: auto, screenspot, screenspot-pro, osworld-g)");
}

const char* dataset_format_name(DatasetFormat format) {
  switch (format) {
    case DatasetFormat::kAuto: return "auto";
    case DatasetFormat::kScreenSpot: return "screenspot";
    case DatasetFormat::kScreenSpotPro: return "screenspot-pro";
    case DatasetFormat::kOsWorldG: return "osworld-g";
  }
  return "?";
}

Result<Dataset> parse_dataset(const std::string& json_text, const std::string& source, DatasetFormat format,
                              bool strict) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers like 1e309
    return Error::parse(source + ": not valid JSON: " + e.what());
  }
  if (!doc.is_array()) return Error::invalid(source + ": a data set must be a JSON array of rows, got " + doc.type_name());

  Dataset ds;
  ds.path = source;
  ds.format = format;
  const std::string platform = platform_from_file_name(source);
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const RowContext ctx{source, i, strict, &ds.warnings};
    const json& r = doc[i];
    if (!r.is_object()) return ctx.fail(std::string("a row must be a JSON object, got ") + r.type_name());
    if (ds.format == DatasetFormat::kAuto) {
      ds.format = detect(r);
      if (ds.format == DatasetFormat::kAuto)
        return ctx.fail("cannot tell the layout (no img_filename, image_path or box_type); pass --format");
    }
    Result<Sample> s = ds.format == DatasetFormat::kScreenSpot      ? read_screenspot(r, ctx, platform)
                       : ds.format == DatasetFormat::kScreenSpotPro ? read_screenspot_pro(r, ctx)
                                                                    : read_osworld_g(r, ctx);
    if (!s) return s.error();
    if (s->target.kind == Target::Kind::kBox) {
      const char* key = ds.format == DatasetFormat::kOsWorldG ? "box_coordinates" : "bbox";
      auto box = clamp_to_image(s->target.box, s->img_width, s->img_height, key, ctx);
      if (!box) return box.error();
      s->target.box = *box;
    }
    auto id = sample_id(r, ctx);
    if (!id) return id.error();
    s->id = *id;
    s->row = i;
    ds.samples.push_back(std::move(*s));
  }
  return ds;
}

Result<Dataset> load_dataset(const std::string& path, DatasetFormat format, bool strict) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::io("cannot open data set " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error::io("cannot read data set " + path);
  return parse_dataset(text.str(), path, format, strict);
}

}  // namespace humain
