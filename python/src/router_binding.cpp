// humain.Router: the design document's HybridDeploymentRouter (route / execute) on the C++ router.
#include <pybind11/stl.h>

#include "bindings.h"
#include "errors.h"
#include "humain/router.h"

namespace humain::python {

namespace py = pybind11;

namespace {

// context['sensitivity'] as the seed passes it: a string or an enum whose .value is one.
std::optional<Sensitivity> stated_sensitivity(const py::object& context) {
  if (context.is_none()) return std::nullopt;
  if (!py::isinstance<py::dict>(context)) raise(Error::invalid("context must be a dict or None"));
  const auto d = py::reinterpret_borrow<py::dict>(context);
  if (!d.contains("sensitivity")) return std::nullopt;
  py::object v = d["sensitivity"];
  if (py::hasattr(v, "value")) v = v.attr("value");
  const std::string name = py::str(v);
  auto s = parse_sensitivity(name);
  if (!s) raise(Error::invalid("context['sensitivity'] must be public, internal or confidential, not '" + name + "'"));
  return s;
}

py::list box_list(const std::vector<Box>& boxes) {
  py::list out;
  for (const auto& b : boxes) out.append(py::make_tuple(b.x1, b.y1, b.x2, b.y2));
  return out;
}

class PyRouter {
 public:
  explicit PyRouter(const py::object& config) : config_(config_from(config)) {
    if (!config_) config_ = std::make_shared<const Config>();
    router_ = unwrap(make_router(*config_));
  }

  RouteDecision route(const std::string& task, const py::object& context, const std::string& operation,
                      const py::object& image) {
    RouteRequest req;
    req.task = task;
    req.operation = operation;
    req.sensitivity = stated_sensitivity(context);
    std::optional<Screenshot> screen;
    if (!image.is_none()) screen = screenshot_from(image, ColorOrder::kRgb);
    req.screen = screen ? &*screen : nullptr;
    Result<RouteDecision> r = Error::internal("unset");
    {
      py::gil_scoped_release no_gil;
      r = router_->decide(req);
    }
    return unwrap(std::move(r));
  }

  std::string execute(const std::string& prompt, const std::string& task, const py::object& context,
                      const std::string& operation, const py::kwargs& kwargs) {
    ChatRequest chat;
    chat.prompt = prompt;
    for (const auto& [key, value] : kwargs) {
      const std::string k = py::str(key);
      if (k == "max_tokens") chat.max_tokens = value.cast<int>();
      else if (k == "temperature") chat.temperature = value.cast<double>();
      else if (k == "system") chat.system = value.cast<std::string>();
      else throw py::type_error("execute() got an unexpected option '" + k + "' (known: max_tokens, temperature, system)");
    }
    RouteRequest req;
    req.task = task;
    req.operation = operation;
    req.sensitivity = stated_sensitivity(context);
    Result<RoutedChat> r = Error::internal("unset");
    {
      py::gil_scoped_release no_gil;
      r = router_->chat(chat, req);
    }
    return unwrap(std::move(r)).response.text;
  }

 private:
  std::shared_ptr<const Config> config_;
  std::unique_ptr<Router> router_;
};

}  // namespace

void bind_router(py::module_& m) {
  py::class_<RouteDecision>(m, "RouteExplanation", "Where a request would go and why; no model was called")
      .def_property_readonly("tier", [](const RouteDecision& d) { return tier_name(d.tier); })
      .def_property_readonly("provider",  // the seed's route_request() answer
                             [](const RouteDecision& d) { return d.tier == Tier::kCloudVlm ? "cloud" : "local"; })
      .def_property_readonly("plan",
                             [](const RouteDecision& d) {
                               py::list out;
                               for (Tier t : d.plan) out.append(tier_name(t));
                               return out;
                             })
      .def_readonly("mode", &RouteDecision::mode)
      .def_property_readonly("sensitivity", [](const RouteDecision& d) { return sensitivity_name(d.sensitivity); })
      .def_property_readonly("complexity", [](const RouteDecision& d) { return complexity_name(d.complexity); })
      .def_readonly("cloud_allowed", &RouteDecision::cloud_allowed)
      .def_readonly("reasons", &RouteDecision::reasons)
      .def_property_readonly("redactions", [](const RouteDecision& d) { return box_list(d.redactions); })
      .def("to_dict",
           [](const RouteDecision& d) {
             py::dict out;
             py::list plan;
             for (Tier t : d.plan) plan.append(tier_name(t));
             out["tier"] = tier_name(d.tier);
             out["mode"] = d.mode;
             out["sensitivity"] = sensitivity_name(d.sensitivity);
             out["complexity"] = complexity_name(d.complexity);
             out["reasons"] = d.reasons;
             out["redactions"] = box_list(d.redactions);
             out["plan"] = plan;
             out["cloud_allowed"] = d.cloud_allowed;
             return out;
           })
      .def("__repr__", [](const RouteDecision& d) {
        return std::string("RouteExplanation(tier='") + tier_name(d.tier) + "', sensitivity='" +
               sensitivity_name(d.sensitivity) + "', complexity='" + complexity_name(d.complexity) + "')";
      });

  py::class_<PyRouter>(m, "Router", "Routes requests to the local engine, a local VLM or a cloud VLM by policy")
      .def(py::init<const py::object&>(), py::arg("config") = py::none())
      .def("route", &PyRouter::route, py::arg("task"), py::arg("context") = py::none(),
           py::arg("operation") = "grounding", py::arg("image") = py::none())
      .def("execute", &PyRouter::execute, py::arg("prompt"), py::arg("task"), py::arg("context") = py::none(),
           py::arg("operation") = "planning");
}

}  // namespace humain::python
