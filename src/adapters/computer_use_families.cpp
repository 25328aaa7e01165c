// Claude's and OpenAI's computer-use tools: the model answers with a tool call whose coordinate is in
// pixels of the screenshot as sent. Both vendors version the tool; the version decides the tool
// definition (and for Claude the anthropic-beta header the provider adds, and the image limit).
#include "adapters/family_adapter.h"

namespace humain::adapters {
namespace {

// Anthropic vision docs: images above 1568 px on the long edge or ~1.15 MP are scaled down by the
// API before the model sees them, which would silently shift every coordinate. Scaling ourselves to
// those limits (1092 x 1092 = 1,192,464 px is the docs' largest 1:1 size; 1920x1080 -> 1456x819)
// keeps "pixels as sent" equal to "pixels the model saw".
constexpr int kClaudeLongEdge = 1568;
constexpr std::int64_t kClaudeMaxPixels = 1092LL * 1092LL;
// Claude 4.7 and later read up to 2576 px on the long edge (about 4784 image tokens of ~750 px each).
// Only a third-party note states it (docs/ADAPTERS.md): opt-in as version 20251124-hires.
constexpr int kClaudeHiresLongEdge = 2576;
constexpr std::int64_t kClaudeHiresMaxPixels = 4784LL * 750LL;

FamilySpec claude_family(std::string name, std::string tool_type, int long_edge, std::int64_t max_pixels) {
  FamilySpec s;
  s.name = std::move(name);
  s.space = CoordSpace::kSentPixels;
  s.image_size = fit_within(long_edge, max_pixels);
  s.prompt = [tool_type](std::string_view instruction, ImageSize sent) {
    PromptSpec p;
    p.system = "You are grounding a single GUI action. The attached image is the current screenshot; do not ask for "
               "another one. Answer with exactly one computer tool call.";
    p.prompt = fill("Click the element for this instruction: \"{}\". Use the computer tool's left_click action with the "
                    "coordinate of the element's centre.",
                    instruction);
    // The provider reads the tool type to send the matching anthropic-beta header.
    p.tools = nlohmann::json::array({{{"type", tool_type},
                                      {"name", "computer"},
                                      {"display_width_px", sent.width},
                                      {"display_height_px", sent.height},
                                      {"display_number", 1}}});
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    ChatResponse r;
    r.text = "I'll click on the requested element.";
    r.finish_reason = "tool_use";
    const Point c = t.box.center();
    r.tool_calls.push_back(ToolCall{"computer", {{"action", "left_click"},
                                                 {"coordinate", {static_cast<int>(std::nearbyint(c.x)),
                                                                 static_cast<int>(std::nearbyint(c.y))}}}});
    return r;
  };
  return s;
}

nlohmann::json openai_click(const Point& c) {
  return {{"type", "click"}, {"button", "left"},
          {"x", static_cast<int>(std::nearbyint(c.x))}, {"y", static_cast<int>(std::nearbyint(c.y))}};
}

// OpenAI: screens above 2048 px are scaled down (the high-detail image limit).
FamilySpec openai_family(std::string name, bool preview) {
  FamilySpec s;
  s.name = std::move(name);
  s.space = CoordSpace::kSentPixels;
  s.image_size = fit_within(2048, 2048LL * 2048LL);
  s.prompt = [preview](std::string_view instruction, ImageSize sent) {
    PromptSpec p;
    p.prompt = fill("Click the element for this instruction: \"{}\". The screenshot is attached; answer with one click "
                    "action at the element's centre.",
                    instruction);
    // GA `computer` tool: no parameters (the screenshot sets the size). The preview tool declares the display.
    p.tools = preview ? nlohmann::json::array({{{"type", "computer_use_preview"},
                                                {"display_width", sent.width},
                                                {"display_height", sent.height},
                                                {"environment", "browser"}}})
                      : nlohmann::json::array({{{"type", "computer"}}});
    return p;
  };
  // A Responses API computer_call item: GA answers carry `actions` (a batch), the preview one `action`.
  s.render = [preview](const SpaceTarget& t) {
    ChatResponse r;
    r.finish_reason = "completed";
    nlohmann::json item = {{"type", "computer_call"}, {"call_id", "call_humain_0"}, {"pending_safety_checks", nlohmann::json::array()},
                           {"status", "completed"}};
    if (preview) {
      item["action"] = openai_click(t.box.center());
    } else {
      item["actions"] = nlohmann::json::array({openai_click(t.box.center())});
    }
    r.tool_calls.push_back(ToolCall{"computer_call", std::move(item)});
    return r;
  };
  return s;
}

}  // namespace

// computer_20251124 + beta computer-use-2025-11-24: Claude Opus 4.5 / Sonnet 4.5 and later.
FamilySpec claude_computer_use_family() {
  return claude_family("claude-computer-use-20251124", "computer_20251124", kClaudeLongEdge, kClaudeMaxPixels);
}

// The same tool for models that read larger screenshots (see kClaudeHiresLongEdge).
FamilySpec claude_computer_use_hires_family() {
  return claude_family("claude-computer-use-20251124-hires", "computer_20251124", kClaudeHiresLongEdge,
                       kClaudeHiresMaxPixels);
}

// computer_20250124 + beta computer-use-2025-01-24: Claude 4 / Sonnet 3.7 era models.
FamilySpec claude_computer_use_20250124_family() {
  return claude_family("claude-computer-use-20250124", "computer_20250124", kClaudeLongEdge, kClaudeMaxPixels);
}

FamilySpec openai_computer_use_family() { return openai_family("openai-computer-use", false); }
FamilySpec openai_computer_use_preview_family() { return openai_family("openai-computer-use-preview", true); }

}  // namespace humain::adapters
