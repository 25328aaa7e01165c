// Gemini: box_2d = [ymin, xmin, ymax, xmax] normalised to 0-1000 (Google's spatial-understanding docs).
#include "adapters/family_adapter.h"

namespace humain::adapters {

FamilySpec gemini_family() {
  FamilySpec s;
  s.name = "gemini";
  s.space = CoordSpace::kThousandths;
  s.extract.yx_order = true;
  // Coordinates are relative, so the size only bounds the upload; Gemini tiles images up to 3072 px.
  s.image_size = fit_within(3072, 3072LL * 3072LL);
  s.prompt = [](std::string_view instruction, ImageSize) {
    PromptSpec p;
    p.prompt = fill(
        "Detect the UI element matching the instruction \"{}\" in this screenshot. Output a JSON list with one entry "
        "where \"box_2d\" is its box as [ymin, xmin, ymax, xmax] normalized to 0-1000 and \"label\" names it.",
        instruction);
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    const int d = t.decimals(0, true);
    return text_answer("```json\n[\n  {\"box_2d\": [" + SpaceTarget::num(t.box.y1, d) + ", " + SpaceTarget::num(t.box.x1, d) +
                       ", " + SpaceTarget::num(t.box.y2, d) + ", " + SpaceTarget::num(t.box.x2, d) +
                       "], \"label\": \"target\"}\n]\n```");
  };
  return s;
}

}  // namespace humain::adapters
