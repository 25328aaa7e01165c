// The hybrid router: classify, decide (policy.h), then run the plan. Privacy checks happen twice:
// in the policy, and again right before a cloud call (cloud_allowed, redaction succeeded), so a
// bug in one place cannot send an unmasked confidential screen.
#include <algorithm>
#include <chrono>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

#include "audit_log.h"
#include "chat_answer_cache.h"
#include "grounding/set_of_marks/marks.h"
#include "classifier.h"
#include "humain/image_encoding.h"
#include "humain/local_engine.h"
#include "humain/adapter.h"
#include "humain/router.h"
#include "policy.h"
#include "replica_pool.h"
#include "screen_text_reader.h"
#include "vlm_endpoint.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

using routing::AuditLog;
using routing::ReplicaPool;
using routing::SentImage;
using routing::VlmEndpoint;
using json = nlohmann::json;

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

json box_json(const Box& b) {
  return json::array({std::lround(b.x1), std::lround(b.y1), std::lround(b.x2), std::lround(b.y2)});
}

// Errors that say the endpoint is unhealthy (trip its breaker); others (unparseable answer,
// bad input) say nothing about the server.
bool health_error(const Error& e) {
  return e.kind == Error::Kind::kNetwork || e.kind == Error::Kind::kTimeout || e.kind == Error::Kind::kServer;
}

std::vector<EndpointConfig> side_endpoints(const Config& c, const std::string& side) {
  std::vector<EndpointConfig> out;
  if (side == "local" && c.local) out.push_back(*c.local);
  if (side == "cloud" && c.cloud) out.push_back(*c.cloud);
  for (const auto& f : c.fallbacks) {
    if (f.location == side) out.push_back(f);
  }
  return out;
}

// A window around the local engine's candidate, so only the neighbourhood leaves the machine.
Box crop_window(const Box& around, int width, int height) {
  const double w = std::min<double>(width, std::max(768.0, around.width() * 3));
  const double h = std::min<double>(height, std::max(768.0, around.height() * 3));
  const Point c = around.center();
  double x1 = std::clamp(c.x - w / 2, 0.0, width - w);
  double y1 = std::clamp(c.y - h / 2, 0.0, height - h);
  return Box{std::floor(x1), std::floor(y1), std::floor(x1 + w), std::floor(y1 + h)};
}

class HybridRouter final : public Router {
 public:
  HybridRouter(Config config, RouterDeps deps, std::unique_ptr<AuditLog> audit)
      : config_(std::move(config)), deps_(std::move(deps)), audit_(std::move(audit)) {
    auto provider_factory = deps_.make_chat_provider
                                ? deps_.make_chat_provider
                                : std::function<Result<std::unique_ptr<Provider>>(const EndpointConfig&)>(make_provider);
    auto factory = [provider_factory](const EndpointConfig& e) -> Result<std::unique_ptr<VlmEndpoint>> {
      auto p = provider_factory(e);
      if (!p.ok()) return p.error();
      return VlmEndpoint::make(e, std::move(p.value()));
    };
    local_ = std::make_unique<Pool>(side_endpoints(config_, "local"), config_.breaker_failures,
                                    config_.breaker_cooldown_s, factory);
    cloud_ = std::make_unique<Pool>(side_endpoints(config_, "cloud"), config_.breaker_failures,
                                    config_.breaker_cooldown_s, factory);
    cache_ = deps_.cache;
    if (!cache_ && config_.cache.enabled) cache_ = make_prediction_cache(config_.cache);
    if (config_.cache.enabled) chat_cache_ = std::make_unique<routing::ChatAnswerCache>(config_.cache);
  }

