// humain.metrics, humain.models and humain.eval on the C++ library (same numbers as the CLI).
#include <pybind11/stl.h>

#include "bindings.h"
#include "core/data_files.h"
#include "errors.h"
#include "humain/dataset.h"
#include "humain/eval.h"
#include "humain/metrics.h"
#include "humain/models.h"

namespace humain::python {

namespace py = pybind11;

namespace {

Box box_from(const py::handle& b) {
  const auto v = b.cast<std::vector<double>>();
  if (v.size() != 4) raise(Error::invalid("a box is (x1, y1, x2, y2), got " + std::to_string(v.size()) + " numbers"));
  return Box{v[0], v[1], v[2], v[3]};
}

py::object json_to_python(const nlohmann::json& j) {
  return py::module_::import("json").attr("loads")(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string catalog_path(const std::string& given) {
  return given.empty() ? unwrap(find_data_file("models/catalog.yaml")) : given;
}

py::dict vram(const py::object& params, const std::string& quant, int context, const std::string& image,
              const std::string& family) {
  VramRequest r;
  r.params_b = py::isinstance<py::str>(params) ? unwrap(parse_param_count(params.cast<std::string>()))
                                               : params.cast<double>();
  r.quant = quant;
  r.context = context;
  r.family = family;
  if (!image.empty()) r.image = unwrap(parse_image_size(image));
  const VramEstimate e = unwrap(estimate_vram(r));
  py::dict d;
  d["total_gb"] = e.total_gb;
  d["weights_gb"] = e.weights_gb;
  d["kv_cache_gb"] = e.kv_cache_gb;
  d["vision_gb"] = e.vision_gb;
  d["vision_tokens"] = e.vision_tokens;
  d["bits_per_weight"] = e.bits_per_weight;
  d["architecture"] = e.arch_source;
  return d;
}

py::dict recommend(double vram_gb, const std::string& accuracy, const std::string& budget, const std::string& hardware,
                   int context, const std::string& screen, const std::string& catalog) {
  const ModelCatalog models = unwrap(load_model_catalog(catalog_path(catalog)));
  RecommendRequest r;
  r.vram_gb = vram_gb;
  r.accuracy = accuracy;
  r.budget = budget;
  r.hardware = hardware;
  r.context = context;
  r.screen = unwrap(parse_image_size(screen));
  const Recommendation rec = unwrap(recommend_model(models, r));
  py::dict d;
  d["model"] = rec.model.id;
  d["name"] = rec.model.name;
  d["family"] = rec.model.family;
  d["adapter"] = rec.model.adapter;
  d["quant"] = rec.quant;
  d["engine"] = rec.engine;
  d["artifact"] = rec.artifact;
  d["vram_budget_gb"] = rec.vram_budget_gb;
  d["total_gb"] = rec.vram.total_gb;
  d["reasons"] = rec.reasons;
  d["rejected"] = rec.rejected;
  d["seed_choice"] = rec.seed_choice;
  return d;
}

py::object run(const std::string& dataset_path, const std::string& images, const py::object& grounder,
               const py::object& config, int threads, std::size_t limit, const std::string& out) {
  const Dataset dataset = unwrap(load_dataset(dataset_path));
  // A name builds a grounder for this run; a humain.Grounder is used as it is (and its caches).
  std::shared_ptr<const Config> cfg;
  std::unique_ptr<Grounder> owned;
  Grounder* g = nullptr;
  if (py::isinstance<py::str>(grounder)) {
    cfg = config_from(config);
    owned = unwrap(make_grounder(grounder.cast<std::string>(), cfg.get()));
    g = owned.get();
  } else {
    g = &grounder_of(grounder);
  }
  EvalOptions options;
  options.images_dir = images;
  options.threads = threads;
  options.limit = limit;
  Result<EvalReport> report = Error::internal("unset");
  {
    py::gil_scoped_release no_gil;
    report = run_eval(dataset, *g, options);
    if (report.ok() && !out.empty()) {
      if (auto written = write_eval_outputs(*report, out); !written.ok()) report = written.error();
    }
  }
  return json_to_python(report_json(unwrap(std::move(report))));
}

}  // namespace

void bind_tools(py::module_& m) {
  m.def("iou", [](const py::handle& a, const py::handle& b) { return iou(box_from(a), box_from(b)); },
        py::arg("box1"), py::arg("box2"));
  m.def(
      "evaluate_grounding_accuracy",
      [](const py::iterable& predictions, const py::iterable& truths, double threshold) {
        std::vector<Box> p, t;
        for (const auto& b : predictions) p.push_back(box_from(b));
        for (const auto& b : truths) t.push_back(box_from(b));
        const GroundingAccuracy a = evaluate_grounding_accuracy(p, t, threshold);
        return py::make_tuple(a.accuracy, a.matches, a.total);
      },
      py::arg("predicted_boxes"), py::arg("truth_boxes"), py::arg("threshold"));
  m.def("vram", &vram, py::arg("params"), py::arg("quant") = "q4_k_m", py::arg("context") = 4096,
        py::arg("image") = "", py::arg("family") = "");
  m.def("recommend", &recommend, py::arg("vram_gb") = 0.0, py::arg("accuracy") = "high", py::arg("budget") = "medium",
        py::arg("hardware") = "consumer", py::arg("context") = 4096, py::arg("screen") = "1920x1080",
        py::arg("catalog") = "");
  m.def("data_dirs", &data_dirs, "Folders searched for data files (icon bank, model catalogue), in order");
  m.def("eval", &run, py::arg("dataset"), py::arg("images"), py::arg("grounder") = "local",
        py::arg("config") = py::none(), py::arg("threads") = 1, py::arg("limit") = 0, py::arg("out") = "");
}

}  // namespace humain::python
