// Adapter: what one VLM family needs to ground: the image size it sees, the prompt it was trained
// on, and the parser that maps its answer back to pixels of the original screenshot.
//
// Families (make_adapter names): see adapter_families(); families whose model changed format between
// versions (ui-tars, holo, ui-venus, claude-computer-use, openai-computer-use) also take a version,
// defaulting to today's model. docs/ADAPTERS.md lists each one's source, prompt, size and coordinate space.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "humain/geometry.h"
#include "humain/chat.h"  // ChatResponse
#include "humain/result.h"

namespace humain {

struct ImageSize {
  int width = 0;
  int height = 0;
  bool operator==(const ImageSize&) const = default;
};

// A model's answer in pixels of the original screenshot.
struct Grounding {
  Point point;             // where to click (a box answer gives its centre)
  std::optional<Box> box;  // set when the model answered with a box
};

// The parts of a chat request an adapter decides; the caller adds the image, max_tokens, etc.
struct PromptSpec {
  std::string system;                         // empty = no system message
  std::string pre_image_text;                 // user text sent before the image (ShowUI); empty = none
  std::string prompt;                         // user text, sent after the image
  std::optional<nlohmann::json> json_schema;  // structured output, where the family benefits
  nlohmann::json tools = nullptr;             // provider-native tool definitions (computer use)
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  Adapter() = default;
  Adapter(const Adapter&) = delete;
  Adapter& operator=(const Adapter&) = delete;

  // The family name make_adapter knows it by, e.g. "ui-tars-1.5".
  virtual std::string family() const = 0;

  // Size of the image to send for a screenshot of `original` pixels (Qwen smart_resize, Claude's
  // limits, or the original). kInvalidInput for an empty image or an aspect ratio above 200.
  virtual Result<ImageSize> image_size(ImageSize original) const = 0;

  // The family's recommended grounding prompt for `instruction`, for an image of `sent` pixels.
  virtual PromptSpec prompt(std::string_view instruction, ImageSize sent) const = 0;

  // Maps the model's answer (text and/or tool calls) to pixels of the original screenshot.
  // kParse with a message starting "unparseable" when the answer holds no usable coordinate;
  // kParse "outside the image" when the coordinate is far outside the family's range.
  virtual Result<Grounding> parse(const ChatResponse& response, ImageSize original, ImageSize sent) const = 0;

  // The answer this family's model gives when it finds `target` (pixels of the original):
  // the inverse of parse, so a test server can answer in every family's format.
  virtual ChatResponse render(const Box& target, ImageSize original, ImageSize sent) const = 0;
};

// The adapter for `family` (names above; case-insensitive, "_" accepted for "-").
// Unknown names are an error listing the known ones.
Result<std::unique_ptr<Adapter>> make_adapter(const std::string& family);

// `family` at `version` (config `family_version:`), e.g. ("holo", "1.5") -> holo1.5. An empty version
// is today's model of the family. Unknown versions, or a version for a family that has none, are
// errors listing what exists.
Result<std::unique_ptr<Adapter>> make_adapter(const std::string& family, const std::string& version);

// The concrete family names make_adapter accepts, in a stable order (each version its own name).
std::vector<std::string> adapter_families();

// Versioned family names ("holo", "ui-tars", ...) with their versions, default first.
struct FamilyVersions {
  std::string family;
  std::vector<std::string> versions;  // versions[0] is the default (today's model)
};
std::vector<FamilyVersions> adapter_family_versions();

// The request a prompt spec asks for (system, text before and after the image, schema, tools);
// the caller adds the image and sampling settings.
void apply_prompt(const PromptSpec& spec, ChatRequest& request);

// For test servers: the answer `family` gives for `target` on a screenshot of `original` pixels;
// computes the sent size with the family's image_size().
Result<ChatResponse> render_answer(const std::string& family, const Box& target, ImageSize original);

// Qwen's smart_resize (qwen-vl-utils), exactly: round (half to even) each side to a multiple of
// `factor`, then scale down to max_pixels / up to min_pixels keeping the aspect ratio.
// kInvalidInput when a side is < 1 or the aspect ratio exceeds 200.
Result<ImageSize> smart_resize(int height, int width, int factor, std::int64_t min_pixels, std::int64_t max_pixels);

}  // namespace humain
