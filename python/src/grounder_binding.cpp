// humain.Grounder and humain.Prediction: one engine, shared safely across Python threads.
#include "bindings.h"

#include <pybind11/stl.h>

#include "errors.h"
#include "humain/config.h"
#include "humain/grounder.h"
#include "image_input.h"

namespace humain::python {

namespace py = pybind11;

std::shared_ptr<const Config> config_from(const py::object& config) {
  if (config.is_none()) return nullptr;
  if (py::isinstance<py::dict>(config)) {
    // JSON is YAML: the dict goes through the same validation as a config file.
    const std::string text = py::str(py::module_::import("json").attr("dumps")(config));
    return std::make_shared<const Config>(unwrap(parse_config(text, "<dict>")));
  }
  if (py::isinstance<py::str>(config) || py::hasattr(config, "__fspath__")) {
    const std::string path = py::str(py::module_::import("os").attr("fspath")(config));
    return std::make_shared<const Config>(unwrap(load_config(path)));
  }
  raise(Error::invalid("config must be None, a path to a YAML file or a dict, not " +
                       std::string(py::str(config.get_type().attr("__name__")))));
}

Screenshot screenshot_from(const py::handle& image, ColorOrder order) {
  if (py::isinstance<Screenshot>(image)) return image.cast<const Screenshot&>();  // shares the pixels
  if (py::isinstance<py::str>(image) || py::hasattr(image, "__fspath__")) {
    return screenshot_from_path(py::str(py::module_::import("os").attr("fspath")(image)));
  }
  if (py::isinstance<py::bytes>(image)) return screenshot_from_bytes(py::reinterpret_borrow<py::bytes>(image));
  if (PyByteArray_Check(image.ptr()) || PyMemoryView_Check(image.ptr())) {
    return screenshot_from_bytes(py::bytes(py::module_::import("builtins").attr("bytes")(image)));
  }
  if (py::isinstance<py::array>(image)) return screenshot_from_array(py::reinterpret_borrow<py::array>(image), order);
  if (py::hasattr(image, "convert") && py::hasattr(image, "mode") && py::hasattr(image, "size")) {  // PIL.Image
    const std::string mode = py::str(image.attr("mode"));
    py::object rgb = mode == "RGB" ? py::reinterpret_borrow<py::object>(image) : image.attr("convert")("RGB");
    return screenshot_from_array(py::module_::import("numpy").attr("asarray")(rgb), ColorOrder::kRgb);
  }
  raise(Error::invalid("image must be a path, PNG/JPEG bytes, a uint8 numpy array or a PIL image, not " +
                       std::string(py::str(image.get_type().attr("__name__")))));
}

namespace {

py::object point_tuple(const std::optional<Point>& p) {
  return p ? py::object(py::make_tuple(p->x, p->y)) : py::object(py::none());
}
py::object box_tuple(const std::optional<Box>& b) {
  return b ? py::object(py::make_tuple(b->x1, b->y1, b->x2, b->y2)) : py::object(py::none());
}

py::dict timings_dict(const Timings& t) {
  py::dict d;
  d["total_ms"] = t.total_ms;
  d["preprocess_ms"] = t.preprocess_ms;
  d["connect_ms"] = t.connect_ms;
  d["ttft_ms"] = t.ttft_ms;
  d["inference_ms"] = t.inference_ms;
  d["load_ms"] = t.load_ms;
  d["parse_ms"] = t.parse_ms;
  d["cache_hit"] = t.cache_hit;
  return d;
}

// The Python Grounder: the config it was built from lives as long as the grounder.
class PyGrounder {
 public:
  PyGrounder(const py::object& config, const std::string& name) : config_(config_from(config)) {
    grounder_ = unwrap(make_grounder(name.empty() ? default_grounder_name() : name, config_.get()));
  }

  Prediction find_element(const py::handle& image, const std::string& instruction, const py::kwargs& options) {
    ColorOrder order = ColorOrder::kRgb;
    for (const auto& [key, value] : options) {
      const std::string k = py::str(key);
      if (k == "color_order") {
        order = parse_color_order(py::str(value));
      } else {
        throw py::type_error("find_element() got an unexpected option '" + k + "' (known: color_order)");
      }
    }
    const Screenshot screen = screenshot_from(image, order);
    Result<Prediction> r = Error::internal("unset");
    {
      py::gil_scoped_release no_gil;  // Grounder::find_element is safe to call from several threads
      r = grounder_->find_element(screen, instruction);
    }
    return unwrap(std::move(r));
  }

  std::string name() const { return grounder_->name(); }
  Grounder& grounder() { return *grounder_; }

 private:
  std::shared_ptr<const Config> config_;
  std::unique_ptr<Grounder> grounder_;
};

}  // namespace

Grounder& grounder_of(const py::handle& object) { return object.cast<PyGrounder&>().grounder(); }

void bind_grounder(py::module_& m) {
  py::class_<Prediction>(m, "Prediction", "Where to click: point (x, y) in pixels of the original image, or None")
      .def_property_readonly("point", [](const Prediction& p) { return point_tuple(p.point); })
      .def_property_readonly("box", [](const Prediction& p) { return box_tuple(p.box); })
      .def_readonly("confidence", &Prediction::confidence)
      .def_readonly("source", &Prediction::source)
      .def_readonly("raw_output", &Prediction::raw_output)
      .def_property_readonly("timings", [](const Prediction& p) { return timings_dict(p.timings); })
      .def("to_dict",
           [](const Prediction& p) {
             py::dict d;
             d["point"] = point_tuple(p.point);
             d["box"] = box_tuple(p.box);
             d["confidence"] = p.confidence;
             d["source"] = p.source;
             d["timings"] = timings_dict(p.timings);
             return d;
           })
      .def("__repr__", [](const Prediction& p) {
        return "Prediction(point=" + std::string(py::repr(point_tuple(p.point))) +
               ", box=" + std::string(py::repr(box_tuple(p.box))) + ", confidence=" + std::to_string(p.confidence) +
               ", source='" + p.source + "')";
      });

  py::class_<Screenshot>(m, "Screenshot",
                         "A decoded screenshot, made once and grounded many times (no decode, no hash per call)")
      .def(py::init([](const py::handle& image, const std::string& color_order) {
             return screenshot_from(image, parse_color_order(color_order));
           }),
           py::arg("image"), py::arg("color_order") = "rgb")
      .def_property_readonly("width", &Screenshot::width)
      .def_property_readonly("height", &Screenshot::height)
      .def_readonly("source", &Screenshot::source)
      .def("__repr__", [](const Screenshot& s) {
        return "Screenshot(" + std::to_string(s.width()) + "x" + std::to_string(s.height()) + ", '" + s.source + "')";
      });

  py::class_<PyGrounder>(m, "Grounder", "Screenshot + instruction -> Prediction; one instance may serve many threads")
      .def(py::init<const py::object&, const std::string&>(), py::arg("config") = py::none(),
           py::arg("grounder") = "local")
      .def("find_element", &PyGrounder::find_element, py::arg("image"), py::arg("instruction"))
      .def_property_readonly("name", &PyGrounder::name);
}

}  // namespace humain::python
