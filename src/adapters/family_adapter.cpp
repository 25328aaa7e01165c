#include "adapters/family_adapter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace humain::adapters {
namespace {

// How far outside its range a coordinate may be before it is an error rather than a rounding slip.
constexpr double kRangeSlack = 0.01;

double space_extent(CoordSpace space, int sent_extent) {
  switch (space) {
    case CoordSpace::kThousandths: return 1000.0;
    case CoordSpace::kUnit: return 1.0;
    case CoordSpace::kSentPixels: return sent_extent;
  }
  return 1.0;
}

Result<ImageSize> check_size(ImageSize s) {
  if (s.width < 1 || s.height < 1) {
    return Error::invalid("image of " + std::to_string(s.width) + "x" + std::to_string(s.height) + " pixels has no area");
  }
  if (static_cast<double>(std::max(s.width, s.height)) / std::min(s.width, s.height) > 200) {
    return Error::invalid("aspect ratio of " + std::to_string(s.width) + "x" + std::to_string(s.height) + " exceeds 200");
  }
  return s;
}

class FamilyAdapter final : public Adapter {
 public:
  explicit FamilyAdapter(FamilySpec spec) : spec_(std::move(spec)) {}

  std::string family() const override { return spec_.name; }

  Result<ImageSize> image_size(ImageSize original) const override {
    auto ok = check_size(original);
    if (!ok) return Error::invalid(spec_.name + ": " + ok.error().message);
    return spec_.image_size(original);
  }

  PromptSpec prompt(std::string_view instruction, ImageSize sent) const override {
    return spec_.prompt(instruction, sent);
  }

  Result<Grounding> parse(const ChatResponse& response, ImageSize original, ImageSize sent) const override {
    if (original.width < 1 || original.height < 1 || sent.width < 1 || sent.height < 1) {
      return Error::invalid(spec_.name + ": parse needs the original and sent image sizes");
    }
    auto raw = extract_coordinates(response, spec_.extract);
    if (!raw) return Error::parse(spec_.name + ": " + raw.error().message);
    const auto& v = raw->values;
    const double ex = space_extent(spec_.space, sent.width), ey = space_extent(spec_.space, sent.height);
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double extent = (i % 2 == 0) ? ex : ey;
      if (!std::isfinite(v[i]) || v[i] < -kRangeSlack * extent || v[i] > (1 + kRangeSlack) * extent) {
        return Error::parse(spec_.name + ": coordinate " + SpaceTarget::num(v[i], 3) + " is outside the image (range 0-" +
                            SpaceTarget::num(extent, 0) + "): \"" + response.text.substr(0, 200) + "\"");
      }
    }
    // Model space -> original pixels.
    const double sx = original.width / ex, sy = original.height / ey;
    auto px = [&](double x) { return std::clamp(x * sx, 0.0, static_cast<double>(original.width)); };
    auto py = [&](double y) { return std::clamp(y * sy, 0.0, static_cast<double>(original.height)); };
    Grounding g;
    if (raw->is_box()) {
      Box b = normalized(Box{px(v[0]), py(v[1]), px(v[2]), py(v[3])});
      g.box = b;
      g.point = b.center();
    } else {
      g.point = Point{px(v[0]), py(v[1])};
    }
    return g;
  }

  ChatResponse render(const Box& target, ImageSize original, ImageSize sent) const override {
    const double ex = space_extent(spec_.space, sent.width), ey = space_extent(spec_.space, sent.height);
    const double sx = ex / std::max(1, original.width), sy = ey / std::max(1, original.height);
    const Box t = normalized(target);
    SpaceTarget st{Box{t.x1 * sx, t.y1 * sy, t.x2 * sx, t.y2 * sy}, t, original, sent, spec_.space};
    return spec_.render(st);
  }

 private:
  FamilySpec spec_;
};

}  // namespace

std::string SpaceTarget::num(double v, int d) {
  char buf[64];
  if (d <= 0) {
    std::snprintf(buf, sizeof buf, "%.0f", std::nearbyint(v) == 0 ? 0.0 : std::nearbyint(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.*f", d, v);
  }
  return buf;
}

int SpaceTarget::decimals(int preferred, bool as_box) const {
  const double ex = space_extent(space, sent.width), ey = space_extent(space, sent.height);
  const double sx = original.width / ex, sy = original.height / ey;
  for (int d = preferred; d < preferred + 4; ++d) {
    auto r = [d](double v) { return std::stod(num(v, d)); };
    Point p = as_box ? Point{(r(box.x1) + r(box.x2)) / 2, (r(box.y1) + r(box.y2)) / 2} : Point{r(box.center().x), r(box.center().y)};
    if (contains(original_box, Point{p.x * sx, p.y * sy})) return d;
  }
  return preferred + 4;
}

std::function<Result<ImageSize>(ImageSize)> qwen_sizing(int factor, std::int64_t min_pixels, std::int64_t max_pixels) {
  return [=](ImageSize s) { return smart_resize(s.height, s.width, factor, min_pixels, max_pixels); };
}

std::function<Result<ImageSize>(ImageSize)> fit_within(int max_edge, std::int64_t max_pixels) {
  return [=](ImageSize s) -> Result<ImageSize> {
    double scale = std::min(1.0, static_cast<double>(max_edge) / std::max(s.width, s.height));
    scale = std::min(scale, std::sqrt(static_cast<double>(max_pixels) / (static_cast<double>(s.width) * s.height)));
    if (scale >= 1.0) return s;
    // The small epsilon keeps 1920 * (1456/1920) at 1456 instead of 1455.9999.
    return ImageSize{std::max(1, static_cast<int>(std::floor(s.width * scale + 1e-6))),
                     std::max(1, static_cast<int>(std::floor(s.height * scale + 1e-6)))};
  };
}

std::string fill(std::string_view pattern, std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      out += value;
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

ChatResponse text_answer(std::string text) {
  ChatResponse r;
  r.text = std::move(text);
  r.finish_reason = "stop";
  return r;
}

std::unique_ptr<Adapter> make_family_adapter(FamilySpec spec) { return std::make_unique<FamilyAdapter>(std::move(spec)); }

}  // namespace humain::adapters
