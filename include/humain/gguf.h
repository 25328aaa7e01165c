// Reading a GGUF file's header, metadata and tensor table without touching the weights
// (spec: ggml docs/gguf.md, versions 2 and 3). Every length is checked against the file size
// and the limits below, so a truncated or hostile file is an error, never a crash or a huge
// allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/result.h"

namespace humain {

struct GgufLimits {
  std::uint64_t max_string_bytes = 64ull << 20;   // one metadata string (chat templates are ~10 KB)
  std::uint64_t max_tensors = 1'000'000;
  std::uint64_t max_kv = 1'000'000;
  int max_array_depth = 3;                        // arrays of arrays
};

// Tensors of one ggml type: how many, their elements, and their share of the tensor bytes.
struct GgufTypeShare {
  std::string type;          // "Q4_K", "F16", ...
  std::uint64_t tensors = 0;
  std::uint64_t elements = 0;
  std::uint64_t bytes = 0;
  double share = 0;          // of all tensor bytes, 0..1
};

struct GgufInfo {
  std::uint32_t version = 0;
  std::uint64_t tensor_count = 0;
  std::uint64_t kv_count = 0;
  std::string architecture;              // general.architecture ("qwen2vl", "llama", "clip", ...)
  std::string name;                      // general.name, when present
  std::optional<std::uint32_t> file_type;  // general.file_type (llama_ftype)
  std::optional<std::uint64_t> context_length;  // <arch>.context_length
  std::optional<std::uint64_t> block_count;     // <arch>.block_count
  std::uint64_t parameter_count = 0;     // sum of tensor elements
  std::uint64_t tensor_bytes = 0;        // sum of tensor sizes by type
  double bits_per_weight = 0;            // tensor_bytes * 8 / parameter_count
  bool is_vision_projector = false;      // a clip / mmproj file
  std::string projector_type;            // clip.projector_type, when present
  std::vector<GgufTypeShare> types;      // sorted by bytes, largest first
  std::uint64_t alignment = 32;
  std::uint64_t data_offset = 0;         // where tensor data starts
  std::uint64_t file_size = 0;
  nlohmann::json metadata;               // scalars as values; arrays summarised as "[type x N]"
};

// Parses the file's header, metadata and tensor infos. Errors (kParse / kIo) name the offset.
Result<GgufInfo> inspect_gguf(const std::string& path, const GgufLimits& limits = {});

// The same, from the bytes of a whole file held in memory.
Result<GgufInfo> inspect_gguf_bytes(const std::string& bytes, const GgufLimits& limits = {});

// "Q4_K" for 12, ...; "type<N>" for an unknown id.
std::string ggml_type_name(std::uint32_t type);

// llama_ftype names for general.file_type: "MOSTLY_Q4_K_M" for 15, ...; "ftype<N>" when unknown.
std::string gguf_file_type_name(std::uint32_t file_type);

nlohmann::json to_json(const GgufInfo& info);

}  // namespace humain
