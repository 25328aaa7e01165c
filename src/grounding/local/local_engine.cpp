// The "local" grounder: parse the screen once (cached by pixel hash), then match instructions.
#include "humain/local_engine.h"

#include <chrono>
#include <future>
#include <map>
#include <mutex>

#include "core/data_files.h"
#include "grounding/local/match/fuzzy.h"
#include "grounding/local/match/icon_vocabulary.h"
#include "grounding/local/match/instruction.h"
#include "grounding/local/match/matcher.h"
#include "grounding/local/ocr/ocr_languages.h"
#include "grounding/local/ocr/ocr_pool.h"
#include "grounding/local/parse_cache.h"
#include "grounding/local/screen_parser.h"
#include "core/screenshot_pixels.h"

namespace humain {

const char* role_name(ElementRole role) {
  switch (role) {
    case ElementRole::kText: return "text";
    case ElementRole::kButton: return "button";
    case ElementRole::kField: return "field";
    case ElementRole::kCheckbox: return "checkbox";
    case ElementRole::kIcon: return "icon";
    case ElementRole::kContainer: return "container";
  }
  return "text";
}

std::vector<ScreenElement> find_text(const ScreenParse& parse, const std::vector<std::string>& needles) {
  std::vector<ScreenElement> found;
  for (const auto& e : parse.elements) {
    if (e.text.empty()) continue;
    const std::string hay = local::normalize_text(e.text);
    for (const auto& needle : needles) {
      const std::string n = local::normalize_text(needle);
      if (n.empty()) continue;
      bool hit = hay.find(n) != std::string::npos;
      if (!hit && n.size() >= 4) {
        // Slide a window of the needle's length: one OCR error per five letters is tolerated.
        const int allowed = static_cast<int>(n.size() / 5);
        for (size_t i = 0; !hit && i + n.size() <= hay.size() + 1; ++i) {
          const std::string_view window(hay.data() + i, std::min(n.size(), hay.size() - i));
          hit = local::edit_distance(window, n) <= allowed;
        }
      }
      if (hit) {
        found.push_back(e);
        break;
      }
    }
  }
  return found;
}

namespace local {
namespace {

// Where to click: the middle of the element's ink (its label or glyph) when the ink lies inside the
// answered box (a label at the left of a wide row or search field), else the box's middle.
Point click_point(const Box& box, const Box& ink) {
  const bool inside = ink.area() > 0 && ink.x1 >= box.x1 && ink.y1 >= box.y1 && ink.x2 <= box.x2 && ink.y2 <= box.y2;
  return inside ? ink.center() : box.center();
}

class LocalEngineImpl final : public LocalEngine {
 public:
  using IconBank = std::shared_future<Result<IconClassifier>>;

  LocalEngineImpl(LocalEngineOptions options, OcrLanguages languages, std::unique_ptr<OcrPool> ocr,
                  IconVocabulary vocabulary, IconBank icons)
      : options_(std::move(options)), languages_(std::move(languages)), ocr_(std::move(ocr)),
        vocabulary_(std::move(vocabulary)), icons_(std::move(icons)), cache_(options_.cache_capacity) {}

  Result<std::shared_ptr<const ScreenParse>> parse_screen(const Screenshot& screen) override {
    bool hit = false;
    return parse(screen, &hit, false);
  }

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    if (auto size = check_instruction_size(instruction); !size) return size.error();
    const auto t0 = std::chrono::steady_clock::now();
    bool hit = false;
    // A label in Chinese, Japanese or Korean is read by the screen's CJK parse.
    const bool cjk = !languages_.cjk.empty() && has_cjk(instruction);
    auto parsed = parse(screen, &hit, cjk);
    if (!parsed.ok()) return parsed.error();
    const auto t1 = std::chrono::steady_clock::now();
    const Instruction ins = parse_instruction(instruction, vocabulary_);
    Prediction p;
    p.source = "local-engine";
    if (auto m = match_instruction(**parsed, ins, options_.min_match_score)) {
      const auto& e = (*parsed)->elements[m->element];
      p.box = m->box;
      p.point = click_point(m->box, e.text_box);
      p.confidence = m->confidence;
      p.raw_output = std::string(role_name(e.role)) + " '" + e.text + "' (" + m->why + ")";
    }
    const auto t2 = std::chrono::steady_clock::now();
    p.timings.preprocess_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    p.timings.inference_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
    p.timings.total_ms = std::chrono::duration<double, std::milli>(t2 - t0).count();
    p.timings.cache_hit = hit;
    return p;
  }

  std::string name() const override { return "local"; }

  void clear_cache() override { cache_.clear(); }

  std::size_t parses_computed() const override {
    std::lock_guard lock(mu_);
    return computed_;
  }

 private:
  using Shared = std::shared_ptr<const ScreenParse>;

