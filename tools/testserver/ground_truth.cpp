#include "ground_truth.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace humain::testserver {

Result<GroundTruth> GroundTruth::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::io("cannot read data set " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Error::parse(path + ": expected a JSON array of rows");
  GroundTruth gt;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& r = j[i];
    const std::string at = path + ": row " + std::to_string(i);
    if (!r.is_object() || !r.contains("instruction") || !r["instruction"].is_string()) return Error::parse(at + ": no instruction");
    const auto& b = r.value("bbox", nlohmann::json());
    if (!b.is_array() || b.size() != 4 || !b[0].is_number() || !b[1].is_number() || !b[2].is_number() || !b[3].is_number()) {
      return Error::parse(at + ": bbox must be 4 numbers");
    }
    const auto& size = r.value("img_size", nlohmann::json());
    if (!size.is_array() || size.size() != 2 || !size[0].is_number() || !size[1].is_number()) {
      return Error::parse(at + ": img_size must be [width, height]");
    }
    GroundTruthRow row;
    row.instruction = r["instruction"].get<std::string>();
    row.id = r.contains("id") ? (r["id"].is_string() ? r["id"].get<std::string>() : r["id"].dump()) : std::to_string(i);
    const double a = b[0], c = b[1], d = b[2], e = b[3];
    row.box = r.value("bbox_format", "") == "xywh" ? Box::from_xywh(a, c, d, e) : Box{a, c, d, e};
    row.width = size[0];
    row.height = size[1];
    gt.rows_.push_back(std::move(row));
  }
  return gt;
}

std::optional<GroundTruthRow> GroundTruth::find(const std::string& prompt, int sent_width, int sent_height) const {
  const GroundTruthRow* best = nullptr;
  double best_aspect_gap = 1e9;
  for (const auto& row : rows_) {
    if (row.instruction.empty() || prompt.find(row.instruction) == std::string::npos) continue;
    double gap = 0;
    if (sent_width > 0 && sent_height > 0 && row.width > 0 && row.height > 0) {
      gap = std::fabs(std::log((double(sent_width) / sent_height) / (double(row.width) / row.height)));
    }
    const bool longer = !best || row.instruction.size() > best->instruction.size();
    const bool same_len_closer = best && row.instruction.size() == best->instruction.size() && gap < best_aspect_gap;
    if (longer || same_len_closer) {
      best = &row;
      best_aspect_gap = gap;
    }
  }
  if (!best) return std::nullopt;
  return *best;
}

std::vector<GroundTruthRow> GroundTruth::find_all(const std::string& prompt) const {
  std::vector<GroundTruthRow> out;
  for (const auto& row : rows_) {
    if (!row.instruction.empty() && prompt.find(row.instruction) != std::string::npos) out.push_back(row);
  }
  std::stable_sort(out.begin(), out.end(), [](const GroundTruthRow& a, const GroundTruthRow& b) {
    return a.instruction.size() > b.instruction.size();
  });
  return out;
}

}  // namespace humain::testserver
