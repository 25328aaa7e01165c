// The test server's answers: ground-truth boxes from a ScreenSpot-Pro-layout data set, found by
// the instruction quoted in the prompt (and the sent image's aspect ratio when several rows match).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "humain/geometry.h"
#include "humain/result.h"

namespace humain::testserver {

struct GroundTruthRow {
  std::string id;
  std::string instruction;
  Box box;            // pixels of the original screenshot
  int width = 0;      // img_size
  int height = 0;
};

class GroundTruth {
 public:
  // Reads a JSON array of rows with `instruction`, `bbox` [x1,y1,x2,y2] and `img_size` [w,h]
  // (ScreenSpot-Pro); rows with `bbox` as [x,y,w,h] need "bbox_format":"xywh" on the row.
  static Result<GroundTruth> load(const std::string& path);

  // The row whose instruction occurs in `prompt` (the longest such); ties go to the row whose
  // screenshot aspect ratio is closest to the sent image's (0x0 = unknown).
  std::optional<GroundTruthRow> find(const std::string& prompt, int sent_width, int sent_height) const;

  // Every row whose instruction occurs in `prompt`, longest instruction first (set-of-marks
  // answers pick among rows that share an instruction by the screen size and the marks).
  std::vector<GroundTruthRow> find_all(const std::string& prompt) const;

  std::size_t size() const { return rows_.size(); }

 private:
  std::vector<GroundTruthRow> rows_;
};

}  // namespace humain::testserver
