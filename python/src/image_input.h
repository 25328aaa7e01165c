// What find_element accepts as a screenshot: a file path, PNG/JPEG bytes, or an HxW(x3|x4) uint8
// numpy array (PIL images arrive here as arrays, see humain/__init__.py).
#pragma once

#include <string>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "humain/image.h"

namespace humain::python {

// Channel order of an array: "rgb" (PIL, matplotlib, the default) or "bgr" (OpenCV, mss).
enum class ColorOrder { kRgb, kBgr };
ColorOrder parse_color_order(const std::string& name);

// A BGR HxWx3 C-contiguous array is wrapped without a copy (the Screenshot keeps the array
// alive); any other layout or order is converted once. Needs the GIL.
Screenshot screenshot_from_array(const pybind11::array& array, ColorOrder order);

// Reads a file (path) or decodes bytes; runs without the GIL.
Screenshot screenshot_from_path(const std::string& path);
Screenshot screenshot_from_bytes(const pybind11::bytes& data);

}  // namespace humain::python
