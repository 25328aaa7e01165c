// Router: decides which tier may see a request (local engine, local VLM, cloud VLM), masks
// confidential screen text before anything leaves the machine, falls back when a tier fails, and
// writes every decision to an audit log. docs/ROUTING.md has the routing table.
//
//   auto router = humain::make_router(config, {});           // Result<unique_ptr<Router>>
//   auto why    = (*router)->decide({.task = "click Pay", .screen = &screen});   // explain only
//   auto answer = (*router)->ground(screen, "click Pay");    // decide, run, fall back, audit
//
// The Router is also a Grounder ("hybrid"), so `ground` and `eval` use it unchanged.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "humain/cache.h"
#include "humain/config.h"
#include "humain/geometry.h"
#include "humain/grounder.h"
#include "humain/image.h"
#include "humain/provider.h"
#include "humain/result.h"

namespace humain {

// kAccessibility: the app's own AT-SPI tree (humain act on a live desktop; issue 14). It is only in
// a plan when RouterDeps::accessibility is given and the config does not say `accessibility: off`.
enum class Tier { kLocalEngine, kLocalVlm, kCloudVlm, kAccessibility };
enum class Sensitivity { kPublic, kInternal, kConfidential };
enum class Complexity { kSimple, kModerate, kComplex };

const char* tier_name(Tier t);                 // "local-engine" | "local-vlm" | "cloud-vlm" | "accessibility"
const char* sensitivity_name(Sensitivity s);   // "public" | "internal" | "confidential"
const char* complexity_name(Complexity c);     // "simple" | "moderate" | "complex"
std::optional<Sensitivity> parse_sensitivity(std::string_view s);

// A line of text seen on the screen (from the local engine's OCR); `field` when it sits in an input box.
struct ScreenText {
  Box box;
  std::string text;
  bool field = false;
};

// Something on the screen that must not leave the machine as is.
struct SensitiveItem {
  Box box;                 // pixels to mask
  std::string kind;        // card | ssn | iban | email | phone | password | keyword
  Sensitivity level;       // confidential: card/ssn/iban/password; internal: email/phone/keyword on screen
};

// Finds card numbers (Luhn-valid), SSNs, IBANs (mod-97), e-mail addresses, phone numbers,
// password fields (masked bullets, or the field next to a "password" label) and `keywords`.
std::vector<SensitiveItem> find_sensitive_text(const std::vector<ScreenText>& lines,
                                               const std::vector<std::string>& keywords);

// Copy of `screen` with every box filled solid black (padded by `pad` pixels, clipped to the image).
// On error the caller must not send anything.
Result<Screenshot> redact(const Screenshot& screen, const std::vector<Box>& boxes, int pad = 2);

struct RouteRequest {
  std::string task;                          // instruction or task description
  std::string operation = "grounding";       // grounding | planning | reasoning
  std::optional<Sensitivity> sensitivity;    // stated by the caller (context['sensitivity'])
  const Screenshot* screen = nullptr;        // read by OCR for confidential text; may be null
  // chat() only: screenshots the conversation carries. Each is scanned like `screen`; local tiers
  // get them as they are, a cloud tier only masked copies (PNG). Not owned; must outlive the call.
  std::vector<const Screenshot*> images;
  // chat() only: set = the answer may come from / go to the chat answer cache (when `caching:` is
  // on and the request is not sampled), kept apart per partition (serve: one per API key).
  std::optional<std::string> cache_partition;
};

struct RouteDecision {
  Tier tier = Tier::kLocalEngine;            // where the policy expects the answer
  std::vector<Tier> plan;                    // tiers tried in order (cascade, then fallbacks)
  std::string mode;
  Sensitivity sensitivity = Sensitivity::kInternal;
  Complexity complexity = Complexity::kSimple;
  bool cloud_allowed = false;                // may anything of this request leave the machine
  std::vector<std::string> reasons;
  std::vector<SensitiveItem> findings;       // what the screen scan found
  std::vector<Box> redactions;               // masked before a cloud tier sees the screen
};

// What ground() answers besides the Prediction.
struct RoutedPrediction {
  Prediction prediction;                     // source names the tier that answered
  RouteDecision decision;
  Tier answered_by = Tier::kLocalEngine;
  std::vector<std::string> fallbacks;        // "cloud-vlm failed: timeout ...", one per skipped tier
  std::size_t bytes_sent = 0;                // image bytes that left the machine (cloud tier)
};

struct RoutedChat {
  ChatResponse response;
  RouteDecision decision;
  Tier answered_by = Tier::kLocalVlm;
  std::vector<std::string> fallbacks;
  std::size_t bytes_sent = 0;                // prompt + image bytes that left the machine (cloud tier)
  bool cached = false;                       // replayed from the chat answer cache (answered_by: who first answered)
};

// How the router reaches each tier; defaults build the real ones. Tests inject doubles.
struct RouterDeps {
  std::shared_ptr<Grounder> local_engine;    // null = make_grounder("local")
  // Reads the screen's text for the sensitivity scan; null = the local engine's parse_screen.
  std::function<Result<std::vector<ScreenText>>(const Screenshot&)> read_screen;
  // Builds a grounder / provider for one endpoint URL; null = the built-in VLM grounder / make_provider.
  std::function<Result<std::unique_ptr<Grounder>>(const EndpointConfig&)> make_vlm_grounder;
  std::function<Result<std::unique_ptr<Provider>>(const EndpointConfig&)> make_chat_provider;
  std::shared_ptr<PredictionCache> cache;    // null = from config.cache when enabled
  // The accessibility tier (make_accessibility_grounder over the live desktop's AT-SPI tree); null =
  // none, as in `serve` and `ground`: a posted screenshot carries no tree. Tried first for grounding.
  std::shared_ptr<Grounder> accessibility;
};

class Router : public Grounder {
 public:
  // Classifies and decides without calling any model (the local OCR may run for the screen scan).
  virtual Result<RouteDecision> decide(const RouteRequest& request) = 0;

  // Decides, runs the plan (escalating on low confidence, falling back on failure), audits.
  virtual Result<RoutedPrediction> ground(const Screenshot& screen, std::string_view instruction,
                                          std::optional<Sensitivity> stated = std::nullopt) = 0;

  // Plain chat (planning, reasoning) under the same policy. Pre-encoded images in `chat` cannot be
  // scanned, so they keep the request local; pass screenshots in `request.images` instead.
  // `on_token` gets each delta as it arrives; once one was delivered, a failing tier is not
  // replaced by the next (the caller already holds part of an answer): the error is returned.
  virtual Result<RoutedChat> chat(const ChatRequest& chat, const RouteRequest& request,
                                  const TokenCallback& on_token = nullptr) = 0;

  // Cache statistics of the VLM tiers (zeros when caching is off).
  virtual CacheStats cache_stats() const = 0;

  // Statistics of the chat answer cache (zeros when caching is off).
  virtual CacheStats chat_cache_stats() const = 0;

  // Endpoints of `tier` whose circuit breaker is open right now (skipped while cooling down).
  virtual int open_breakers(Tier tier) const = 0;
};

// Builds the router for `config`. Endpoints are created lazily, so a missing API key only matters
// when its tier is used (then that tier fails over with the reason).
Result<std::unique_ptr<Router>> make_router(const Config& config, RouterDeps deps = {});

}  // namespace humain
