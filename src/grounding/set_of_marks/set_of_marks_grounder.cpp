#include "grounding/set_of_marks/set_of_marks_grounder.h"

#include <chrono>

namespace humain::marks {
namespace {

class SetOfMarksGrounder final : public Grounder {
 public:
  SetOfMarksGrounder(std::shared_ptr<LocalEngine> engine, std::unique_ptr<Provider> provider,
                     std::unique_ptr<Adapter> sizing, SetOfMarksOptions options)
      : engine_(std::move(engine)), provider_(std::move(provider)), sizing_(std::move(sizing)),
        options_(std::move(options)) {
    if (options_.call.source.empty()) options_.call.source = "vlm:" + provider_->name() + "/set-of-marks";
  }

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    const auto t0 = std::chrono::steady_clock::now();
    if (screen.empty()) return Error::invalid(options_.call.source + ": empty screenshot");
    auto parse = engine_->parse_screen(screen);
    if (!parse.ok()) return parse.error();
    std::vector<Mark> marks = build_marks(**parse, options_.marks);
    if (options_.top_k > 0) {
      std::optional<Box> pick;
      auto local = engine_->find_element(screen, instruction);  // parse is cached: only the matcher runs
      if (local.ok() && local->box) pick = local->box;
      marks = top_marks(marks, instruction, pick, options_.top_k);
    }
    const double parse_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    auto p = run_marks_call(*provider_, sizing_.get(), screen, marks, instruction, options_.call);
    if (!p.ok()) return p.error();
    p->timings.preprocess_ms += parse_ms;
    p->timings.total_ms += parse_ms;
    return p;
  }

  std::string name() const override { return options_.call.source; }

 private:
  std::shared_ptr<LocalEngine> engine_;
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<Adapter> sizing_;
  SetOfMarksOptions options_;
};

}  // namespace

std::unique_ptr<Grounder> make_set_of_marks_grounder(std::shared_ptr<LocalEngine> engine, std::unique_ptr<Provider> provider,
                                                     std::unique_ptr<Adapter> sizing, SetOfMarksOptions options) {
  return std::make_unique<SetOfMarksGrounder>(std::move(engine), std::move(provider), std::move(sizing), std::move(options));
}

std::string sizing_family(const EndpointConfig& endpoint) {
  return endpoint.family == "set-of-marks" ? std::string() : endpoint.family;
}

SetOfMarksOptions options_for(const EndpointConfig& endpoint) {
  SetOfMarksOptions o;
  o.call.view = endpoint.send == "crops" ? MarkView::kCrops : MarkView::kScreen;
  o.call.crop_padding = endpoint.marks_crop_padding;
  o.call.max_tokens = endpoint.max_tokens;
  o.call.temperature = endpoint.temperature;
  o.top_k = endpoint.marks_top_k;
  return o;
}

Result<std::unique_ptr<Grounder>> make_set_of_marks_grounder(const EndpointConfig& endpoint) {
  std::unique_ptr<Adapter> sizing;
  if (const std::string f = sizing_family(endpoint); !f.empty()) {
    auto a = make_adapter(f);
    if (!a.ok()) return a.error();
    sizing = std::move(a.value());
  }
  auto provider = make_provider(endpoint);
  if (!provider.ok()) return provider.error();
  auto engine = make_local_engine();
  if (!engine.ok()) return engine.error();
  return make_set_of_marks_grounder(std::shared_ptr<LocalEngine>(std::move(engine.value())), std::move(provider.value()),
                                    std::move(sizing), options_for(endpoint));
}

}  // namespace humain::marks
