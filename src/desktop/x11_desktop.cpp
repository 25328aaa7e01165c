#include "x11_desktop.h"


#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>

#include <X11/Xatom.h>
#include <X11/Xresource.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#undef Status  // Xlib's macro; humain::Status is meant below

namespace humain::desktop {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Xlib's default error handler exits the process; a window that vanishes mid-walk must not.
int ignore_x_errors(Display*, XErrorEvent*) { return 0; }

std::string window_title(Display* dpy, Window w) {
  const Atom net_name = XInternAtom(dpy, "_NET_WM_NAME", False);
  const Atom utf8 = XInternAtom(dpy, "UTF8_STRING", False);
  Atom type = None;
  int format = 0;
  unsigned long n = 0, after = 0;
  unsigned char* data = nullptr;
  std::string title;
  if (XGetWindowProperty(dpy, w, net_name, 0, 1024, False, utf8, &type, &format, &n, &after, &data) == Success && data) {
    title.assign(reinterpret_cast<char*>(data), n);
    XFree(data);
  }
  if (title.empty()) {
    char* name = nullptr;
    if (XFetchName(dpy, w, &name) && name) {
      title = name;
      XFree(name);
    }
  }
  return title;
}

int window_pid(Display* dpy, Window w) {
  const Atom pid_atom = XInternAtom(dpy, "_NET_WM_PID", False);
  Atom type = None;
  int format = 0;
  unsigned long n = 0, after = 0;
  unsigned char* data = nullptr;
  int pid = 0;
  if (XGetWindowProperty(dpy, w, pid_atom, 0, 1, False, XA_CARDINAL, &type, &format, &n, &after, &data) == Success && data) {
    if (n == 1 && format == 32) pid = static_cast<int>(*reinterpret_cast<unsigned long*>(data));
    XFree(data);
  }
  return pid;
}

double scale_from_environment(Display* dpy) {
  for (const char* var : {"GDK_SCALE", "QT_SCALE_FACTOR"}) {
    if (const char* v = std::getenv(var); v && *v) {
      const double s = std::atof(v);
      if (s >= 1 && s <= 8) return s;
    }
  }
  if (const char* rm = XResourceManagerString(dpy)) {
    XrmInitialize();
    XrmDatabase db = XrmGetStringDatabase(rm);
    char* type = nullptr;
    XrmValue value;
    double s = 1;
    if (db && XrmGetResource(db, "Xft.dpi", "Xft.Dpi", &type, &value) && value.addr) s = std::atof(value.addr) / 96.0;
    if (db) XrmDestroyDatabase(db);
    if (s >= 1 && s <= 8) return s;
  }
  return 1;
}

}  // namespace

X11Desktop::X11Desktop(Display* dpy) : dpy_(dpy), ui_scale_(scale_from_environment(dpy)) {}
X11Desktop::~X11Desktop() { XCloseDisplay(dpy_); }

std::string X11Desktop::name() const { return DisplayString(dpy_); }
int X11Desktop::width() const { return DisplayWidth(dpy_, DefaultScreen(dpy_)); }
int X11Desktop::height() const { return DisplayHeight(dpy_, DefaultScreen(dpy_)); }

Result<Box> X11Desktop::window_box(unsigned long w) {
  XWindowAttributes attr;
  if (!XGetWindowAttributes(dpy_, w, &attr)) return Error::not_found("window vanished");
  int x = 0, y = 0;
  Window child = 0;
  XTranslateCoordinates(dpy_, w, DefaultRootWindow(dpy_), 0, 0, &x, &y, &child);
  return Box::from_xywh(x, y, attr.width, attr.height);
}

