// The X11 implementation of humain::Desktop: one Display* per object, closed with it.
#pragma once

#include <string>

#include "humain/desktop.h"

// Xlib's handle, declared here so this header does not pull in Xlib (whose `Status` macro
// would clash with humain::Status).
typedef struct _XDisplay Display;

namespace humain::desktop {

class X11Desktop : public Desktop {
 public:
  explicit X11Desktop(Display* dpy);
  ~X11Desktop() override;

  std::string name() const override;
  int width() const override;
  int height() const override;
  double ui_scale() const override { return ui_scale_; }

  Result<std::vector<WindowInfo>> windows() override;
  Result<WindowInfo> find_window(const std::string& id_or_title) override;
  Result<Capture> capture(std::uint64_t window) override;               // x11_capture.cpp

  Status move(Point p) override;                                        // xtest_input.cpp
  Status click(Point p, MouseButton button, int count) override;
  Status drag(Point from, Point to) override;
  Status scroll(Point p, int dy, int dx) override;
  Status type_text(std::string_view utf8) override;
  Status key_chord(std::string_view chord) override;
  Status focus(std::uint64_t window) override;
  std::uint64_t window_at(Point p) override;

 private:
  Status press_keysym(unsigned long keysym, const std::vector<unsigned long>& modifiers);
  Result<Box> window_box(unsigned long w);
  Display* dpy_;
  double ui_scale_ = 1;
  bool shm_ok_ = true;  // cleared after the first XShm failure, so later captures go straight to XGetImage
};

}  // namespace humain::desktop