  std::string name() const override { return "hybrid"; }

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    auto r = ground(screen, instruction, std::nullopt);
    if (!r.ok()) return r.error();
    return r->prediction;
  }

  CacheStats cache_stats() const override { return cache_ ? cache_->stats() : CacheStats{}; }
  CacheStats chat_cache_stats() const override { return chat_cache_ ? chat_cache_->stats() : CacheStats{}; }

  int open_breakers(Tier tier) const override {
    if (tier == Tier::kLocalVlm) return local_->open_count();
    if (tier == Tier::kCloudVlm) return cloud_->open_count();
    return 0;
  }

  Result<RouteDecision> decide(const RouteRequest& request) override {
    if (request.operation != "grounding" && request.operation != "planning" && request.operation != "reasoning") {
      return Error::invalid("operation must be grounding, planning or reasoning (got \"" + request.operation + "\")");
    }
    RouteDecision d;
    const int w = request.screen ? request.screen->width() : 0;
    const int h = request.screen ? request.screen->height() : 0;
    const Complexity cx = routing::classify_complexity(request.task, request.operation, w, h, d.reasons);

    Sensitivity s = Sensitivity::kInternal;  // the seed's default when nobody says otherwise
    if (request.sensitivity) {
      s = *request.sensitivity;
      d.reasons.push_back(std::string("caller says ") + sensitivity_name(s));
    }
    if (auto t = routing::task_sensitivity(request.task, config_.sensitive_keywords, d.reasons)) s = std::max(s, *t);

    // The screen scan only matters when something could leave the machine.
    const bool cloud_possible = config_.cloud && !config_.force_local && config_.mode != "local_only";
    if (request.screen && cloud_possible) {
      auto lines = read_screen(*request.screen);
      if (!lines.ok()) {
        s = Sensitivity::kConfidential;  // fail closed: an unreadable screen is treated as secret
        d.reasons.push_back("screen scan failed (" + lines.error().message + "): treated as confidential");
      } else {
        d.findings = find_sensitive_text(lines.value(), config_.sensitive_keywords);
        std::map<std::string, int> kinds;
        Sensitivity screen_level = Sensitivity::kPublic;
        for (const auto& f : d.findings) {
          ++kinds[f.kind];
          screen_level = std::max(screen_level, f.level);
        }
        if (!d.findings.empty()) {
          std::string list;
          for (const auto& [k, n] : kinds) list += (list.empty() ? "" : ", ") + std::to_string(n) + " " + k;
          d.reasons.push_back("screen shows " + list + ": " + sensitivity_name(screen_level));
          if (screen_level > s && request.sensitivity && *request.sensitivity < screen_level) {
            d.reasons.push_back("the screen overrides the caller's lower level");
          }
          s = std::max(s, screen_level);
        }
      }
    } else if (request.screen) {
      d.reasons.push_back("screen not scanned: nothing can leave the machine in this configuration");
    } else if (request.operation == "grounding") {
      d.reasons.push_back("no screenshot given: decided from the task alone");
    }

    routing::PolicyInput in;
    in.operation = request.operation;
    in.sensitivity = s;
    in.complexity = cx;
    auto st = routing::plan_route(config_, in, d);
    if (!st.ok()) return st.error();
    // The app's own tree is exact and never leaves the machine: it answers first when there is one.
    if (request.operation == "grounding" && deps_.accessibility && config_.accessibility.value_or(true)) {
      d.plan.insert(d.plan.begin(), Tier::kAccessibility);
      d.tier = Tier::kAccessibility;
      d.reasons.push_back(std::string("accessibility: the AT-SPI tree answers first, ") + tier_name(d.plan[1]) +
                          " when it has no answer at or above escalate_below");
    }
    if (d.cloud_allowed) {
      for (const auto& f : d.findings) d.redactions.push_back(f.box);
    }
    return d;
  }

  Result<RoutedPrediction> ground(const Screenshot& screen, std::string_view instruction,
                                  std::optional<Sensitivity> stated) override {
    const auto t0 = std::chrono::steady_clock::now();
    RouteRequest req;
    req.task = std::string(instruction);
    req.operation = "grounding";
    req.sensitivity = stated;
    req.screen = &screen;
    auto decided = decide(req);
    if (!decided.ok()) return decided.error();
    RoutedPrediction out;
    out.decision = std::move(decided.value());
    const RouteDecision& d = out.decision;

    json audit = decision_json(d, req);
    json sent = json::array();
    std::optional<Prediction> best;  // most confident answer so far (may be below the threshold)
    Tier best_tier = Tier::kLocalEngine;
    std::optional<Box> engine_candidate;

    for (const Tier tier : d.plan) {
      Result<Prediction> r = Error::internal("not tried");
      if (tier == Tier::kAccessibility) {
        r = deps_.accessibility->find_element(screen, instruction);
      } else if (tier == Tier::kLocalEngine) {
        r = run_engine(screen, instruction);
        if (r.ok() && r->point) engine_candidate = r->box ? *r->box : Box{r->point->x - 40, r->point->y - 20, r->point->x + 40, r->point->y + 20};
      } else if (tier == Tier::kLocalVlm) {
        MarksSource marks{&screen, engine_candidate, {}, {}};
        r = run_vlm(*local_, screen, instruction, nullptr, out.fallbacks, "local-vlm", marks);
      } else {
        r = run_cloud(screen, instruction, d, engine_candidate, sent, out.fallbacks);
      }
      if (!r.ok()) {
        out.fallbacks.push_back(std::string(tier_name(tier)) + " failed: " + r.error().message);
        continue;
      }
      Prediction p = std::move(r.value());
      const bool found = p.point.has_value();
      if (found && p.confidence >= config_.escalate_below) {
        best = std::move(p);
        best_tier = tier;
        break;
      }
      const std::string why = found ? "confidence " + std::to_string(p.confidence).substr(0, 4) + " < escalate_below"
                                    : "no match";
      out.fallbacks.push_back(std::string(tier_name(tier)) + " unsure (" + why + ")");
      if (found && (!best || p.confidence > best->confidence)) {
        best = std::move(p);
        best_tier = tier;
      }
    }

    audit["sent"] = sent;
    audit["fallbacks"] = out.fallbacks;
    audit["latency_ms"] = ms_since(t0);
    for (const auto& s : sent) out.bytes_sent += s.value("bytes", std::size_t{0});
    if (!best) {
      const bool any_error = std::any_of(out.fallbacks.begin(), out.fallbacks.end(),
                                         [](const std::string& f) { return f.find(" failed: ") != std::string::npos; });
      // A failure anywhere (dead server, unparseable answer) must not pass for "not found".
      if (any_error) {
        std::string msg = "no tier found the element, and some failed:";
        for (const auto& f : out.fallbacks) msg += " [" + f + "]";
        audit["answered_by"] = nullptr;
        audit["error"] = msg;
        audit_->write(std::move(audit));
        return Error::server(msg);
      }
      out.prediction.source = "hybrid";
      out.prediction.timings.total_ms = ms_since(t0);
      audit["answered_by"] = nullptr;
      audit_->write(std::move(audit));
      return out;
    }
    out.answered_by = best_tier;
    out.prediction = std::move(*best);
    // The accessibility tier's source is its name ("accessibility"); the others get the tier as a prefix.
    if (best_tier != Tier::kAccessibility) out.prediction.source = std::string(tier_name(best_tier)) + ":" + out.prediction.source;
    out.prediction.timings.total_ms = ms_since(t0);
    audit["answered_by"] = tier_name(best_tier);
    audit["confidence"] = out.prediction.confidence;
    audit_->write(std::move(audit));
    return out;
  }

  Result<RoutedChat> chat(const ChatRequest& chat, const RouteRequest& request, const TokenCallback& on_token) override {
    const auto t0 = std::chrono::steady_clock::now();
    RouteRequest req = request;
    if (req.operation == "grounding") return Error::invalid("chat() routes planning or reasoning; use ground() for grounding");
    // Each carried screenshot is scanned; the most sensitive one decides, and each keeps its own masks.
    std::vector<std::vector<Box>> masks(req.images.size());
    Result<RouteDecision> decided = Error::internal("not decided");
    if (req.images.empty()) {
      decided = decide(req);
    } else {
      std::vector<std::string> reasons;
      for (std::size_t i = 0; i < req.images.size(); ++i) {
        RouteRequest one = req;
        one.screen = req.images[i];
        auto di = decide(one);
        if (!di.ok()) return di.error();
        for (const auto& f : di->findings) masks[i].push_back(f.box);
        for (auto& r : di->reasons) reasons.push_back("image " + std::to_string(i + 1) + ": " + r);
        if (!decided.ok() || di->sensitivity > decided->sensitivity) decided = std::move(di);
      }
      decided->reasons = std::move(reasons);
      decided->findings.clear();
      decided->redactions.clear();
      for (std::size_t i = 0; i < masks.size() && decided->cloud_allowed; ++i) {
        decided->redactions.insert(decided->redactions.end(), masks[i].begin(), masks[i].end());
      }
    }
    if (!decided.ok()) return decided.error();
    RouteDecision d = std::move(decided.value());
    if (!chat.images.empty() && d.cloud_allowed) {
      // Pre-encoded images cannot be scanned or masked here: keep them on the machine.
      routing::PolicyInput in{req.operation, d.sensitivity, d.complexity, true};
      RouteDecision again;
      again.reasons = d.reasons;
      auto st = routing::plan_route(config_, in, again);
      if (!st.ok()) return st.error();
      d = std::move(again);
    }
    RoutedChat out;
    json audit = decision_json(d, req);
    // Looked up once the policy has decided: the key holds the decision, so an answer is only
    // replayed to a request the same policy would have sent to the same tiers.
    std::optional<std::string> cache_key;
    if (chat_cache_ && req.cache_partition && routing::chat_is_cacheable(chat)) {
      cache_key = routing::chat_cache_key(*req.cache_partition, chat, req.images, d, req.operation);
      if (auto hit = chat_cache_->lookup(*cache_key)) {
        out.response = std::move(hit->response);
        out.answered_by = hit->answered_by;
        out.decision = d;
        out.cached = true;
        if (on_token && !out.response.text.empty()) on_token(out.response.text);  // a stream replays it as one delta
        audit["answered_by"] = tier_name(hit->answered_by);
        audit["cache_hit"] = true;
        audit["latency_ms"] = ms_since(t0);
        audit_->write(std::move(audit));
        return out;
      }
    }
    json sent = json::array();
    std::size_t delivered = 0;  // deltas the caller already holds
    TokenCallback relay;
    if (on_token) relay = [&](const std::string& delta) { ++delivered; on_token(delta); };
    for (const Tier tier : d.plan) {
      Pool& pool = tier == Tier::kCloudVlm ? *cloud_ : *local_;
      if (tier == Tier::kCloudVlm && !d.cloud_allowed) continue;  // defence in depth
      auto outgoing = with_images(chat, req.images, tier == Tier::kCloudVlm ? &masks : nullptr);
      if (!outgoing.ok()) {
        out.fallbacks.push_back(std::string(tier_name(tier)) + " skipped: " + outgoing.error().message);
        continue;
      }
      auto r = call_pool<ChatResponse>(pool, out.fallbacks, tier_name(tier),
                                       [&](VlmEndpoint& e) { return e.chat(outgoing.value(), relay); });
      std::size_t bytes = outgoing->prompt.size() + outgoing->system.size();
      for (const auto& img : outgoing->images) bytes += img->base64.size();
      if (tier == Tier::kCloudVlm) {
        out.bytes_sent += bytes;
        sent.push_back({{"tier", "cloud-vlm"}, {"prompt_bytes", chat.prompt.size() + chat.system.size()},
                        {"images", outgoing->images.size()}, {"bytes", bytes}});
      }
      if (!r.ok()) {
        out.fallbacks.push_back(std::string(tier_name(tier)) + " failed: " + r.error().message);
        if (delivered > 0) break;  // part of this tier's answer is already out: no splicing another in
        if (chat.cancel && chat.cancel->load()) break;  // nobody waits for a fallback's answer
        continue;
      }
      out.response = std::move(r.value());
      out.answered_by = tier;
      out.decision = d;
      if (cache_key && (!out.response.text.empty() || !out.response.tool_calls.empty())) {
        chat_cache_->insert(*cache_key, {out.response, tier});
      }
      audit["sent"] = sent;
      audit["answered_by"] = tier_name(tier);
      audit["fallbacks"] = out.fallbacks;
      audit["latency_ms"] = ms_since(t0);
      audit_->write(std::move(audit));
      return out;
    }
    std::string msg = delivered > 0 ? "the answering tier failed mid-stream:" : "every allowed tier failed:";
    for (const auto& f : out.fallbacks) msg += " [" + f + "]";
    audit["sent"] = sent;
    audit["error"] = msg;
    audit["fallbacks"] = out.fallbacks;
    audit_->write(std::move(audit));
    return Error::server(msg);
  }

 private:
  using Pool = ReplicaPool<VlmEndpoint>;

  // `chat` plus the request's screenshots as PNG: as they are, or (for a cloud tier) with `masks` filled.
  static Result<ChatRequest> with_images(const ChatRequest& chat, const std::vector<const Screenshot*>& images,
                                         const std::vector<std::vector<Box>>* masks) {
    ChatRequest out = chat;
    for (std::size_t i = 0; i < images.size(); ++i) {
      const Screenshot* shot = images[i];
      Screenshot masked;
      if (masks) {
        auto m = redact(*shot, (*masks)[i]);
        if (!m.ok()) return Error::policy("redaction failed, nothing sent: " + m.error().message);
        masked = std::move(m.value());
        shot = &masked;
      }
      auto enc = encode_image(*shot, shot->width(), shot->height());
      if (!enc.ok()) return enc.error();
      out.images.push_back(std::make_shared<const EncodedImage>(std::move(enc.value())));
    }
    return out;
  }

  json decision_json(const RouteDecision& d, const RouteRequest& req) const {
    json plan = json::array();
    for (Tier t : d.plan) plan.push_back(tier_name(t));
    json red = json::array();
    for (const auto& b : d.redactions) red.push_back(box_json(b));
    json j = {{"operation", req.operation}, {"mode", d.mode}, {"sensitivity", sensitivity_name(d.sensitivity)},
              {"complexity", complexity_name(d.complexity)}, {"tier", tier_name(d.tier)}, {"plan", plan},
              {"reasons", d.reasons}, {"redactions", red}};
    // The audit log stays on the machine, but a confidential task's text is still not copied into it.
    if (d.sensitivity == Sensitivity::kConfidential) j["task_chars"] = req.task.size();
    else j["task"] = req.task;
    if (req.screen) j["image_hash"] = req.screen->hash;
    return j;
  }

  Result<std::vector<ScreenText>> read_screen(const Screenshot& screen) {
    if (deps_.read_screen) return deps_.read_screen(screen);
    // The local engine's parse (shared with grounding, cached by screen hash) is the scanner;
    // when the engine in use is not the built-in one, a private one is made for the scan.
    LocalEngine* local = nullptr;
    if (auto engine = engine_or_error(); engine.ok()) local = dynamic_cast<LocalEngine*>(engine.value());
    std::lock_guard<std::mutex> lock(reader_mu_);
    if (!local) {
      if (!scanner_ && !reader_) {
        auto made = make_local_engine();
        if (made.ok()) scanner_ = std::move(made.value());
      }
      local = scanner_.get();
    }
    if (local) {
      auto parse = local->parse_screen(screen);
      if (!parse.ok()) return parse.error();
      std::vector<ScreenText> lines;
      for (const auto& e : (*parse)->elements) {
        if (!e.text.empty() || e.role == ElementRole::kField) lines.push_back({e.box, e.text, e.role == ElementRole::kField});
      }
      return lines;
    }
    if (!reader_) {  // no local engine at all: one Tesseract page pass
      auto r = routing::ScreenTextReader::create();
      if (!r.ok()) return r.error();
      reader_ = std::move(r.value());
    }
    return reader_->read(screen);
  }

  Result<Grounder*> engine_or_error() {
    std::lock_guard<std::mutex> lock(engine_mu_);
    if (!engine_) {
      if (deps_.local_engine) {
        engine_ = deps_.local_engine;
      } else {
        auto g = make_grounder("local", &config_);
        if (!g.ok()) g = make_grounder("ocr-baseline", &config_);
        if (!g.ok()) return g.error();
        engine_ = std::shared_ptr<Grounder>(std::move(g.value()));
      }
    }
    return engine_.get();
  }

  Result<Prediction> run_engine(const Screenshot& screen, std::string_view instruction) {
    auto engine = engine_or_error();
    if (!engine.ok()) return engine.error();
    auto r = engine.value()->find_element(screen, instruction);
    if (r.ok() && r->source.empty()) r->source = engine.value()->name();
    return r;
  }

  // Set-of-marks candidates for one request, built on first use from the local engine's parse of
  // the unredacted screen. `withheld`: redacted regions whose text must not go into a prompt.
  struct MarksSource {
    const Screenshot* screen = nullptr;
    std::optional<Box> engine_pick;  // the local engine's answer, when it ran: ranks first in top-k
    std::vector<Box> withheld;
    std::optional<std::vector<marks::Mark>> all;
  };

  // The local engine that parses screens for marks: the router's own engine when it is the
  // built-in one, else a private one made once.
  LocalEngine* parsing_engine() {
    if (auto engine = engine_or_error(); engine.ok()) {
      if (auto* local = dynamic_cast<LocalEngine*>(engine.value())) return local;
    }
    std::lock_guard<std::mutex> lock(reader_mu_);
    if (!scanner_) {
      auto made = make_local_engine();
      if (made.ok()) scanner_ = std::move(made.value());
    }
    return scanner_.get();
  }

  Result<std::vector<marks::Mark>> marks_for(MarksSource& source, std::string_view instruction, int top_k) {
    if (!source.screen) return Error::internal("set-of-marks: no screen");
    if (!source.all) {
      LocalEngine* engine = parsing_engine();
      if (!engine) return Error::unsupported("set-of-marks needs the local engine's screen parse, which is unavailable");
      auto parse = engine->parse_screen(*source.screen);
      if (!parse.ok()) return parse.error();
      source.all = marks::build_marks(**parse);
      marks::withhold_text(*source.all, source.withheld);
    }
    return marks::top_marks(*source.all, instruction, source.engine_pick, top_k);
  }

  // Tries the pool's members (fewest in flight first, open breakers skipped) until one answers.
  template <typename T>
  Result<T> call_pool(Pool& pool, std::vector<std::string>& notes, const std::string& tier,
                      const std::function<Result<T>(VlmEndpoint&)>& call) {
    if (pool.empty()) return Error::unsupported("no " + tier + " configured");
    std::vector<const Pool::Member*> tried;
    std::optional<Error> last;
    while (auto lease = pool.acquire(tried)) {
      tried.push_back(&*lease.operator->());
      auto client = pool.client(*lease.operator->());
      if (!client.ok()) {  // e.g. missing API key: this endpoint cannot be used at all
        lease->breaker->record_failure();
        notes.push_back(tier + " " + lease->endpoint.base_url + ": " + client.error().message);
        last = client.error();
        continue;
      }
      auto r = call(*client.value());
      if (r.ok()) {
        lease->breaker->record_success();
        return r;
      }
      if (health_error(r.error())) {
        lease->breaker->record_failure();
        if (tried.size() < pool.size()) notes.push_back(tier + " replica " + lease->endpoint.base_url + " failed: " + r.error().message);
      } else {
        lease->breaker->record_success();  // the server answered; the answer was the problem
      }
      last = r.error();
      if (!health_error(r.error())) break;  // another replica of the same model would answer the same
    }
    if (last) return *last;
    return Error::server("every " + tier + " endpoint is cooling down after failures (circuit open)");
  }

  Result<Prediction> run_vlm(Pool& pool, const Screenshot& screen, std::string_view instruction, SentImage* sent_info,
                             std::vector<std::string>& notes, const std::string& tier, MarksSource& marks,
                             const Screenshot* key_screen = nullptr, Point offset = {0, 0}) {
    const EndpointConfig* ep = nullptr;
    if (tier == "local-vlm" && config_.local) ep = &*config_.local;
    if (tier == "cloud-vlm" && config_.cloud) ep = &*config_.cloud;
    std::optional<CacheKey> key;
    if (cache_ && ep) {
      key = make_cache_key(key_screen ? *key_screen : screen, ep->provider, ep->model, ep->family, std::string(instruction),
                           cache_->aggressive());
      if (auto hit = cache_->lookup(*key)) {
        hit->source = "cache:vlm:" + ep->provider + "/" + ep->family;
        return *hit;
      }
    }
    auto r = call_pool<Prediction>(pool, notes, tier, [&](VlmEndpoint& e) -> Result<Prediction> {
      if (!e.uses_marks()) return e.ground(screen, instruction, sent_info);
      auto candidates = marks_for(marks, instruction, e.marks_top_k());
      if (!candidates.ok()) return candidates.error();
      return e.ground_marks(screen, candidates.value(), instruction, sent_info);
    });
    if (r.ok()) {
      // A crop's answer, mapped back to full-screen pixels before it is cached or returned.
      if (r->point) r->point = Point{r->point->x + offset.x, r->point->y + offset.y};
      if (r->box) r->box = Box{r->box->x1 + offset.x, r->box->y1 + offset.y, r->box->x2 + offset.x, r->box->y2 + offset.y};
    }
    if (r.ok() && key) cache_->insert(*key, r.value());
    return r;
  }

  Result<Prediction> run_cloud(const Screenshot& screen, std::string_view instruction, const RouteDecision& d,
                               const std::optional<Box>& candidate, json& sent, std::vector<std::string>& notes) {
    if (!d.cloud_allowed) return Error::policy("policy forbids the cloud for this request");  // defence in depth
    auto masked = redact(screen, d.redactions);
    if (!masked.ok()) return Error::policy("redaction failed, nothing sent: " + masked.error().message);
    Screenshot outgoing = std::move(masked.value());
    Box window{0, 0, double(screen.width()), double(screen.height())};
    const bool crop = config_.cloud && config_.cloud->send == "crop";
    MarksSource marks{&screen, candidate, d.redactions, {}};
    if (crop && candidate) {
      window = crop_window(*candidate, screen.width(), screen.height());
      cv::Rect r(int(window.x1), int(window.y1), int(window.width()), int(window.height()));
      auto cropped = screenshot_from_mat(pixels_mat(outgoing)(r).clone(), screen.source + " (crop)");
      if (!cropped.ok()) return cropped.error();
      outgoing = std::move(cropped.value());
    } else if (crop) {
      notes.push_back("send: crop without a local candidate: sending the redacted screen");
    }
    SentImage info;
    auto r = run_vlm(*cloud_, outgoing, instruction, &info, notes, "cloud-vlm", marks, &screen, Point{window.x1, window.y1});
    if (info.bytes > 0) {
      json red = json::array();
      for (const auto& b : d.redactions) red.push_back(box_json(b));
      json entry = {{"tier", "cloud-vlm"}, {"image_hash", outgoing.hash}, {"bytes", info.bytes},
                    {"width", info.width}, {"height", info.height}, {"redactions", red},
                    {"crop", crop && candidate ? box_json(window) : json(nullptr)}};
      if (!info.grounding.empty()) {
        // Set-of-marks: how many images left, the prompt's size, and (send: crops) each crop's
        // window: with crops, no pixel outside these windows left the machine.
        json crops = json::array();
        for (const auto& b : info.crops) crops.push_back(box_json(b));
        entry["grounding"] = info.grounding;
        entry["images"] = info.images;
        entry["prompt_chars"] = info.prompt_chars;
        entry["crops"] = crops;
        if (!info.crops.empty()) entry["image_hash"] = nullptr;  // the full screen never left
      }
      sent.push_back(std::move(entry));
    }
    return r;
  }

  Config config_;
  RouterDeps deps_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<Pool> local_, cloud_;
  std::shared_ptr<PredictionCache> cache_;
  std::unique_ptr<routing::ChatAnswerCache> chat_cache_;  // null when caching is off
  std::mutex engine_mu_, reader_mu_;
  std::shared_ptr<Grounder> engine_;
  std::unique_ptr<LocalEngine> scanner_;                 // guarded by reader_mu_
  std::unique_ptr<routing::ScreenTextReader> reader_;   // guarded by reader_mu_
};

}  // namespace

Result<std::unique_ptr<Router>> make_router(const Config& config, RouterDeps deps) {
  // A family typo must fail when the config is loaded, as an unknown key does, not at the first
  // request that reaches that tier (`humain route` never sends one).
  for (const auto* e : {config.local ? &*config.local : nullptr, config.cloud ? &*config.cloud : nullptr}) {
    if (!e || e->family.empty()) continue;
    if (auto a = make_adapter(e->family); !a) {
      return Error::invalid(config.path + (e->line > 0 ? ":" + std::to_string(e->line) : std::string()) + ": " +
                            e->provider + " endpoint: " + a.error().message);
    }
  }
  auto audit = AuditLog::open(config.audit_log);
  if (!audit.ok()) return audit.error();
  return std::unique_ptr<Router>(new HybridRouter(config, std::move(deps), std::move(audit.value())));
}

}  // namespace humain
