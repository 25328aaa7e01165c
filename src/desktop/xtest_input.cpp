// Input through XTest: pointer motion, buttons, wheel, keys. Every call ends with XSync so the
// server has queued the events before we capture or verify.

#include <chrono>
#include <cmath>
#include <thread>

#include "keysyms.h"
#include "x11_desktop.h"

#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#undef Status  // Xlib's macro; humain::Status is meant below

namespace humain::desktop {
namespace {

void pause_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

Status check_point(const Desktop& d, Point p) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y) || p.x < 0 || p.y < 0 || p.x >= d.width() || p.y >= d.height()) {
    return Error::invalid("point (" + std::to_string(p.x) + ", " + std::to_string(p.y) + ") is off the " +
                          std::to_string(d.width()) + "x" + std::to_string(d.height()) + " screen");
  }
  return ok_status();
}

// A keycode with no keysym at all, borrowed for characters the layout lacks; 0 when there is none.
KeyCode spare_keycode(Display* dpy) {
  int lo = 0, hi = 0, per = 0;
  XDisplayKeycodes(dpy, &lo, &hi);
  KeySym* map = XGetKeyboardMapping(dpy, static_cast<KeyCode>(lo), hi - lo + 1, &per);
  if (!map) return 0;
  KeyCode found = 0;
  for (int kc = hi; kc >= lo && !found; --kc) {
    bool empty = true;
    for (int k = 0; k < per; ++k) empty = empty && map[(kc - lo) * per + k] == NoSymbol;
    if (empty) found = static_cast<KeyCode>(kc);
  }
  XFree(map);
  return found;
}

}  // namespace

Status X11Desktop::move(Point p) {
  if (auto s = check_point(*this, p); !s) return s;
  XTestFakeMotionEvent(dpy_, DefaultScreen(dpy_), static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)), CurrentTime);
  XSync(dpy_, False);
  return ok_status();
}

Status X11Desktop::click(Point p, MouseButton button, int count) {
  if (auto s = move(p); !s) return s;
  pause_ms(30);  // let the toolkit see the pointer enter (hover) before the press
  for (int i = 0; i < std::max(1, count); ++i) {
    XTestFakeButtonEvent(dpy_, static_cast<unsigned>(button), True, CurrentTime);
    XSync(dpy_, False);
    pause_ms(20);
    XTestFakeButtonEvent(dpy_, static_cast<unsigned>(button), False, CurrentTime);
    XSync(dpy_, False);
    if (i + 1 < count) pause_ms(60);  // well inside the toolkits' double-click time (250-400 ms)
  }
  return ok_status();
}

Status X11Desktop::drag(Point from, Point to) {
  if (auto s = check_point(*this, to); !s) return s;
  if (auto s = move(from); !s) return s;
  pause_ms(30);
  XTestFakeButtonEvent(dpy_, 1, True, CurrentTime);
  XSync(dpy_, False);
  constexpr int kSteps = 12;  // intermediate motion: toolkits ignore a press-release with one jump
  for (int i = 1; i <= kSteps; ++i) {
    pause_ms(15);
    const Point q{from.x + (to.x - from.x) * i / kSteps, from.y + (to.y - from.y) * i / kSteps};
    XTestFakeMotionEvent(dpy_, DefaultScreen(dpy_), static_cast<int>(std::lround(q.x)), static_cast<int>(std::lround(q.y)), CurrentTime);
    XSync(dpy_, False);
  }
  pause_ms(30);
  XTestFakeButtonEvent(dpy_, 1, False, CurrentTime);
  XSync(dpy_, False);
  return ok_status();
}

Status X11Desktop::scroll(Point p, int dy, int dx) {
  if (auto s = move(p); !s) return s;
  auto notches = [&](int n, unsigned neg, unsigned pos) {
    for (int i = 0; i < std::abs(n); ++i) {
      const unsigned b = n < 0 ? neg : pos;
      XTestFakeButtonEvent(dpy_, b, True, CurrentTime);
      XTestFakeButtonEvent(dpy_, b, False, CurrentTime);
      XSync(dpy_, False);
      pause_ms(20);
    }
  };
  notches(dy, 4, 5);  // X buttons 4/5: wheel up/down, 6/7: left/right
  notches(dx, 6, 7);
  return ok_status();
}

Status X11Desktop::press_keysym(unsigned long keysym, const std::vector<unsigned long>& modifiers) {
  std::vector<KeyCode> mods;
  for (unsigned long m : modifiers) {
    const KeyCode kc = XKeysymToKeycode(dpy_, m);
    if (!kc) return Error::unsupported("the keyboard has no key for modifier keysym " + std::to_string(m));
    mods.push_back(kc);
  }
  KeyCode kc = XKeysymToKeycode(dpy_, keysym);
  bool shift = false;
  KeyCode borrowed = 0;
  if (kc) {
    if (XkbKeycodeToKeysym(dpy_, kc, 0, 0) != keysym) shift = XkbKeycodeToKeysym(dpy_, kc, 0, 1) == keysym;
    if (XkbKeycodeToKeysym(dpy_, kc, 0, 0) != keysym && !shift) kc = 0;  // only on a level we cannot reach
  }
  if (!kc) {
    borrowed = spare_keycode(dpy_);
    if (!borrowed) return Error::unsupported("no spare keycode to type keysym " + std::to_string(keysym));
    KeySym syms[2] = {keysym, keysym};
    XChangeKeyboardMapping(dpy_, borrowed, 2, syms, 1);
    XSync(dpy_, False);
    pause_ms(40);  // clients must read the MappingNotify before the key arrives
    kc = borrowed;
  }
  if (shift) mods.push_back(XKeysymToKeycode(dpy_, XK_Shift_L));
  for (KeyCode m : mods) XTestFakeKeyEvent(dpy_, m, True, CurrentTime);
  XTestFakeKeyEvent(dpy_, kc, True, CurrentTime);
  XTestFakeKeyEvent(dpy_, kc, False, CurrentTime);
  for (auto it = mods.rbegin(); it != mods.rend(); ++it) XTestFakeKeyEvent(dpy_, *it, False, CurrentTime);
  XSync(dpy_, False);
  if (borrowed) {
    pause_ms(40);
    KeySym none[2] = {NoSymbol, NoSymbol};
    XChangeKeyboardMapping(dpy_, borrowed, 2, none, 1);
    XSync(dpy_, False);
  }
  pause_ms(8);
  return ok_status();
}

Status X11Desktop::type_text(std::string_view utf8) {
  auto syms = keysyms_for_text(utf8);
  if (!syms) return syms.error();
  for (unsigned long ks : *syms) {
    if (auto s = press_keysym(ks, {}); !s) return s;
  }
  return ok_status();
}

Status X11Desktop::key_chord(std::string_view chord) {
  auto parsed = parse_key_chord(chord);
  if (!parsed) return parsed.error();
  return press_keysym(parsed->key, parsed->modifiers);
}

}  // namespace humain::desktop
