// Data set rows in every layout (auto-detected, then each layout forced, lenient and --strict),
// and the image-path rule applied to every row's image.
#include <cstddef>
#include <cstdint>
#include <string>

#include "eval/image_path.h"
#include "humain/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto format : {humain::DatasetFormat::kAuto, humain::DatasetFormat::kScreenSpot,
                            humain::DatasetFormat::kScreenSpotPro, humain::DatasetFormat::kOsWorldG}) {
    for (const bool strict : {false, true}) {
      auto ds = humain::parse_dataset(text, "fuzz.json", format, strict);
      if (!ds) continue;
      for (const auto& s : ds->samples) {
        (void)humain::image_path_under("/nonexistent-images", s.image, /*allow_paths=*/false);
        (void)s.target.hit(s.target.box.center());
      }
    }
  }
  return 0;
}
