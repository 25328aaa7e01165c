// The seed's select_model(hardware, accuracy, budget) made concrete: instead of three hard-coded
// names, every catalogue model is checked against the memory budget (estimate_vram) and the
// published grounding accuracy the requirement asks for, and the output says why.
#include <algorithm>
#include <cstdio>

#include "humain/models.h"

namespace humain {
namespace {

// ScreenSpot-v2 click accuracy each requirement asks for. Models without a published figure are
// never recommended: "good" in the seed's table is not a measurement.
double required_accuracy(const std::string& level) {
  return level == "moderate" ? 75.0 : level == "high" ? 85.0 : 90.0;
}

// Typical memory of each hardware class (the seed: consumer GPUs 12-24 GB).
double default_vram(const std::string& hardware) {
  return hardware == "consumer" ? 12 : hardware == "workstation" ? 24 : 80;
}

// Precision order by budget: a bigger budget buys less quantization loss (the seed: 8-bit <2%,
// 4-bit 3-5% click accuracy loss).
// Servers run vLLM: original f16 weights or the AWQ checkpoint, GGUF only as a fallback.
std::vector<std::string> quant_preference(const std::string& budget, bool datacenter) {
  if (datacenter) {
    if (budget == "low") return {"awq", "q4_k_m"};
    return {"f16", "awq", "q8_0", "q4_k_m"};
  }
  if (budget == "low") return {"q4_k_m"};
  if (budget == "medium") return {"q8_0", "q4_k_m"};
  return {"f16", "q8_0", "q4_k_m"};
}

std::string fmt(double v, int digits = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string accuracy_text(const ModelEntry& m) {
  auto pct = [](const std::optional<double>& v) { return v ? fmt(*v) : std::string("n/a"); };
  return "ScreenSpot-v2 " + pct(m.screenspot_v2) + " / ScreenSpot-Pro " + pct(m.screenspot_pro);
}

struct Candidate {
  Recommendation rec;
  double accuracy = -1;
};

// Picks the engine and artifact for one quantization of a local model; false when the catalogue
// names nothing to load for it.
bool choose_artifact(const ModelEntry& m, const std::string& quant, bool datacenter, Recommendation& r) {
  if (quant == "awq") {
    if (m.awq.empty()) return false;
    r.quant = "awq";
    r.engine = "vllm";
    r.artifact = m.awq;
    return true;
  }
  if (datacenter && quant == "f16" && !m.hf.empty()) {
    r.quant = "f16";
    r.engine = "vllm";
    r.artifact = m.hf;
    return true;
  }
  r.quant = quant;
  if (auto it = m.ollama.find(quant); it != m.ollama.end()) {
    r.engine = "ollama";
    r.artifact = it->second;
    return true;
  }
  if (auto it = m.gguf.find(quant); it != m.gguf.end()) {
    r.engine = "llama.cpp";
    r.artifact = it->second + (m.gguf_mmproj.empty() ? "" : " + " + m.gguf_mmproj);
    return true;
  }
  return false;
}

}  // namespace

std::string seed_select_model(std::string_view hardware, std::string_view accuracy, std::string_view budget) {
  if (hardware == "consumer" && budget == "low") return "llava:13b-v1.6-q4_K_M";
  if (hardware == "workstation" && accuracy == "excellent") return "qwen2-vl:7b-instruct-q4_K_M";
  if (hardware == "cloud" && accuracy == "excellent") return "gpt-4-vision-preview";
  return "llava:13b-v1.6-q4_K_M";
}

Result<Recommendation> recommend_model(const ModelCatalog& catalog, const RecommendRequest& req) {
  auto one_of = [](const std::string& v, std::initializer_list<const char*> options) {
    return std::any_of(options.begin(), options.end(), [&](const char* o) { return v == o; });
  };
  if (!one_of(req.accuracy, {"moderate", "high", "excellent"})) return Error::invalid("--accuracy must be moderate, high or excellent");
  if (!one_of(req.budget, {"low", "medium", "high"})) return Error::invalid("--budget must be low, medium or high");
  if (!one_of(req.hardware, {"consumer", "workstation", "server", "cloud"})) {
    return Error::invalid("--hardware must be consumer, workstation, server or cloud");
  }
  const double budget_gb = req.vram_gb > 0 ? req.vram_gb : default_vram(req.hardware);
  const double need = required_accuracy(req.accuracy);
  const bool datacenter = req.hardware == "server" || req.hardware == "cloud";
  const bool cloud_allowed = req.hardware == "cloud" && req.budget != "low";

  std::vector<Candidate> candidates;
  std::vector<std::string> rejected;
  for (const auto& m : catalog.models) {
    if (!m.screenspot_v2) {
      rejected.push_back(m.id + ": no published ScreenSpot-v2 accuracy");
      continue;
    }
    if (*m.screenspot_v2 < need) {
      rejected.push_back(m.id + ": ScreenSpot-v2 " + fmt(*m.screenspot_v2) + " < " + fmt(need, 0) + " needed for '" +
                         req.accuracy + "'");
      continue;
    }
    Candidate c;
    c.accuracy = *m.screenspot_v2;
    c.rec.model = m;
    c.rec.vram_budget_gb = budget_gb;
    if (m.deployment == "cloud") {
      if (!cloud_allowed) {
        rejected.push_back(m.id + ": cloud API, needs --hardware cloud and a budget above low");
        continue;
      }
      c.rec.quant = "api";
      c.rec.engine = "cloud-api";
      c.rec.artifact = m.api_model;
      c.rec.reasons.push_back("runs as a cloud API: no local memory needed");
      candidates.push_back(std::move(c));
      continue;
    }
    std::string why_not;
    bool found = false;
    for (const auto& q : quant_preference(req.budget, datacenter)) {
      Recommendation r = c.rec;
      if (!choose_artifact(m, q, datacenter, r)) continue;
      VramRequest v;
      v.params_b = m.params_b;
      v.quant = r.quant;
      v.context = req.context;
      v.image = req.screen;
      v.family = m.family;
      v.arch = m.arch;
      v.vision_params_b = m.vision_params_b;
      auto est = estimate_vram(v);
      if (!est) return est.error();
      // 10% headroom for compute buffers and the engine itself.
      if (est->total_gb * 1.1 > budget_gb) {
        why_not = r.quant + " needs " + fmt(est->total_gb) + " GB + 10% headroom > " + fmt(budget_gb) + " GB";
        continue;
      }
      r.vram = *est;
      c.rec = std::move(r);
      found = true;
      break;
    }
    if (!found) {
      rejected.push_back(m.id + ": " + (why_not.empty() ? "nothing in the catalogue to load at budget '" + req.budget + "'" : why_not));
      continue;
    }
    candidates.push_back(std::move(c));
  }
  if (candidates.empty()) {
    std::string msg = "no catalogue model meets the constraints (" + fmt(budget_gb) + " GB, accuracy " + req.accuracy +
                      ", budget " + req.budget + ", hardware " + req.hardware + "):";
    for (const auto& r : rejected) msg += "\n  " + r;
    return Error::not_found(msg);
  }
  // 'moderate' takes the lightest model that is good enough; the others the most accurate.
  std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (req.accuracy == "moderate") return a.rec.vram.total_gb < b.rec.vram.total_gb;
    if (a.accuracy != b.accuracy) return a.accuracy > b.accuracy;
    return a.rec.vram.total_gb < b.rec.vram.total_gb;
  });
  Recommendation best = std::move(candidates.front().rec);
  const ModelEntry& m = best.model;
  best.reasons.insert(best.reasons.begin(),
                      "published " + accuracy_text(m) + " (" + m.accuracy_source + ") meets '" + req.accuracy +
                          "' (ScreenSpot-v2 >= " + fmt(need, 0) + ")");
  if (best.engine != "cloud-api") {
    best.reasons.push_back("fits: " + fmt(best.vram.total_gb) + " GB estimated (weights " + fmt(best.vram.weights_gb) +
                           " + KV " + fmt(best.vram.kv_cache_gb, 2) + " + vision " + fmt(best.vram.vision_gb, 2) + " for " +
                           std::to_string(req.screen.first) + "x" + std::to_string(req.screen.second) + ", " +
                           std::to_string(best.vram.vision_tokens) + " tokens) within " + fmt(budget_gb) + " GB");
    best.reasons.push_back("budget '" + req.budget + "': highest precision that fits is " + best.quant + " via " + best.engine);
  }
  best.reasons.push_back(req.accuracy == "moderate" ? "smallest footprint among " + std::to_string(candidates.size()) + " qualifying models"
                                                    : "most accurate of " + std::to_string(candidates.size()) + " qualifying models");
  best.reasons.push_back("adapter: " + m.adapter);
  for (size_t i = 1; i < candidates.size(); ++i) {
    rejected.push_back(candidates[i].rec.model.id + ": qualifies but ranks lower (" + accuracy_text(candidates[i].rec.model) + ")");
  }
  best.rejected = std::move(rejected);
  best.seed_choice = seed_select_model(req.hardware, req.accuracy, req.budget);
  return best;
}

}  // namespace humain