  // The pool reading CJK models plus the others, loaded on the first instruction that needs it.
  Result<OcrPool*> cjk_pool() {
    std::lock_guard lock(cjk_mu_);
    if (!cjk_ocr_) {
      auto pool = OcrPool::create(options_.tessdata_dir, languages_.cjk, options_.ocr_threads);
      if (!pool.ok()) return pool.error();
      cjk_ocr_ = std::move(pool.value());
    }
    return cjk_ocr_.get();
  }

  // Cached parse, or the result of the one thread already computing it, or a fresh parse. The CJK
  // parse of a screen is cached beside the default one under its own key.
  Result<Shared> parse(const Screenshot& screen, bool* hit, bool cjk) {
    if (pixels_mat(screen).empty()) return Error::invalid("empty screenshot: " + screen.source);
    constexpr std::uint64_t kCjkKey = 0x636A6B2D70617273ull;
    const std::uint64_t key = cjk ? screen.hash ^ kCjkKey : screen.hash;
    if (auto cached = cache_.get(key)) {
      *hit = true;
      return cached;
    }
    std::promise<Result<Shared>> promise;
    std::shared_future<Result<Shared>> pending;
    bool mine = false;
    {
      std::lock_guard lock(mu_);
      auto it = inflight_.find(key);
      if (it != inflight_.end()) {
        pending = it->second;
      } else {
        pending = promise.get_future().share();
        inflight_.emplace(key, pending);
        mine = true;
        ++computed_;
      }
    }
    if (!mine) {
      *hit = true;
      return pending.get();
    }
    Result<Shared> result = build(screen, cjk);
    if (result.ok()) cache_.put(key, *result);
    promise.set_value(result);
    std::lock_guard lock(mu_);
    inflight_.erase(key);
    return result;
  }

  Result<Shared> build(const Screenshot& screen, bool cjk) {
    OcrPool* ocr = ocr_.get();
    if (cjk) {
      auto pool = cjk_pool();
      if (!pool.ok()) return pool.error();
      ocr = *pool;
    }
    if (auto ready = ocr->ready(); !ready.ok()) return ready.error();
    const Result<IconClassifier>& icons = icons_.get();
    if (!icons.ok()) return icons.error();
    auto built = parse_screenshot(screen, *ocr, *icons);
    if (!built.ok()) return built.error();
    return Shared(std::make_shared<const ScreenParse>(std::move(built.value())));
  }

  const LocalEngineOptions options_;
  const OcrLanguages languages_;
  std::unique_ptr<OcrPool> ocr_;
  std::mutex cjk_mu_;
  std::unique_ptr<OcrPool> cjk_ocr_;
  const IconVocabulary vocabulary_;
  const IconBank icons_;  // loading in the background until the first parse needs it
  ParseCache cache_;
  mutable std::mutex mu_;
  std::map<std::uint64_t, std::shared_future<Result<Shared>>> inflight_;
  std::size_t computed_ = 0;
};

}  // namespace
}  // namespace local

Result<std::unique_ptr<LocalEngine>> make_local_engine(const LocalEngineOptions& options) {
  auto languages = local::split_languages(options.languages);
  if (!languages.ok()) return languages.error();
  // Missing CJK models are reported now, not on the first Chinese instruction.
  if (!languages->cjk.empty()) {
    if (auto found = local::OcrPool::find_models(options.tessdata_dir, languages->cjk); !found.ok()) return found.error();
  }
  auto pool = local::OcrPool::create(options.tessdata_dir, languages->primary, options.ocr_threads);
  if (!pool.ok()) return pool.error();
  auto vocabulary_file = find_data_file("icons/concepts.tsv");
  if (!vocabulary_file.ok()) return vocabulary_file.error();
  auto vocabulary = local::IconVocabulary::load(*vocabulary_file);
  if (!vocabulary.ok()) return vocabulary.error();
  // The bank's 1,669 icons take ~0.1 s to turn into features: that overlaps decoding and text
  // detection of the first screen, as does loading the icon network. Missing files are reported
  // now, a corrupt bank or model at the first parse.
  auto atlas = find_data_file("icons/bank.png");
  if (!atlas.ok()) return atlas.error();
  auto index = find_data_file("icons/bank.tsv");
  if (!index.ok()) return index.error();
  auto net_model = find_data_file("models/icon_net.onnx");
  if (!net_model.ok()) return net_model.error();
  auto net_labels = find_data_file("models/icon_net.labels");
  if (!net_labels.ok()) return net_labels.error();
  auto icons = std::async(std::launch::async, [atlas = *atlas, index = *index, model = *net_model,
                                               labels = *net_labels]() -> Result<local::IconClassifier> {
                 auto net = local::IconNet::load(model, labels);
                 if (!net.ok()) return net.error();
                 return local::IconClassifier::load(atlas, index, std::move(net.value()));
               }).share();
  return std::unique_ptr<LocalEngine>(
      new local::LocalEngineImpl(options, std::move(languages.value()), std::move(pool.value()), std::move(vocabulary.value()),
                                 std::move(icons)));
}

}  // namespace humain
