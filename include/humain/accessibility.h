// The accessibility tier: what the apps themselves say is on screen (AT-SPI on Linux), read through
// libatspi. Names, roles, states and exact extents; used to resolve an instruction without pixels,
// to snap a vision answer to the real element's box, and to verify that an action took effect.
//
//   auto bus   = humain::AccessibilityBus::connect(desk->ui_scale());   // error: no AT-SPI bus
//   auto tree  = (*bus)->snapshot("galculator");                        // elements showing now
//   auto match = humain::match_element(*tree, "click 7");               // best element + confidence
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "humain/geometry.h"
#include "humain/grounder.h"
#include "humain/result.h"

namespace humain {

// The source name the accessibility tier writes in predictions, audit lines and metrics.
inline constexpr const char* kAccessibilitySource = "accessibility";

struct AccessibleElement {
  std::string name;                  // accessible name: "7", "Save", "Bold"
  std::string role;                  // AT-SPI role name: "push button", "check box", "text", "slider"
  std::string description;
  std::string text;                  // Text interface contents (first 4 KB), when it has one
  std::optional<double> value;       // Value interface (sliders, spin buttons, progress bars)
  Box box;                           // screen pixels (logical extents times the UI scale)
  std::vector<std::string> states;   // "focused", "checked", "pressed", "selected", "sensitive", ...
  std::string app;                   // application name
  std::string window;                // title of the frame or dialog it sits in
  bool actionable = false;           // has an Action interface, or is an editable/selectable control
  int depth = 0;

  bool has(std::string_view state) const;
  // "push button \"7\" [galculator]": for messages.
  std::string describe() const;
};

// An AT-SPI event the apps sent (object:state-changed:checked, object:text-changed:insert,
// window:create, ...): the apps' own word that something happened.
struct AccessibleEvent {
  std::string type;                  // "object:state-changed:checked", "window:create", ...
  int detail1 = 0;                   // state-changed: 1 = on, 0 = off; text-changed: offset
  std::string source;                // describe() of the element that sent it ("role \"name\"")
  std::string app;
};

class AccessibilityBus {
 public:
  virtual ~AccessibilityBus() = default;
  AccessibilityBus() = default;
  AccessibilityBus(const AccessibilityBus&) = delete;
  AccessibilityBus& operator=(const AccessibilityBus&) = delete;

  // Connects to the AT-SPI bus of the session (D-Bus). `ui_scale` turns logical extents into
  // physical pixels. Error (kUnsupported) when there is no session bus or no AT-SPI bus on it.
  static Result<std::unique_ptr<AccessibilityBus>> connect(double ui_scale = 1);

  // Names of the applications registered on the bus.
  virtual Result<std::vector<std::string>> applications() = 0;
  // Titles of the showing frames and dialogs of every application (to see windows open and close).
  virtual Result<std::vector<std::string>> window_titles() = 0;
  // Every showing element, depth first, of the windows whose title contains `window` (all when
  // empty; matching is case-insensitive). Reads live values (no stale cache). At most 5000 nodes.
  virtual Result<std::vector<AccessibleElement>> snapshot(const std::string& window = "") = 0;

  // Starts recording events (state, text, value, selection changes; windows created, destroyed,
  // activated). Error when the registry refuses the listeners; then nothing is recorded.
  virtual Status listen_for_events() = 0;
  // The events that arrived since the last call (dispatches what is pending first). At most 2000
  // are kept between calls; older ones are dropped.
  virtual std::vector<AccessibleEvent> take_events() = 0;
};

// The element an instruction names ("click 7", "Toggle the Bold check box", "type in the search
// field"), with a confidence in 0..1; nullopt when nothing matches. Pure: no bus needed.
struct ElementMatch {
  AccessibleElement element;
  double confidence = 0;
};
std::optional<ElementMatch> match_element(const std::vector<AccessibleElement>& elements, std::string_view instruction);

// The smallest actionable element whose box holds `p` (screen pixels): what a click there hits.
std::optional<AccessibleElement> element_at(const std::vector<AccessibleElement>& elements, Point p);

// The elements an accessibility grounder sees, and the screen position of the capture's (0, 0).
struct AccessibleView {
  std::vector<AccessibleElement> elements;
  Point origin;
};

// A Grounder ("accessibility") answering from a tree instead of pixels: the box is the element's
// extents mapped into the screenshot's pixels, source kAccessibilitySource. `view` is called once
// per find_element (it usually takes a fresh snapshot).
std::unique_ptr<Grounder> make_accessibility_grounder(std::function<Result<AccessibleView>()> view);

// Moves a vision prediction onto the element the AT-SPI tree has under its point: the box becomes
// the element's extents and the point its centre (pixels of the capture whose origin is given).
// Returns false and leaves `p` alone when no actionable element is under the point.
bool snap_to_element(Prediction& p, const std::vector<AccessibleElement>& elements, Point origin);

}  // namespace humain
