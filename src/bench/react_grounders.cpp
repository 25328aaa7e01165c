// The grounders the ReAct benchmark compares, built from a config, with probes around the local
// engine and the VLM so one iteration's time can be split into encode / inference / parse even
// when the router called both tiers (the Prediction it returns only carries the last tier's).
#include <chrono>
#include <exception>
#include <mutex>

#include "grounding/vlm/vlm_grounder.h"
#include "humain/bench.h"
#include "humain/cache.h"
#include "humain/local_engine.h"
#include "humain/router.h"

namespace humain {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Time spent inside the probed tiers since the last take().
class TimingProbe {
 public:
  void add(double encode, double inference, double parse) {
    std::lock_guard lock(mu_);
    sum_.preprocess_ms += encode;
    sum_.inference_ms += inference;
    sum_.parse_ms += parse;
  }
  Timings take() {
    std::lock_guard lock(mu_);
    Timings t = sum_;
    sum_ = {};
    return t;
  }

 private:
  std::mutex mu_;
  Timings sum_;
};

// An exception escaping a tier (OpenCV asserts, for one) becomes that tier's error, so the router
// falls back and the benchmark reports it instead of aborting.
template <typename F>
auto guarded(const char* who, F&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& e) {
    return Error::internal(std::string(who) + " threw: " + e.what());
  }
}

// A VLM grounder whose encode / inference / parse times go to the probe.
class ProbedVlm : public Grounder {
 public:
  ProbedVlm(std::unique_ptr<Grounder> inner, std::shared_ptr<TimingProbe> probe) : inner_(std::move(inner)), probe_(std::move(probe)) {}
  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    auto r = guarded("VLM grounder", [&] { return inner_->find_element(screen, instruction); });
    if (r.ok()) probe_->add(r->timings.preprocess_ms, r->timings.inference_ms, r->timings.parse_ms);
    return r;
  }
  std::string name() const override { return inner_->name(); }

 private:
  std::unique_ptr<Grounder> inner_;
  std::shared_ptr<TimingProbe> probe_;
};

// The local engine, still a LocalEngine (the router reads the screen through parse_screen); all
// of its time counts as inference: it is the engine's work.
class ProbedEngine : public LocalEngine {
 public:
  ProbedEngine(std::unique_ptr<LocalEngine> inner, std::shared_ptr<TimingProbe> probe) : inner_(std::move(inner)), probe_(std::move(probe)) {}
  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    const auto t0 = Clock::now();
    auto r = guarded("local engine", [&] { return inner_->find_element(screen, instruction); });
    probe_->add(0, ms_since(t0), 0);
    return r;
  }
  std::string name() const override { return inner_->name(); }
  Result<std::shared_ptr<const ScreenParse>> parse_screen(const Screenshot& screen) override {
    const auto t0 = Clock::now();
    auto r = guarded("local engine", [&] { return inner_->parse_screen(screen); });
    probe_->add(0, ms_since(t0), 0);
    return r;
  }
  void clear_cache() override { inner_->clear_cache(); }
  std::size_t parses_computed() const override { return inner_->parses_computed(); }

 private:
  std::unique_ptr<LocalEngine> inner_;
  std::shared_ptr<TimingProbe> probe_;
};

// The outermost grounder of a variant: replaces the Prediction's split with the probe's sums.
class ProbeReader : public Grounder {
 public:
  ProbeReader(std::unique_ptr<Grounder> inner, std::shared_ptr<TimingProbe> probe, std::string name)
      : inner_(std::move(inner)), probe_(std::move(probe)), name_(std::move(name)) {}
  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    probe_->take();
    auto r = inner_->find_element(screen, instruction);
    const Timings t = probe_->take();
    if (r.ok()) {
      r->timings.preprocess_ms = t.preprocess_ms;
      r->timings.inference_ms = t.inference_ms;
      r->timings.parse_ms = t.parse_ms;
      if (r->source.rfind("cache", 0) == 0 || r->source.find(":cache") != std::string::npos) r->timings.cache_hit = true;
    }
    return r;
  }
  std::string name() const override { return name_; }

 private:
  std::unique_ptr<Grounder> inner_;
  std::shared_ptr<TimingProbe> probe_;
  std::string name_;
};

}  // namespace

ReactGrounderMaker react_grounders_from_config(const Config& config) {
  return [config](const std::string& variant) -> Result<std::unique_ptr<Grounder>> {
    const bool cached = variant == "cache" || variant == "combined";
    const bool cascade = variant == "cascade" || variant == "combined";
    auto probe = std::make_shared<TimingProbe>();
    CacheConfig cache_options = config.cache;
    cache_options.enabled = true;

    if (!cascade) {
      const EndpointConfig* ep = config.local ? &*config.local : config.cloud ? &*config.cloud : nullptr;
      if (!ep) return Error::invalid("the ReAct benchmark needs a VLM endpoint (vlm: / vlm.local:) in the config");
      auto vlm = grounding::make_vlm_grounder(*ep);
      if (!vlm) return vlm.error();
      std::unique_ptr<Grounder> g = std::make_unique<ProbedVlm>(std::move(*vlm), probe);
      if (cached) g = make_caching_grounder(std::move(g), make_prediction_cache(cache_options), ep->family);
      return std::unique_ptr<Grounder>(std::make_unique<ProbeReader>(std::move(g), probe, variant));
    }

    Config c = config;
    c.cache = cache_options;
    c.cache.enabled = cached;
    RouterDeps deps;
    auto engine = make_local_engine();
    if (!engine) return engine.error();
    deps.local_engine = std::make_shared<ProbedEngine>(std::move(*engine), probe);
    deps.make_vlm_grounder = [probe](const EndpointConfig& ep) -> Result<std::unique_ptr<Grounder>> {
      auto vlm = grounding::make_vlm_grounder(ep);
      if (!vlm) return vlm.error();
      return std::unique_ptr<Grounder>(std::make_unique<ProbedVlm>(std::move(*vlm), probe));
    };
    auto router = make_router(c, std::move(deps));
    if (!router) return router.error();
    return std::unique_ptr<Grounder>(std::make_unique<ProbeReader>(std::move(*router), probe, variant));
  };
}

}  // namespace humain
