// A Grounder decorator that answers from a PredictionCache when it can.
#include "humain/cache.h"

namespace humain {
namespace {

class CachingGrounder final : public Grounder {
 public:
  CachingGrounder(std::unique_ptr<Grounder> inner, std::shared_ptr<PredictionCache> cache, std::string adapter)
      : inner_(std::move(inner)), cache_(std::move(cache)), adapter_(std::move(adapter)), name_(inner_->name()) {}

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    const auto key = make_cache_key(screen, name_, name_, adapter_, std::string(instruction), cache_->aggressive());
    if (auto hit = cache_->lookup(key)) return *hit;
    auto r = inner_->find_element(screen, instruction);
    if (r.ok()) cache_->insert(key, r.value());  // errors are never cached
    return r;
  }

  std::string name() const override { return name_; }

 private:
  std::unique_ptr<Grounder> inner_;
  std::shared_ptr<PredictionCache> cache_;
  std::string adapter_;
  std::string name_;
};

}  // namespace

std::unique_ptr<Grounder> make_caching_grounder(std::unique_ptr<Grounder> inner, std::shared_ptr<PredictionCache> cache,
                                                std::string adapter) {
  return std::make_unique<CachingGrounder>(std::move(inner), std::move(cache), std::move(adapter));
}

}  // namespace humain
