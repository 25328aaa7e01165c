// GGUF v2/v3 reader (ggml docs/gguf.md): little-endian header, typed metadata key/values, tensor
// infos, then aligned tensor data we never read. Lengths come from the file, so each one is
// checked against the bytes left before anything is allocated or skipped.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <istream>
#include <map>
#include <sstream>

#include "humain/gguf.h"

namespace humain {
namespace {

static_assert(std::endian::native == std::endian::little, "the GGUF reader assumes a little-endian host");

enum ValueType : std::uint32_t {
  kU8 = 0, kI8 = 1, kU16 = 2, kI16 = 3, kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7,
  kString = 8, kArray = 9, kU64 = 10, kI64 = 11, kF64 = 12,
};

const char* value_type_name(std::uint32_t t) {
  static const char* kNames[] = {"u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "string", "array", "u64", "i64", "f64"};
  return t <= kF64 ? kNames[t] : "?";
}

// Smallest encoding of one value of the type: bounds the element count of an array.
std::uint64_t min_value_size(std::uint32_t t) {
  switch (t) {
    case kU8: case kI8: case kBool: return 1;
    case kU16: case kI16: return 2;
    case kU32: case kI32: case kF32: return 4;
    case kU64: case kI64: case kF64: case kString: return 8;  // a string is at least its length
    case kArray: return 12;  // element type + count
    default: return 0;
  }
}

struct GgmlType {
  std::uint32_t id;
  const char* name;
  std::uint32_t block;       // elements per block
  std::uint32_t block_bytes;
};
// ggml.h / ggml.c type traits (removed ids 4, 5, 31-33, 36-38 are absent on purpose).
constexpr GgmlType kGgmlTypes[] = {
    {0, "F32", 1, 4},         {1, "F16", 1, 2},         {2, "Q4_0", 32, 18},     {3, "Q4_1", 32, 20},
    {6, "Q5_0", 32, 22},      {7, "Q5_1", 32, 24},      {8, "Q8_0", 32, 34},     {9, "Q8_1", 32, 36},
    {10, "Q2_K", 256, 84},    {11, "Q3_K", 256, 110},   {12, "Q4_K", 256, 144},  {13, "Q5_K", 256, 176},
    {14, "Q6_K", 256, 210},   {15, "Q8_K", 256, 292},   {16, "IQ2_XXS", 256, 66}, {17, "IQ2_XS", 256, 74},
    {18, "IQ3_XXS", 256, 98}, {19, "IQ1_S", 256, 50},   {20, "IQ4_NL", 32, 18},  {21, "IQ3_S", 256, 110},
    {22, "IQ2_S", 256, 82},   {23, "IQ4_XS", 256, 136}, {24, "I8", 1, 1},        {25, "I16", 1, 2},
    {26, "I32", 1, 4},        {27, "I64", 1, 8},        {28, "F64", 1, 8},       {29, "IQ1_M", 256, 56},
    {30, "BF16", 1, 2},       {34, "TQ1_0", 256, 54},   {35, "TQ2_0", 256, 66},  {39, "MXFP4", 32, 17},
};

const GgmlType* find_ggml_type(std::uint32_t id) {
  for (const auto& t : kGgmlTypes) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

constexpr int kMaxDims = 4;  // GGML_MAX_DIMS

// Sequential reader over a stream of known size; every read is bounds-checked.
class Cursor {
 public:
  Cursor(std::istream& in, std::uint64_t size) : in_(in), size_(size) {}

  std::uint64_t pos() const { return pos_; }
  std::uint64_t left() const { return size_ - pos_; }

  Status read(void* out, std::uint64_t n, const char* what) {
    if (n > left()) return truncated(what);
    in_.read(static_cast<char*>(out), std::streamsize(n));
    if (!in_) return Error::io("read failed at offset " + std::to_string(pos_) + " (" + what + ")");
    pos_ += n;
    return ok_status();
  }
  Status skip(std::uint64_t n, const char* what) {
    if (n > left()) return truncated(what);
    in_.seekg(std::streamoff(n), std::ios::cur);
    if (!in_) return Error::io("seek failed at offset " + std::to_string(pos_) + " (" + what + ")");
    pos_ += n;
    return ok_status();
  }
  template <typename T>
  Result<T> get(const char* what) {
    T v{};
    if (auto s = read(&v, sizeof v, what); !s) return s.error();
    return v;
  }
  Status truncated(const char* what) const {
    return Error::parse("truncated GGUF: " + std::string(what) + " at offset " + std::to_string(pos_) + " runs past the end of the file (" +
                        std::to_string(size_) + " bytes)");
  }

 private:
  std::istream& in_;
  std::uint64_t size_;
  std::uint64_t pos_ = 0;
};

class Parser {
 public:
  Parser(std::istream& in, std::uint64_t size, const GgufLimits& limits) : c_(in, size), limits_(limits) {}

  Result<GgufInfo> run() {
    GgufInfo info;
    info.file_size = c_.left();
    char magic[4];
    if (auto s = c_.read(magic, 4, "magic"); !s) return Error::parse("not a GGUF file: shorter than the 4-byte magic");
    if (std::memcmp(magic, "GGUF", 4) != 0) return Error::parse("not a GGUF file: bad magic (expected 'GGUF')");
    auto version = c_.get<std::uint32_t>("version");
    if (!version) return version.error();
    if (*version == 1) return Error::unsupported("GGUF version 1 is not supported (32-bit lengths); convert the file again");
    if (*version != 2 && *version != 3) return Error::unsupported("unknown GGUF version " + std::to_string(*version));
    info.version = *version;
    auto tensors = c_.get<std::uint64_t>("tensor count");
    auto kvs = c_.get<std::uint64_t>("metadata count");
    if (!tensors) return tensors.error();
    if (!kvs) return kvs.error();
    // A key/value takes at least 8 + 4 + 1 bytes, a tensor info at least 8 + 4 + 8 + 4 + 8.
    if (*kvs > limits_.max_kv || *kvs > c_.left() / 13) {
      return Error::parse("implausible metadata count " + std::to_string(*kvs) + " for a " + std::to_string(info.file_size) + "-byte file");
    }
    if (*tensors > limits_.max_tensors || *tensors > c_.left() / 32) {
      return Error::parse("implausible tensor count " + std::to_string(*tensors) + " for a " + std::to_string(info.file_size) + "-byte file");
    }
    info.tensor_count = *tensors;
    info.kv_count = *kvs;
    info.metadata = nlohmann::json::object();

    for (std::uint64_t i = 0; i < *kvs; ++i) {
      auto key = string("metadata key");
      if (!key) return key.error();
      auto type = c_.get<std::uint32_t>("metadata value type");
      if (!type) return type.error();
      auto value = value_of(*type, 0, *key);
      if (!value) return value.error();
      info.metadata[*key] = std::move(*value);
    }
    if (auto s = apply_metadata(info); !s) return s.error();

    std::map<std::uint32_t, GgufTypeShare> by_type;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> extents;  // offset, bytes
    for (std::uint64_t i = 0; i < *tensors; ++i) {
      auto name = string("tensor name");
      if (!name) return name.error();
      auto dims = c_.get<std::uint32_t>("tensor dimension count");
      if (!dims) return dims.error();
      if (*dims == 0 || *dims > kMaxDims) {
        return Error::parse("tensor '" + *name + "' has " + std::to_string(*dims) + " dimensions (1 to 4 allowed)");
      }
      std::uint64_t elements = 1;
      std::uint64_t first = 0;
      for (std::uint32_t d = 0; d < *dims; ++d) {
        auto n = c_.get<std::uint64_t>("tensor dimension");
        if (!n) return n.error();
        if (d == 0) first = *n;
        if (*n != 0 && elements > (std::uint64_t(1) << 62) / *n) return Error::parse("tensor '" + *name + "' has an overflowing element count");
        elements *= *n;
      }
      auto type_id = c_.get<std::uint32_t>("tensor type");
      auto offset = c_.get<std::uint64_t>("tensor offset");
      if (!type_id) return type_id.error();
      if (!offset) return offset.error();
      const GgmlType* t = find_ggml_type(*type_id);
      if (!t) return Error::parse("tensor '" + *name + "' has unknown ggml type " + std::to_string(*type_id));
      if (first % t->block != 0) {
        return Error::parse("tensor '" + *name + "': first dimension " + std::to_string(first) + " is not a multiple of the " +
                            t->name + " block size " + std::to_string(t->block));
      }
      const std::uint64_t bytes = elements / t->block * t->block_bytes;
      auto& share = by_type[*type_id];
      share.type = t->name;
      share.tensors += 1;
      share.elements += elements;
      share.bytes += bytes;
      info.parameter_count += elements;
      info.tensor_bytes += bytes;
      if (*offset % info.alignment != 0) {
        return Error::parse("tensor '" + *name + "' offset " + std::to_string(*offset) + " is not aligned to " + std::to_string(info.alignment));
      }
      extents.emplace_back(*offset, bytes);
    }
    info.data_offset = (c_.pos() + info.alignment - 1) / info.alignment * info.alignment;
    const std::uint64_t data_bytes = info.file_size >= info.data_offset ? info.file_size - info.data_offset : 0;
    for (const auto& [offset, bytes] : extents) {
      if (offset > data_bytes || bytes > data_bytes - offset) {
        return Error::parse("truncated GGUF: tensor data [" + std::to_string(info.data_offset + offset) + ", +" + std::to_string(bytes) +
                            ") runs past the end of the file (" + std::to_string(info.file_size) + " bytes)");
      }
    }
    for (auto& [id, share] : by_type) {
      share.share = info.tensor_bytes ? double(share.bytes) / double(info.tensor_bytes) : 0.0;
      info.types.push_back(share);
    }
    std::sort(info.types.begin(), info.types.end(), [](const auto& a, const auto& b) { return a.bytes > b.bytes; });
    if (info.parameter_count) info.bits_per_weight = double(info.tensor_bytes) * 8.0 / double(info.parameter_count);
    return info;
  }

 private:
  Result<std::string> string(const char* what) {
    auto len = c_.get<std::uint64_t>(what);
    if (!len) return len.error();
    if (*len > limits_.max_string_bytes) {
      return Error::parse(std::string(what) + " at offset " + std::to_string(c_.pos() - 8) + " claims " + std::to_string(*len) +
                          " bytes (limit " + std::to_string(limits_.max_string_bytes) + ")");
    }
    if (*len > c_.left()) return c_.truncated(what).error();
    std::string s(*len, '\0');
    if (auto st = c_.read(s.data(), *len, what); !st) return st.error();
    return s;
  }

  template <typename T>
  Result<nlohmann::json> number(const char* what) {
    auto v = c_.get<T>(what);
    if (!v) return v.error();
    return nlohmann::json(*v);
  }

  Result<nlohmann::json> value_of(std::uint32_t type, int depth, const std::string& key) {
    switch (type) {
      case kU8: return number<std::uint8_t>("u8 value");
      case kI8: return number<std::int8_t>("i8 value");
      case kU16: return number<std::uint16_t>("u16 value");
      case kI16: return number<std::int16_t>("i16 value");
      case kU32: return number<std::uint32_t>("u32 value");
      case kI32: return number<std::int32_t>("i32 value");
      case kF32: return number<float>("f32 value");
      case kU64: return number<std::uint64_t>("u64 value");
      case kI64: return number<std::int64_t>("i64 value");
      case kF64: return number<double>("f64 value");
      case kBool: {
        auto b = c_.get<std::uint8_t>("bool value");
        if (!b) return b.error();
        if (*b > 1) return Error::parse("key '" + key + "': bool value " + std::to_string(*b) + " is neither 0 nor 1");
        return nlohmann::json(*b == 1);
      }
      case kString: {
        auto s = string("string value");
        if (!s) return s.error();
        return nlohmann::json(std::move(*s));
      }
      case kArray: return array(depth, key);
      default:
        return Error::parse("key '" + key + "' has unknown value type " + std::to_string(type) + " at offset " + std::to_string(c_.pos() - 4));
    }
  }

  // Small scalar arrays are kept; long ones (tokenizer vocabularies) are skipped and summarised.
  Result<nlohmann::json> array(int depth, const std::string& key) {
    if (depth >= limits_.max_array_depth) return Error::parse("key '" + key + "': arrays nested too deep");
    auto elem_type = c_.get<std::uint32_t>("array element type");
    auto count = c_.get<std::uint64_t>("array length");
    if (!elem_type) return elem_type.error();
    if (!count) return count.error();
    const std::uint64_t min_size = min_value_size(*elem_type);
    if (min_size == 0) return Error::parse("key '" + key + "': array of unknown value type " + std::to_string(*elem_type));
    if (*count > c_.left() / min_size) {
      return Error::parse("key '" + key + "': array claims " + std::to_string(*count) + " elements, more than the " +
                          std::to_string(c_.left()) + " bytes left can hold");
    }
    constexpr std::uint64_t kKeep = 32;
    const bool keep = *count <= kKeep && *elem_type != kArray;
    nlohmann::json out = nlohmann::json::array();
    for (std::uint64_t i = 0; i < *count; ++i) {
      if (keep) {
        auto v = value_of(*elem_type, depth + 1, key);
        if (!v) return v.error();
        out.push_back(std::move(*v));
      } else if (*elem_type == kString) {
        auto len = c_.get<std::uint64_t>("array string length");
        if (!len) return len.error();
        if (*len > limits_.max_string_bytes) return Error::parse("key '" + key + "': array string claims " + std::to_string(*len) + " bytes");
        if (auto s = c_.skip(*len, "array string"); !s) return s.error();
      } else if (*elem_type == kArray) {
        if (auto v = array(depth + 1, key); !v) return v.error();
      } else {
        if (auto s = c_.skip(min_size * (*count - i), "array elements"); !s) return s.error();
        break;
      }
    }
    if (keep) return out;
    return nlohmann::json("[" + std::string(value_type_name(*elem_type)) + " x " + std::to_string(*count) + "]");
  }

  Status apply_metadata(GgufInfo& info) {
    const auto& md = info.metadata;
    auto text = [&](const std::string& k) { return md.contains(k) && md[k].is_string() ? md[k].get<std::string>() : std::string(); };
    auto unsigned_of = [&](const std::string& k) -> std::optional<std::uint64_t> {
      if (md.contains(k) && md[k].is_number_unsigned()) return md[k].get<std::uint64_t>();
      if (md.contains(k) && md[k].is_number_integer() && md[k].get<std::int64_t>() >= 0) return md[k].get<std::uint64_t>();
      return std::nullopt;
    };
    info.architecture = text("general.architecture");
    info.name = text("general.name");
    if (auto ft = unsigned_of("general.file_type"); ft && *ft <= 0xFFFFFFFFu) info.file_type = std::uint32_t(*ft);
    if (auto a = unsigned_of("general.alignment")) {
      if (*a == 0 || (*a & (*a - 1)) != 0 || *a > (1u << 20)) return Error::parse("general.alignment " + std::to_string(*a) + " is not a power of two");
      info.alignment = *a;
    }
    if (!info.architecture.empty()) {
      info.context_length = unsigned_of(info.architecture + ".context_length");
      info.block_count = unsigned_of(info.architecture + ".block_count");
    }
    info.projector_type = text("clip.projector_type");
    bool clip_keys = false;
    for (const auto& [k, v] : md.items()) {
      if (k.rfind("clip.", 0) == 0 || k.rfind("mmproj", 0) == 0) clip_keys = true;
    }
    info.is_vision_projector = info.architecture == "clip" || info.architecture == "mmproj" || clip_keys;
    return ok_status();
  }

  Cursor c_;
  GgufLimits limits_;
};

}  // namespace

std::string ggml_type_name(std::uint32_t type) {
  const GgmlType* t = find_ggml_type(type);
  return t ? t->name : "type" + std::to_string(type);
}

std::string gguf_file_type_name(std::uint32_t ft) {
  static const std::map<std::uint32_t, const char*> kNames = {
      {0, "ALL_F32"},        {1, "MOSTLY_F16"},     {2, "MOSTLY_Q4_0"},    {3, "MOSTLY_Q4_1"},    {7, "MOSTLY_Q8_0"},
      {8, "MOSTLY_Q5_0"},    {9, "MOSTLY_Q5_1"},    {10, "MOSTLY_Q2_K"},   {11, "MOSTLY_Q3_K_S"}, {12, "MOSTLY_Q3_K_M"},
      {13, "MOSTLY_Q3_K_L"}, {14, "MOSTLY_Q4_K_S"}, {15, "MOSTLY_Q4_K_M"}, {16, "MOSTLY_Q5_K_S"}, {17, "MOSTLY_Q5_K_M"},
      {18, "MOSTLY_Q6_K"},   {19, "MOSTLY_IQ2_XXS"}, {20, "MOSTLY_IQ2_XS"}, {21, "MOSTLY_Q2_K_S"}, {22, "MOSTLY_IQ3_XS"},
      {23, "MOSTLY_IQ3_XXS"}, {24, "MOSTLY_IQ1_S"},  {25, "MOSTLY_IQ4_NL"}, {26, "MOSTLY_IQ3_S"},  {27, "MOSTLY_IQ3_M"},
      {28, "MOSTLY_IQ2_S"},  {29, "MOSTLY_IQ2_M"},  {30, "MOSTLY_IQ4_XS"}, {31, "MOSTLY_IQ1_M"},  {32, "MOSTLY_BF16"},
  };
  auto it = kNames.find(ft);
  return it != kNames.end() ? it->second : "ftype" + std::to_string(ft);
}

Result<GgufInfo> inspect_gguf(const std::string& path, const GgufLimits& limits) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Error::io("cannot open " + path);
  const auto end = in.tellg();
  if (end < 0) return Error::io("cannot size " + path);
  in.seekg(0);
  auto info = Parser(in, std::uint64_t(end), limits).run();
  if (!info) return Error{info.error().kind, path + ": " + info.error().message};
  return info;
}

Result<GgufInfo> inspect_gguf_bytes(const std::string& bytes, const GgufLimits& limits) {
  std::istringstream in(bytes);
  return Parser(in, bytes.size(), limits).run();
}

nlohmann::json to_json(const GgufInfo& info) {
  nlohmann::json types = nlohmann::json::array();
  for (const auto& t : info.types) {
    types.push_back({{"type", t.type}, {"tensors", t.tensors}, {"elements", t.elements}, {"bytes", t.bytes}, {"share", t.share}});
  }
  nlohmann::json j = {
      {"version", info.version},
      {"architecture", info.architecture},
      {"name", info.name},
      {"tensor_count", info.tensor_count},
      {"metadata_count", info.kv_count},
      {"parameter_count", info.parameter_count},
      {"tensor_bytes", info.tensor_bytes},
      {"bits_per_weight", info.bits_per_weight},
      {"is_vision_projector", info.is_vision_projector},
      {"projector_type", info.projector_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(info.projector_type)},
      {"context_length", info.context_length ? nlohmann::json(*info.context_length) : nlohmann::json(nullptr)},
      {"block_count", info.block_count ? nlohmann::json(*info.block_count) : nlohmann::json(nullptr)},
      {"file_type", info.file_type ? nlohmann::json(gguf_file_type_name(*info.file_type)) : nlohmann::json(nullptr)},
      {"alignment", info.alignment},
      {"data_offset", info.data_offset},
      {"file_size", info.file_size},
      {"tensor_types", types},
      {"metadata", info.metadata},
  };
  return j;
}

}  // namespace humain
