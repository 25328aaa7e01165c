// Screen capture: XShm into shared memory (one copy), XGetImage over the wire when XShm is absent
// (remote displays) or fails. Pixels go straight into a Screenshot: no PNG encode/decode.

#include <algorithm>
#include <memory>

#include <opencv2/imgproc.hpp>

#include "core/screenshot_pixels.h"
#include "x11_desktop.h"

#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#undef Status  // Xlib's macro; humain::Status is meant below

namespace humain::desktop {
namespace {

int ignore_x_errors(Display*, XErrorEvent*) { return 0; }

// XImage -> BGR Mat. The common 24/32-bit little-endian TrueColor layout is one cvtColor; anything
// else goes through XGetPixel with the visual's masks.
cv::Mat to_bgr(XImage* img) {
  const bool fast = img->bits_per_pixel == 32 && img->red_mask == 0xFF0000 && img->green_mask == 0xFF00 &&
                    img->blue_mask == 0xFF && img->byte_order == LSBFirst;
  cv::Mat out;
  if (fast) {
    cv::Mat bgra(img->height, img->width, CV_8UC4, img->data, img->bytes_per_line);
    cv::cvtColor(bgra, out, cv::COLOR_BGRA2BGR);
    return out;
  }
  out.create(img->height, img->width, CV_8UC3);
  auto shift_of = [](unsigned long mask) { int s = 0; while (mask && !(mask & 1)) { mask >>= 1; ++s; } return s; };
  auto scale = [](unsigned long v, unsigned long mask, int shift) {
    const unsigned long max = mask >> shift;
    return static_cast<unsigned char>(max ? (((v & mask) >> shift) * 255 / max) : 0);
  };
  const int rs = shift_of(img->red_mask), gs = shift_of(img->green_mask), bs = shift_of(img->blue_mask);
  for (int y = 0; y < img->height; ++y) {
    auto* row = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < img->width; ++x) {
      const unsigned long px = XGetPixel(img, x, y);
      row[x] = {scale(px, img->blue_mask, bs), scale(px, img->green_mask, gs), scale(px, img->red_mask, rs)};
    }
  }
  return out;
}

struct ImageDeleter {
  void operator()(XImage* img) const { if (img) XDestroyImage(img); }
};

// One XShm grab of the root area; nullopt when XShm is unavailable or the grab fails.
std::optional<cv::Mat> grab_shm(Display* dpy, int x, int y, int w, int h) {
  if (!XShmQueryExtension(dpy)) return std::nullopt;
  const int screen = DefaultScreen(dpy);
  XShmSegmentInfo shm{};
  std::unique_ptr<XImage, ImageDeleter> img(XShmCreateImage(dpy, DefaultVisual(dpy, screen), DefaultDepth(dpy, screen),
                                                            ZPixmap, nullptr, &shm, w, h));
  if (!img) return std::nullopt;
  shm.shmid = shmget(IPC_PRIVATE, static_cast<size_t>(img->bytes_per_line) * h, IPC_CREAT | 0600);
  if (shm.shmid < 0) return std::nullopt;
  shm.shmaddr = img->data = static_cast<char*>(shmat(shm.shmid, nullptr, 0));
  shmctl(shm.shmid, IPC_RMID, nullptr);  // freed once both sides detach, even if we crash
  if (shm.shmaddr == reinterpret_cast<char*>(-1)) {
    img->data = nullptr;
    return std::nullopt;
  }
  shm.readOnly = False;
  auto* old = XSetErrorHandler(ignore_x_errors);
  bool ok = XShmAttach(dpy, &shm);
  XSync(dpy, False);
  if (ok) ok = XShmGetImage(dpy, DefaultRootWindow(dpy), img.get(), x, y, AllPlanes);
  XSync(dpy, False);
  std::optional<cv::Mat> out;
  if (ok) out = to_bgr(img.get());
  XShmDetach(dpy, &shm);
  XSync(dpy, False);
  XSetErrorHandler(old);
  shmdt(shm.shmaddr);
  img->data = nullptr;  // not malloc'd: XDestroyImage must not free it
  return out;
}

}  // namespace

Result<Capture> X11Desktop::capture(std::uint64_t window) {
  Box area = Box::from_xywh(0, 0, width(), height());
  if (window != 0) {
    auto* old = XSetErrorHandler(ignore_x_errors);
    auto box = window_box(static_cast<Window>(window));
    XSetErrorHandler(old);
    if (!box) return Error::not_found("window " + std::to_string(window) + " is gone");
    area = clamp_to(*box, width(), height());
    if (area.width() < 1 || area.height() < 1) return Error::invalid("window " + std::to_string(window) + " is off screen");
  }
  const int x = static_cast<int>(area.x1), y = static_cast<int>(area.y1);
  const int w = static_cast<int>(area.width()), h = static_cast<int>(area.height());
  Capture out;
  out.origin = {static_cast<double>(x), static_cast<double>(y)};
  out.window = window;
  std::optional<cv::Mat> pixels;
  if (shm_ok_) {
    pixels = grab_shm(dpy_, x, y, w, h);
    shm_ok_ = pixels.has_value();
    out.used_shm = shm_ok_;
  }
  if (!pixels) {
    auto* old = XSetErrorHandler(ignore_x_errors);
    std::unique_ptr<XImage, ImageDeleter> img(XGetImage(dpy_, DefaultRootWindow(dpy_), x, y, w, h, AllPlanes, ZPixmap));
    XSetErrorHandler(old);
    if (!img) return Error::io("XGetImage failed on " + name());
    pixels = to_bgr(img.get());
  }
  auto shot = screenshot_from_mat(*pixels, "x11:" + name() + (window ? ":window" : ":screen"));
  if (!shot) return shot.error();
  out.screen = std::move(*shot);
  return out;
}

}  // namespace humain::desktop
