// Claude's and OpenAI's computer-use tools: the model answers with a tool call whose coordinate is in
// pixels of the screenshot as sent, and the tool declares that size as the display size.
#include "adapters/family_adapter.h"

namespace humain::adapters {

// Anthropic vision docs: images above 1568 px on the long edge or ~1.15 MP are scaled down by the
// API before the model sees them, which would silently shift every coordinate. Scaling ourselves to
// those limits (1092 x 1092 = 1,192,464 px is the docs' largest 1:1 size; 1920x1080 -> 1456x819)
// keeps "pixels as sent" equal to "pixels the model saw".
FamilySpec claude_computer_use_family() {
  FamilySpec s;
  s.name = "claude-computer-use";
  s.space = CoordSpace::kSentPixels;
  s.image_size = fit_within(1568, 1092LL * 1092LL);
  s.prompt = [](std::string_view instruction, ImageSize sent) {
    PromptSpec p;
    p.system = "You are grounding a single GUI action. The attached image is the current screenshot; do not ask for "
               "another one. Answer with exactly one computer tool call.";
    p.prompt = fill("Click the element for this instruction: \"{}\". Use the computer tool's left_click action with the "
                    "coordinate of the element's centre.",
                    instruction);
    p.tools = nlohmann::json::array({{{"type", "computer_20250124"},
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

// OpenAI computer-use-preview: the action is {"type": "click", "button": "left", "x", "y"} in
// screenshot pixels. Screens above 2048 px are scaled down (the high-detail image limit).
FamilySpec openai_computer_use_family() {
  FamilySpec s;
  s.name = "openai-computer-use";
  s.space = CoordSpace::kSentPixels;
  s.image_size = fit_within(2048, 2048LL * 2048LL);
  s.prompt = [](std::string_view instruction, ImageSize sent) {
    PromptSpec p;
    p.prompt = fill("Click the element for this instruction: \"{}\". The screenshot is attached; answer with one click "
                    "action at the element's centre.",
                    instruction);
    p.tools = nlohmann::json::array({{{"type", "computer_use_preview"},
                                      {"display_width", sent.width},
                                      {"display_height", sent.height},
                                      {"environment", "browser"}}});
    return p;
  };
  s.render = [](const SpaceTarget& t) {
    ChatResponse r;
    r.finish_reason = "tool_calls";
    const Point c = t.box.center();
    r.tool_calls.push_back(ToolCall{"computer_use_preview",
                                    {{"action", {{"type", "click"}, {"button", "left"},
                                                 {"x", static_cast<int>(std::nearbyint(c.x))},
                                                 {"y", static_cast<int>(std::nearbyint(c.y))}}}}});
    return r;
  };
  return s;
}

}  // namespace humain::adapters
