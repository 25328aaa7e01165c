// GGUF files are written here byte by byte following ggml's docs/gguf.md, then read back.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "humain/gguf.h"

namespace humain {
namespace {

// Builds a GGUF v3 file in memory: header, typed metadata, tensor infos, aligned zero data.
class GgufWriter {
 public:
  void u8(std::uint8_t v) { raw(&v, 1); }
  void u32(std::uint32_t v) { raw(&v, 4); }
  void u64(std::uint64_t v) { raw(&v, 8); }
  void f32(float v) { raw(&v, 4); }
  void str(const std::string& s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  void raw(const void* p, size_t n) { bytes.append(static_cast<const char*>(p), n); }

  void header(std::uint64_t tensors, std::uint64_t kvs, std::uint32_t version = 3) {
    raw("GGUF", 4);
    u32(version);
    u64(tensors);
    u64(kvs);
  }
  void kv_string(const std::string& k, const std::string& v) { str(k); u32(8); str(v); }
  void kv_u32(const std::string& k, std::uint32_t v) { str(k); u32(4); u32(v); }
  void kv_bool(const std::string& k, bool v) { str(k); u32(7); u8(v ? 1 : 0); }
  void kv_f32(const std::string& k, float v) { str(k); u32(6); f32(v); }
  void kv_string_array(const std::string& k, const std::vector<std::string>& v) {
    str(k);
    u32(9);
    u32(8);
    u64(v.size());
    for (const auto& s : v) str(s);
  }
  void kv_u32_array(const std::string& k, const std::vector<std::uint32_t>& v) {
    str(k);
    u32(9);
    u32(4);
    u64(v.size());
    for (auto x : v) u32(x);
  }
  void tensor(const std::string& name, std::vector<std::uint64_t> dims, std::uint32_t type, std::uint64_t offset) {
    str(name);
    u32(std::uint32_t(dims.size()));
    for (auto d : dims) u64(d);
    u32(type);
    u64(offset);
  }
  void pad_and_data(std::uint64_t data_bytes, std::uint64_t alignment = 32) {
    while (bytes.size() % alignment) bytes.push_back('\0');
    bytes.append(data_bytes, '\0');
  }
  std::string bytes;
};

// A tiny "qwen2vl" language model: Q4_K token embedding (256 x 4), F16 norm, Q6_K output.
std::string tiny_model(std::uint64_t* data_bytes_out = nullptr) {
  GgufWriter w;
  w.header(3, 6);
  w.kv_string("general.architecture", "qwen2vl");
  w.kv_string("general.name", "Tiny-VL");
  w.kv_u32("general.file_type", 15);  // MOSTLY_Q4_K_M
  w.kv_u32("qwen2vl.context_length", 128000);
  w.kv_u32("qwen2vl.block_count", 2);
  w.kv_string_array("tokenizer.ggml.tokens", std::vector<std::string>(100, "tok"));
  // Q4_K: 144 bytes per 256 elements; F16: 2 bytes; Q6_K: 210 bytes per 256.
  w.tensor("token_embd.weight", {256, 4}, 12, 0);           // 4 blocks = 576 bytes
  w.tensor("output_norm.weight", {256}, 1, 576);            // 512 bytes
  w.tensor("output.weight", {256, 4}, 14, 576 + 512);        // 4 x 210 = 840 bytes
  const std::uint64_t data = 576 + 512 + 840;
  w.pad_and_data(data);
  if (data_bytes_out) *data_bytes_out = data;
  return w.bytes;
}

TEST(Gguf, ReadsArchitectureParametersAndTypeShares) {
  auto info = inspect_gguf_bytes(tiny_model());
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->version, 3u);
  EXPECT_EQ(info->architecture, "qwen2vl");
  EXPECT_EQ(info->name, "Tiny-VL");
  EXPECT_EQ(info->context_length.value(), 128000u);
  EXPECT_EQ(info->block_count.value(), 2u);
  EXPECT_EQ(gguf_file_type_name(info->file_type.value()), "MOSTLY_Q4_K_M");
  EXPECT_EQ(info->parameter_count, 256u * 4 + 256 + 256 * 4);
  EXPECT_EQ(info->tensor_bytes, 576u + 512 + 840);
  EXPECT_FALSE(info->is_vision_projector);
  ASSERT_EQ(info->types.size(), 3u);
  EXPECT_EQ(info->types[0].type, "Q6_K");  // largest share first
  EXPECT_NEAR(info->types[0].share, 840.0 / 1928.0, 1e-12);
  EXPECT_EQ(info->metadata["tokenizer.ggml.tokens"], "[string x 100]");
  auto j = to_json(*info);
  EXPECT_EQ(j["parameter_count"], 2304);
  EXPECT_EQ(j["file_type"], "MOSTLY_Q4_K_M");
}

TEST(Gguf, RecognisesAVisionProjector) {
  GgufWriter w;
  w.header(1, 4);
  w.kv_string("general.architecture", "clip");
  w.kv_bool("clip.has_vision_encoder", true);
  w.kv_string("clip.projector_type", "qwen2.5vl_merger");
  w.kv_u32_array("clip.vision.image_size_hw", {336, 336});
  w.tensor("v.patch_embd.weight", {14, 14, 3, 1280}, 1, 0);
  w.pad_and_data(14 * 14 * 3 * 1280 * 2);
  auto info = inspect_gguf_bytes(w.bytes);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_TRUE(info->is_vision_projector);
  EXPECT_EQ(info->projector_type, "qwen2.5vl_merger");
  EXPECT_EQ(info->metadata["clip.vision.image_size_hw"], nlohmann::json({336, 336}));
  EXPECT_EQ(info->parameter_count, 14u * 14 * 3 * 1280);
}

TEST(Gguf, ReadsAFileOnDisk) {
  const auto path = std::filesystem::temp_directory_path() / "humain_tiny_test.gguf";
  {
    std::ofstream out(path, std::ios::binary);
    const auto b = tiny_model();
    out.write(b.data(), std::streamsize(b.size()));
  }
  auto info = inspect_gguf(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->tensor_count, 3u);
  EXPECT_FALSE(inspect_gguf("/nonexistent.gguf").ok());
}

void expect_error(const std::string& bytes, const std::string& fragment) {
  auto info = inspect_gguf_bytes(bytes);
  ASSERT_FALSE(info.ok()) << "expected an error containing '" << fragment << "'";
  EXPECT_NE(info.error().message.find(fragment), std::string::npos) << info.error().message;
}

TEST(Gguf, BadMagicAndVersions) {
  expect_error("", "shorter than");
  expect_error("GGML\x03\0\0\0", "bad magic");
  GgufWriter v1;
  v1.header(0, 0, 1);
  expect_error(v1.bytes, "version 1");
  GgufWriter v9;
  v9.header(0, 0, 9);
  expect_error(v9.bytes, "unknown GGUF version 9");
}

TEST(Gguf, EveryTruncationIsAnError) {
  const std::string full = tiny_model();
  // Cut anywhere from the header to the last tensor byte: always a clean error, never a crash.
  for (size_t n = 0; n < full.size(); n += (n < 600 ? 1 : 97)) {
    auto info = inspect_gguf_bytes(full.substr(0, n));
    EXPECT_FALSE(info.ok()) << "accepted a file cut at " << n << " of " << full.size();
  }
  expect_error(full.substr(0, full.size() - 1), "tensor data");
}

TEST(Gguf, HostileCountsAndLengthsAreRefusedBeforeAllocating) {
  GgufWriter huge_kv;
  huge_kv.header(0, ~0ull);
  expect_error(huge_kv.bytes, "implausible metadata count");

  GgufWriter huge_tensors;
  huge_tensors.header(1ull << 40, 0);
  expect_error(huge_tensors.bytes, "implausible tensor count");

  GgufWriter huge_string;
  huge_string.header(0, 1);
  huge_string.u64(1ull << 62);  // key length
  huge_string.raw("xxxxxxxxxxxxxxxxxxxx", 20);
  expect_error(huge_string.bytes, "claims");

  GgufWriter huge_array;
  huge_array.header(0, 1);
  huge_array.str("tokenizer.ggml.tokens");
  huge_array.u32(9);
  huge_array.u32(8);
  huge_array.u64(1ull << 60);
  huge_array.raw("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
  expect_error(huge_array.bytes, "array claims");

  GgufWriter bad_type;
  bad_type.header(0, 1);
  bad_type.str("k");
  bad_type.u32(77);
  bad_type.u64(0);
  expect_error(bad_type.bytes, "unknown value type 77");

  GgufWriter bad_dims;
  bad_dims.header(1, 0);
  bad_dims.tensor("t", {1, 1, 1, 1, 1}, 0, 0);
  expect_error(bad_dims.bytes, "5 dimensions");

  GgufWriter overflow;
  overflow.header(1, 0);
  overflow.tensor("t", {1ull << 40, 1ull << 40}, 0, 0);
  expect_error(overflow.bytes, "overflowing");

  GgufWriter bad_ggml;
  bad_ggml.header(1, 0);
  bad_ggml.tensor("t", {32}, 4, 0);  // Q4_2 was removed
  expect_error(bad_ggml.bytes, "unknown ggml type 4");

  GgufWriter misaligned;
  misaligned.header(1, 0);
  misaligned.tensor("t", {8}, 0, 3);
  misaligned.pad_and_data(64);
  expect_error(misaligned.bytes, "not aligned");

  GgufWriter bad_bool;
  bad_bool.header(0, 1);
  bad_bool.str("b");
  bad_bool.u32(7);
  bad_bool.u8(5);
  expect_error(bad_bool.bytes, "neither 0 nor 1");
}

}  // namespace
}  // namespace humain
