// Desktop: one X11 display seen and driven by humain. Capture goes straight into a Screenshot (XShm,
// falling back to XGetImage: no PNG round trip); input goes through XTest.
//
//   auto desk = humain::Desktop::open(":99");             // Result<unique_ptr<Desktop>>
//   auto win  = (*desk)->find_window("galculator");        // by title (substring) or id ("0x1c00007")
//   auto shot = (*desk)->capture(win->id);                 // Capture{screen, origin}
//   (*desk)->click(shot->to_screen(p));                    // screen coordinates
//
// Coordinates: capture pixels and XTest coordinates are both physical pixels of the X screen, so a
// point found in a capture maps to the screen by adding the capture's origin, whatever the HiDPI
// scale; `ui_scale()` is only needed for sources that report logical pixels (AT-SPI under GDK_SCALE).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "humain/geometry.h"
#include "humain/image.h"
#include "humain/result.h"

namespace humain {

// A mapped top-level window (a child of the root with a title, or the client inside a WM frame).
struct WindowInfo {
  std::uint64_t id = 0;
  std::string title;
  Box box;            // screen pixels
  int pid = 0;        // _NET_WM_PID when the app sets it, else 0
  bool popup = false; // override-redirect: a tooltip or menu, which never takes the keyboard focus
};

// A screenshot and where its pixel (0, 0) sits on the screen.
struct Capture {
  Screenshot screen;
  Point origin;               // screen pixels of the capture's top-left corner
  std::uint64_t window = 0;   // 0 = the whole screen
  bool used_shm = false;      // XShm answered (false: XGetImage fallback)

  Point to_screen(Point p) const { return {p.x + origin.x, p.y + origin.y}; }
  Box to_screen(const Box& b) const { return {b.x1 + origin.x, b.y1 + origin.y, b.x2 + origin.x, b.y2 + origin.y}; }
  Box to_capture(const Box& b) const { return {b.x1 - origin.x, b.y1 - origin.y, b.x2 - origin.x, b.y2 - origin.y}; }
};

enum class MouseButton { kLeft = 1, kMiddle = 2, kRight = 3 };

class Desktop {
 public:
  virtual ~Desktop() = default;
  Desktop() = default;
  Desktop(const Desktop&) = delete;
  Desktop& operator=(const Desktop&) = delete;

  // Connects to `display` ("" = $DISPLAY). Errors: no display named, cannot connect, no XTest.
  static Result<std::unique_ptr<Desktop>> open(const std::string& display = "");

  // The display's name (":99") and screen size in pixels.
  virtual std::string name() const = 0;
  virtual int width() const = 0;
  virtual int height() const = 0;
  // Logical -> physical pixel factor: GDK_SCALE / QT_SCALE_FACTOR when set, else Xft.dpi / 96, else 1.
  virtual double ui_scale() const = 0;

  // Mapped windows with a title, topmost last.
  virtual Result<std::vector<WindowInfo>> windows() = 0;
  // A window by id ("0x1c00007" or decimal) or title (exact, else case-insensitive substring;
  // the topmost match wins). Error kNotFound lists the titles seen.
  virtual Result<WindowInfo> find_window(const std::string& id_or_title) = 0;

  // The whole screen (window = 0) or one window's on-screen area.
  virtual Result<Capture> capture(std::uint64_t window = 0) = 0;

  // Input, in screen pixels. Each call is flushed and synced before it returns.
  virtual Status move(Point p) = 0;
  virtual Status click(Point p, MouseButton button = MouseButton::kLeft, int count = 1) = 0;
  virtual Status drag(Point from, Point to) = 0;
  // Wheel notches at p: dy > 0 scrolls down, dx > 0 right.
  virtual Status scroll(Point p, int dy, int dx = 0) = 0;
  // Types UTF-8 text; characters without a key on the current layout are mapped to a spare keycode.
  virtual Status type_text(std::string_view utf8) = 0;
  // A chord such as "ctrl+s", "ctrl+shift+Tab", "Return", "alt+F4" (names: X keysyms, case-insensitive aliases).
  virtual Status key_chord(std::string_view chord) = 0;
  // Gives keyboard focus to a window (and raises it): no window manager does it under Xvfb.
  virtual Status focus(std::uint64_t window) = 0;
  // The top-level window at a screen point (0 when none).
  virtual std::uint64_t window_at(Point p) = 0;
};

}  // namespace humain
