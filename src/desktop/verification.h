// Did the action take effect? Pixel diff of two captures plus the AT-SPI tree before and after.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "humain/accessibility.h"
#include "humain/act.h"
#include "humain/desktop.h"

namespace humain::desktop {

// Fraction (0..1) of pixels whose largest channel difference exceeds 24 inside `region` (capture
// pixels, clipped); a size change counts as everything changed.
double changed_fraction(const Screenshot& before, const Screenshot& after, const std::optional<Box>& region = std::nullopt);

struct VerifyInput {
  ActionKind action = ActionKind::kClick;
  std::string typed;                                  // kType: the text
  const Capture* before = nullptr;
  const Capture* after = nullptr;
  std::optional<Box> target;                          // screen pixels: the element acted on
  std::optional<AccessibleElement> hit;               // AT-SPI element under the point, before
  const std::vector<AccessibleElement>* tree_before = nullptr;  // null without AT-SPI
  const std::vector<AccessibleElement>* tree_after = nullptr;
  const std::vector<std::string>* windows_before = nullptr;
  const std::vector<std::string>* windows_after = nullptr;
  const std::vector<AccessibleEvent>* events = nullptr;  // AT-SPI events from the action to now; null = not listening
};

// The rules (docs/ACT.md): passes on any AT-SPI evidence (an event the apps sent: a state, text,
// value or selection change, a window created or destroyed; or, from the trees before and after:
// the target's state, text or value changed, the focus moved, text was inserted, a window opened or
// closed) or on pixels: >= 2% of the padded target region or >= 0.05% of the capture changed.
Verification verify_effect(const VerifyInput& in);

}  // namespace humain::desktop
