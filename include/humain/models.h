// Model selection: a catalogue of grounding models kept as data (data/models/catalog.yaml), an
// estimate of the memory a model needs (weights + KV cache + vision tokens), and the seed's
// select_model rules made concrete over the catalogue. See docs/MODELS.md for the formulas.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "humain/result.h"

namespace humain {

// The language model's shape: what the KV cache and the unquantized embeddings depend on.
struct ModelArchitecture {
  int layers = 0;
  int hidden = 0;          // embedding width
  int kv_heads = 0;        // key/value heads (GQA); equal to attention heads for MHA
  int head_dim = 0;
  int vocab = 0;
  bool tied_embeddings = false;  // lm_head shares the token embedding matrix
};

// One catalogue entry. Accuracy numbers are published click accuracy (%) with their source.
struct ModelEntry {
  std::string id;                 // "qwen2.5-vl-7b"
  std::string name;               // "Qwen2.5-VL-7B-Instruct"
  std::string family;             // vision patching family: qwen2.5-vl, qwen3-vl, llava-1.6, ...
  std::string adapter;            // humain adapter (output parser) to use
  std::string deployment;         // "local" (open weights) or "cloud" (API only)
  double params_b = 0;            // language model parameters, billions
  double vision_params_b = 0;     // vision encoder + projector parameters, billions
  std::optional<ModelArchitecture> arch;
  std::map<std::string, std::string> ollama;  // quant -> Ollama tag
  std::map<std::string, std::string> gguf;    // quant -> GGUF file name
  std::string gguf_mmproj;        // the vision projector file llama.cpp needs next to the GGUF
  std::string awq;                // AWQ checkpoint for vLLM / SGLang
  std::string hf;                 // original weights
  std::string api_model;          // cloud: the API's model name
  std::optional<double> screenspot_v2;
  std::optional<double> screenspot_pro;
  std::string accuracy_source;
  std::string notes;
};

struct ModelCatalog {
  std::vector<ModelEntry> models;
  std::string source;  // file it came from

  // The entry with this id, or null.
  const ModelEntry* find(std::string_view id) const;
};

// Reads and validates a catalogue; unknown keys and wrong types are errors naming the line.
Result<ModelCatalog> load_model_catalog(const std::string& path);
Result<ModelCatalog> parse_model_catalog(const std::string& yaml_text, const std::string& source = "<string>");

// A weight storage format and its effective bits per weight (llama.cpp's measured figures for
// GGUF k-quants; block layout for the others).
struct QuantType {
  std::string name;            // canonical lower-case name: "q4_k_m", "q8_0", "f16", "awq", ...
  double bits_per_weight = 16;
  bool embeddings_full_precision = false;  // AWQ/GPTQ/bnb keep embeddings + lm_head in f16
  std::string note;
};

// Looks a quantization name up (case-insensitive; "fp16", "4bit", "8-bit" are accepted aliases).
Result<QuantType> quant_type(std::string_view name);
std::vector<std::string> quant_type_names();

// "7B", "7b", "13", "500M", "7.6e9" -> billions of parameters.
Result<double> parse_param_count(std::string_view text);

// "1920x1080" -> {1920, 1080}.
Result<std::pair<int, int>> parse_image_size(std::string_view text);

// Tokens a screenshot of width x height becomes for a model family (Qwen's smart_resize and 2x2
// merge, LLaVA's tiles, ...). Unknown family -> error listing the known ones.
Result<int> vision_token_count(std::string_view family, int width, int height);
std::vector<std::string> vision_families();

// Parameters of a family's vision encoder + projector, in billions (used without a catalogue entry).
double default_vision_params_b(std::string_view family);

// The documented default shape for a bare parameter count: the nearest (in log scale) of a
// small table of reference dense decoders (docs/MODELS.md).
ModelArchitecture reference_architecture(double params_b, std::string* reference_name = nullptr);

struct VramRequest {
  double params_b = 0;
  std::string quant = "q4_k_m";
  int context = 4096;                      // text tokens the KV cache holds
  std::optional<std::pair<int, int>> image;  // screenshot size; adds vision tokens + encoder
  std::string family;                      // needed with image
  std::optional<ModelArchitecture> arch;   // from the catalogue; else reference_architecture()
  double vision_params_b = 0;              // 0 = default_vision_params_b(family)
  double kv_bytes_per_element = 2;         // f16 KV cache
};

// Sizes in GB (10^9 bytes, as the seed's table counts: 13B x 2 bytes = 26 GB).
struct VramEstimate {
  double weights_gb = 0;
  double kv_cache_gb = 0;
  double vision_gb = 0;
  double total_gb = 0;
  int vision_tokens = 0;
  double bits_per_weight = 0;
  ModelArchitecture arch;
  std::string arch_source;  // "catalogue" or "reference <name>"
};

Result<VramEstimate> estimate_vram(const VramRequest& request);

struct RecommendRequest {
  double vram_gb = 0;            // <= 0: the hardware class's typical memory
  std::string accuracy = "high";    // moderate | high | excellent
  std::string budget = "medium";    // low | medium | high
  std::string hardware = "consumer";  // consumer | workstation | server | cloud
  int context = 4096;
  std::pair<int, int> screen = {1920, 1080};
};

struct Recommendation {
  ModelEntry model;
  std::string quant;       // chosen quantization ("api" for cloud models)
  std::string engine;      // ollama | llama.cpp | vllm | cloud-api
  std::string artifact;    // what to pull / load: Ollama tag, GGUF file, AWQ repo or API model
  VramEstimate vram;       // zero for cloud models
  double vram_budget_gb = 0;
  std::vector<std::string> reasons;   // why this one
  std::vector<std::string> rejected;  // "<id>: why not"
  std::string seed_choice;            // what the seed's select_model() would have returned
};

// The seed's select_model rules over the catalogue: filter by hardware (cloud models only for
// hardware=cloud or budget=high), memory fit, published accuracy for the requirement; prefer the
// most accurate, then the smallest footprint; budget picks the precision. No candidate -> error.
Result<Recommendation> recommend_model(const ModelCatalog& catalog, const RecommendRequest& request);

// The seed's literal select_model(hardware, accuracy, budget), for comparison in the output.
std::string seed_select_model(std::string_view hardware, std::string_view accuracy, std::string_view budget);

}  // namespace humain
