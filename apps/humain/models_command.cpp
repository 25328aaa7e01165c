// humain models vram | recommend | inspect | list: will a model fit, which one to use, what is in a GGUF.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "option_checks.h"
#include "humain/gguf.h"
#include "humain/models.h"
#include "core/data_files.h"
#include "humain/secrets.h"

namespace humain::cli {
namespace {

namespace fs = std::filesystem;

// The catalogue under the working directory, else data/models/catalog.yaml wherever the library's
// data files are (installed share/humain, $HUMAIN_DATA_DIR, the source tree).
std::string find_catalog(const std::string& given) {
  if (!given.empty()) return given;
  const fs::path rel = fs::path("data") / "models" / "catalog.yaml";
  if (fs::exists(rel)) return rel.string();
  auto found = find_data_file("models/catalog.yaml");
  return found.ok() ? *found : rel.string();
}

std::string dump(const nlohmann::json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string gb(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f GB", v);
  return buf;
}

int fail(const Error& e) {
  std::cerr << "humain models: " << e.message << "\n";
  return 2;
}

struct VramArgs {
  std::string params, quant = "q4_k_m", image, family, model, catalog, kv_cache = "f16";
  int context = 4096;
  bool json = false;
};

int run_vram(const VramArgs& a) {
  VramRequest r;
  r.quant = a.quant;
  r.context = a.context;
  r.family = a.family;
  if (a.kv_cache == "f16") r.kv_bytes_per_element = 2;
  else if (a.kv_cache == "q8_0") r.kv_bytes_per_element = 34.0 / 32;
  else if (a.kv_cache == "q4_0") r.kv_bytes_per_element = 18.0 / 32;
  else return fail(Error::invalid("--kv-cache must be f16, q8_0 or q4_0"));
  if (!a.model.empty()) {
    auto catalog = load_model_catalog(find_catalog(a.catalog));
    if (!catalog) return fail(catalog.error());
    const ModelEntry* m = catalog->find(a.model);
    if (!m) return fail(Error::not_found("model '" + a.model + "' is not in " + catalog->source));
    if (m->deployment != "local") return fail(Error::invalid("model '" + a.model + "' is a cloud API; nothing to load"));
    r.params_b = m->params_b;
    r.arch = m->arch;
    r.vision_params_b = m->vision_params_b;
    if (r.family.empty()) r.family = m->family;
  }
  if (!a.params.empty()) {
    auto p = parse_param_count(a.params);
    if (!p) return fail(p.error());
    r.params_b = *p;
  }
  if (r.params_b <= 0) return fail(Error::invalid("give --params (e.g. 7B) or --model (a catalogue id)"));
  if (!a.image.empty()) {
    auto size = parse_image_size(a.image);
    if (!size) return fail(size.error());
    r.image = *size;
  }
  auto e = estimate_vram(r);
  if (!e) return fail(e.error());
  auto q = quant_type(r.quant);
  if (a.json) {
    nlohmann::json j = {{"total_gb", e->total_gb},        {"weights_gb", e->weights_gb},   {"kv_cache_gb", e->kv_cache_gb},
                        {"vision_gb", e->vision_gb},      {"vision_tokens", e->vision_tokens}, {"params_b", r.params_b},
                        {"quant", q->name},               {"bits_per_weight", e->bits_per_weight}, {"context", r.context},
                        {"architecture", {{"source", e->arch_source}, {"layers", e->arch.layers}, {"kv_heads", e->arch.kv_heads},
                                          {"head_dim", e->arch.head_dim}, {"hidden", e->arch.hidden}, {"vocab", e->arch.vocab}}}};
    std::cout << dump(j) << "\n";
    return 0;
  }
  std::printf("%.2fB parameters, %s (%.2f bits/weight: %s)\n", r.params_b, q->name.c_str(), q->bits_per_weight, q->note.c_str());
  std::printf("architecture: %s: %d layers x %d KV heads x %d head dim\n", e->arch_source.c_str(), e->arch.layers, e->arch.kv_heads,
              e->arch.head_dim);
  std::printf("  weights   %10s\n", gb(e->weights_gb).c_str());
  std::printf("  KV cache  %10s  (%d tokens, 2 x layers x kv_heads x head_dim x %s bytes/elem)\n", gb(e->kv_cache_gb).c_str(), r.context,
              a.kv_cache.c_str());
  if (r.image) {
    std::printf("  vision    %10s  (%s: %d image tokens + encoder in f16)\n", gb(e->vision_gb).c_str(), r.family.c_str(), e->vision_tokens);
  }
  std::printf("  total     %10s  (add ~10%% for compute buffers and the engine)\n", gb(e->total_gb).c_str());
  return 0;
}

struct RecommendArgs {
  double vram = 0;
  std::string accuracy = "high", budget = "medium", hardware = "consumer", catalog, screen = "1920x1080";
  int context = 4096;
  bool json = false;
};

int run_recommend(const RecommendArgs& a) {
  auto catalog = load_model_catalog(find_catalog(a.catalog));
  if (!catalog) return fail(catalog.error());
  RecommendRequest r;
  r.vram_gb = a.vram;
  r.accuracy = a.accuracy;
  r.budget = a.budget;
  r.hardware = a.hardware;
  r.context = a.context;
  auto size = parse_image_size(a.screen);
  if (!size) return fail(size.error());
  r.screen = *size;
  auto rec = recommend_model(*catalog, r);
  if (!rec) return fail(rec.error());
  if (a.json) {
    nlohmann::json j = {{"model", rec->model.id}, {"name", rec->model.name}, {"family", rec->model.family}, {"adapter", rec->model.adapter},
                        {"quant", rec->quant}, {"engine", rec->engine}, {"artifact", rec->artifact},
                        {"vram_budget_gb", rec->vram_budget_gb}, {"total_gb", rec->vram.total_gb},
                        {"screenspot_v2", rec->model.screenspot_v2 ? nlohmann::json(*rec->model.screenspot_v2) : nlohmann::json(nullptr)},
                        {"screenspot_pro", rec->model.screenspot_pro ? nlohmann::json(*rec->model.screenspot_pro) : nlohmann::json(nullptr)},
                        {"accuracy_source", rec->model.accuracy_source}, {"reasons", rec->reasons}, {"rejected", rec->rejected},
                        {"seed_choice", rec->seed_choice}, {"catalog", catalog->source}};
    std::cout << dump(j) << "\n";
    return 0;
  }
  std::cout << "Recommended: " << rec->model.name << " (" << rec->model.id << "), " << rec->quant << " via " << rec->engine << "\n";
  if (rec->engine == "ollama") std::cout << "  ollama pull " << rec->artifact << "\n";
  else std::cout << "  load: " << rec->artifact << "\n";
  std::cout << "Why:\n";
  for (const auto& s : rec->reasons) std::cout << "  - " << s << "\n";
  std::cout << "Not chosen:\n";
  for (const auto& s : rec->rejected) std::cout << "  - " << s << "\n";
  std::cout << "The seed's select_model() would say: " << rec->seed_choice << "\n";
  if (!rec->model.notes.empty()) std::cout << "Note: " << rec->model.notes << "\n";
  return 0;
}

int run_inspect(const std::string& file, bool json) {
  auto info = inspect_gguf(file);
  if (!info) return fail(info.error());
  if (json) {
    std::cout << dump(to_json(*info)) << "\n";
    return 0;
  }
  auto g = *info;
  // Strings from the file reach the terminal: no ESC sequences (clean_message shows them escaped).
  g.architecture = clean_message(g.architecture);
  g.name = clean_message(g.name);
  g.projector_type = clean_message(g.projector_type);
  for (auto& t : g.types) t.type = clean_message(t.type);
  std::printf("%s: GGUF v%u, %llu tensors, %llu metadata keys\n", file.c_str(), g.version, (unsigned long long)g.tensor_count,
              (unsigned long long)g.kv_count);
  std::printf("  architecture     %s%s\n", g.architecture.empty() ? "(none)" : g.architecture.c_str(),
              g.is_vision_projector ? "  [vision projector]" : "");
  if (!g.name.empty()) std::printf("  name             %s\n", g.name.c_str());
  if (!g.projector_type.empty()) std::printf("  projector type   %s\n", g.projector_type.c_str());
  std::printf("  parameters       %.3fB (%llu)\n", double(g.parameter_count) / 1e9, (unsigned long long)g.parameter_count);
  std::printf("  tensor bytes     %.3f GB, %.2f bits/weight\n", double(g.tensor_bytes) / 1e9, g.bits_per_weight);
  if (g.file_type) std::printf("  file type        %s\n", gguf_file_type_name(*g.file_type).c_str());
  if (g.context_length) std::printf("  context length   %llu\n", (unsigned long long)*g.context_length);
  if (g.block_count) std::printf("  blocks           %llu\n", (unsigned long long)*g.block_count);
  std::printf("  tensor types:\n");
  for (const auto& t : g.types) {
    std::printf("    %-8s %6llu tensors  %14llu elements  %6.1f%% of bytes\n", t.type.c_str(), (unsigned long long)t.tensors,
                (unsigned long long)t.elements, t.share * 100);
  }
  return 0;
}

int run_list(const std::string& catalog_path) {
  auto catalog = load_model_catalog(find_catalog(catalog_path));
  if (!catalog) return fail(catalog.error());
  std::printf("%-22s %-12s %-7s %8s %8s %8s\n", "id", "family", "where", "params", "SS-v2", "SS-Pro");
  for (const auto& m : catalog->models) {
    auto pct = [](const std::optional<double>& v) { return v ? std::to_string(*v).substr(0, 4) : std::string("-"); };
    std::printf("%-22s %-12s %-7s %7.1fB %8s %8s\n", m.id.c_str(), m.family.c_str(), m.deployment.c_str(), m.params_b,
                pct(m.screenspot_v2).c_str(), pct(m.screenspot_pro).c_str());
  }
  std::printf("(%s)\n", catalog->source.c_str());
  return 0;
}

}  // namespace

void add_models_command(CLI::App& app, int& exit_code) {
  auto* models = app.add_subcommand("models", "Model selection: memory estimates, recommendations, GGUF inspection");
  models->require_subcommand(1);

  auto vram = std::make_shared<VramArgs>();
  auto* v = models->add_subcommand("vram", "Estimate weights + KV cache + vision-token memory");
  v->add_option("--params", vram->params, "Language-model parameters: 7B, 13B, 500M, ...");
  v->add_option("--model", vram->model, "A catalogue id instead of --params (uses its architecture)");
  v->add_option("--quant", vram->quant, "q4_K_M, q8_0, f16, awq, int8, int4, ...")->capture_default_str();
  v->add_option("--context", vram->context, "Text tokens held in the KV cache")->capture_default_str()->check(CLI::Range(0, 10'000'000));
  v->add_option("--image", vram->image, "Screenshot size WxH: adds vision tokens and the encoder");
  v->add_option("--family", vram->family, "Vision patching: qwen2.5-vl, qwen2-vl, qwen3-vl, ui-tars-1.5, llava-1.6, phi-3-vision");
  v->add_option("--kv-cache", vram->kv_cache, "KV cache type: f16, q8_0, q4_0")->capture_default_str();
  v->add_option("--catalog", vram->catalog, "Model catalogue YAML (default data/models/catalog.yaml)");
  v->add_flag("--json", vram->json, "Print JSON {total_gb, weights_gb, kv_cache_gb, vision_gb, ...}");
  v->callback([vram, &exit_code] { exit_code = run_vram(*vram); });

  auto rec = std::make_shared<RecommendArgs>();
  auto* r = models->add_subcommand("recommend", "Pick a grounding model for the hardware, accuracy and budget");
  r->add_option("--vram", rec->vram, "GPU memory in GB (default: typical for --hardware)")->check(finite_range(0.0, 1e5));
  r->add_option("--accuracy", rec->accuracy, "moderate | high | excellent")->capture_default_str();
  r->add_option("--budget", rec->budget, "low | medium | high")->capture_default_str();
  r->add_option("--hardware", rec->hardware, "consumer | workstation | server | cloud")->capture_default_str();
  r->add_option("--context", rec->context, "Text tokens to budget for")->capture_default_str()->check(CLI::Range(0, 10'000'000));
  r->add_option("--screen", rec->screen, "Screenshot size WxH to budget vision tokens for")->capture_default_str();
  r->add_option("--catalog", rec->catalog, "Model catalogue YAML (default data/models/catalog.yaml)");
  r->add_flag("--json", rec->json, "Print JSON");
  r->callback([rec, &exit_code] { exit_code = run_recommend(*rec); });

  auto file = std::make_shared<std::string>();
  auto inspect_json = std::make_shared<bool>(false);
  auto* i = models->add_subcommand("inspect", "Read a GGUF file's header and metadata without loading weights");
  i->add_option("file", *file, "The .gguf file")->required();
  i->add_flag("--json", *inspect_json, "Print JSON");
  i->callback([file, inspect_json, &exit_code] { exit_code = run_inspect(*file, *inspect_json); });

  auto list_catalog = std::make_shared<std::string>();
  auto* l = models->add_subcommand("list", "List the model catalogue");
  l->add_option("--catalog", *list_catalog, "Model catalogue YAML (default data/models/catalog.yaml)");
  l->callback([list_catalog, &exit_code] { exit_code = run_list(*list_catalog); });
}

}  // namespace humain::cli