Result<std::vector<WindowInfo>> X11Desktop::windows() {
  std::vector<WindowInfo> out;
  // Top-level children of the root, in stacking order; a WM frame's titled client is used instead.
  std::function<void(Window, int)> visit = [&](Window w, int depth) {
    XWindowAttributes attr;
    if (!XGetWindowAttributes(dpy_, w, &attr) || attr.map_state != IsViewable) return;
    std::string title = window_title(dpy_, w);
    if (!title.empty()) {
      auto box = window_box(w);
      if (box) out.push_back({static_cast<std::uint64_t>(w), title, *box, window_pid(dpy_, w), attr.override_redirect == True});
      return;
    }
    if (depth >= 2) return;
    Window root = 0, parent = 0, *kids = nullptr;
    unsigned int n = 0;
    if (!XQueryTree(dpy_, w, &root, &parent, &kids, &n)) return;
    for (unsigned i = 0; i < n; ++i) visit(kids[i], depth + 1);
    if (kids) XFree(kids);
  };
  auto* old = XSetErrorHandler(ignore_x_errors);
  Window root = 0, parent = 0, *kids = nullptr;
  unsigned int n = 0;
  if (XQueryTree(dpy_, DefaultRootWindow(dpy_), &root, &parent, &kids, &n)) {
    for (unsigned i = 0; i < n; ++i) visit(kids[i], 1);
    if (kids) XFree(kids);
  }
  XSync(dpy_, False);
  XSetErrorHandler(old);
  return out;
}

Result<WindowInfo> X11Desktop::find_window(const std::string& id_or_title) {
  auto all = windows();
  if (!all) return all.error();
  char* end = nullptr;
  const unsigned long id = std::strtoul(id_or_title.c_str(), &end, 0);
  if (!id_or_title.empty() && end && *end == '\0' && id != 0) {
    for (const auto& w : *all) {
      if (w.id == id) return w;
    }
    return Error::not_found("no mapped window with id " + id_or_title + " on " + name());
  }
  const std::string want = lower(id_or_title);
  const WindowInfo* best = nullptr;
  for (const auto& w : *all) {  // topmost last: a later match wins
    if (w.title == id_or_title) best = &w;
  }
  if (!best) {
    for (const auto& w : *all) {
      if (lower(w.title).find(want) != std::string::npos) best = &w;
    }
  }
  if (best) return *best;
  std::string seen;
  for (const auto& w : *all) seen += (seen.empty() ? "\"" : ", \"") + w.title + "\"";
  return Error::not_found("window \"" + id_or_title + "\" not found on " + name() + " (windows: " +
                          (seen.empty() ? "none" : seen) + ")");
}

Status X11Desktop::focus(std::uint64_t window) {
  auto* old = XSetErrorHandler(ignore_x_errors);
  XRaiseWindow(dpy_, static_cast<Window>(window));
  XSetInputFocus(dpy_, static_cast<Window>(window), RevertToPointerRoot, CurrentTime);
  XSync(dpy_, False);
  XSetErrorHandler(old);
  return ok_status();
}

std::uint64_t X11Desktop::window_at(Point p) {
  auto all = windows();
  if (!all) return 0;
  for (auto it = all->rbegin(); it != all->rend(); ++it) {
    if (contains(it->box, p)) return it->id;
  }
  return 0;
}

}  // namespace humain::desktop

namespace humain {

Result<std::unique_ptr<Desktop>> Desktop::open(const std::string& display) {
  const char* env = std::getenv("DISPLAY");
  const std::string name = display.empty() ? (env ? env : "") : display;
  if (name.empty()) return Error::unsupported("no X display: $DISPLAY is not set and --display was not given");
  Display* dpy = XOpenDisplay(name.c_str());
  if (!dpy) return Error::io("cannot open X display " + name + " (is an X server such as Xvfb running there?)");
  int ev = 0, err = 0, major = 0, minor = 0;
  if (!XTestQueryExtension(dpy, &ev, &err, &major, &minor)) {
    XCloseDisplay(dpy);
    return Error::unsupported("X display " + name + " has no XTEST extension: cannot send input");
  }
  return std::unique_ptr<Desktop>(std::make_unique<desktop::X11Desktop>(dpy));
}

}  // namespace humain
