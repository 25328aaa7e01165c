#include "image_input.h"

#include <opencv2/imgproc.hpp>

#include "core/screenshot_pixels.h"
#include "errors.h"

namespace humain::python {

namespace py = pybind11;

ColorOrder parse_color_order(const std::string& name) {
  if (name == "rgb" || name == "RGB") return ColorOrder::kRgb;
  if (name == "bgr" || name == "BGR") return ColorOrder::kBgr;
  raise(Error::invalid("color_order must be \"rgb\" or \"bgr\", not \"" + name + "\""));
}

Screenshot screenshot_from_array(const py::array& array, ColorOrder order) {
  if (array.dtype().kind() != 'u' || array.itemsize() != 1) {
    raise(Error::invalid("image array must have dtype uint8, not " + std::string(py::str(array.dtype()))));
  }
  const int channels = array.ndim() == 2 ? 1 : array.ndim() == 3 ? static_cast<int>(array.shape(2)) : 0;
  if (channels != 1 && channels != 3 && channels != 4) {
    raise(Error::invalid("image array must be HxW, HxWx3 or HxWx4, got " + std::to_string(array.ndim()) +
                         " dimensions" + (array.ndim() == 3 ? " with " + std::to_string(array.shape(2)) + " channels" : "")));
  }
  // Rows may be padded (a crop of a bigger array), pixels and channels must be packed.
  py::array packed = array;
  const bool pixels_packed =
      (array.ndim() == 2 ? array.strides(1) == 1 : array.strides(2) == 1 && array.strides(1) == channels) &&
      array.strides(0) >= array.shape(1) * channels;
  if (!pixels_packed) packed = py::array::ensure(array, py::array::c_style);
  const int h = static_cast<int>(packed.shape(0)), w = static_cast<int>(packed.shape(1));
  if (h == 0 || w == 0) raise(Error::invalid("image array is empty"));
  if (static_cast<std::uint64_t>(h) * static_cast<std::uint64_t>(w) > ImageLimits{}.max_pixels) {
    raise(Error::invalid("image array is " + std::to_string(w) + "x" + std::to_string(h) + ", over the limit"));
  }
  const cv::Mat view(h, w, CV_8UC(channels), const_cast<void*>(packed.data()), static_cast<size_t>(packed.strides(0)));
  if (channels == 3 && order == ColorOrder::kBgr) {
    // Borrow: the array (a new reference) is released under the GIL when the last copy dies.
    auto* held = new py::object(packed);
    std::shared_ptr<const void> owner(held, [](const void* p) {
      py::gil_scoped_acquire gil;
      delete static_cast<const py::object*>(p);
    });
    return unwrap(screenshot_borrowing(view, std::move(owner), "<array>"));
  }
  cv::Mat bgr;
  {
    py::gil_scoped_release no_gil;  // the array stays referenced by `packed`
    switch (channels) {
      case 1: cv::cvtColor(view, bgr, cv::COLOR_GRAY2BGR); break;
      case 3: cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR); break;
      case 4: cv::cvtColor(view, bgr, order == ColorOrder::kBgr ? cv::COLOR_BGRA2BGR : cv::COLOR_RGBA2BGR); break;
    }
  }
  return unwrap(screenshot_from_mat(bgr, "<array>"));
}

Screenshot screenshot_from_path(const std::string& path) {
  Result<Screenshot> r = Error::internal("unset");
  {
    py::gil_scoped_release no_gil;
    r = load_screenshot(path);
  }
  return unwrap(std::move(r));
}

Screenshot screenshot_from_bytes(const py::bytes& data) {
  const std::string_view view(data);
  std::vector<std::uint8_t> bytes(view.begin(), view.end());
  Result<Screenshot> r = Error::internal("unset");
  {
    py::gil_scoped_release no_gil;
    r = decode_screenshot(bytes, "<bytes>");
  }
  return unwrap(std::move(r));
}

}  // namespace humain::python
