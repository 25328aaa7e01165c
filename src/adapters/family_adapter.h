// One Adapter implementation driven by a FamilySpec: each family file only states its size policy,
// prompt, coordinate space and answer format; parsing and the pixel mapping are shared.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/coordinate_parsing.h"
#include "humain/adapter.h"

namespace humain::adapters {

// How the model's numbers relate to pixels.
enum class CoordSpace {
  kThousandths,  // 0-1000 of the image (Qwen2-VL, Qwen3-VL, UI-TARS v1/Doubao, OS-Atlas, UGround, Holo2/3,
                 // UI-Venus-1.5, Gemini)
  kUnit,         // 0-1 of the image (ShowUI, SeeClick)
  kSentPixels,   // pixels of the image as sent (Qwen2.5-VL, UI-TARS-1.5, GTA1, Holo1.5, InfiGUI, OpenCUA,
                 // UI-Venus 1.0, computer use)
};

// A target box as a family would state it: in its coordinate space, plus the original for checks.
struct SpaceTarget {
  Box box;               // in the family's space
  Box original_box;      // pixels of the original screenshot
  ImageSize original;
  ImageSize sent;
  CoordSpace space;
  // Decimals needed so the answer, written with at least `preferred` decimals, still maps inside
  // original_box (a 0-1 answer with two decimals can miss a 10 px icon on a 4K screen).
  int decimals(int preferred, bool as_box) const;
  // `v` written with `d` decimals (0 = integer).
  static std::string num(double v, int d);
};

struct FamilySpec {
  std::string name;
  CoordSpace space = CoordSpace::kSentPixels;
  ExtractOptions extract;
  std::function<Result<ImageSize>(ImageSize original)> image_size;
  std::function<PromptSpec(std::string_view instruction, ImageSize sent)> prompt;
  std::function<ChatResponse(const SpaceTarget& target)> render;
};

std::unique_ptr<Adapter> make_family_adapter(FamilySpec spec);

// Size policies.
std::function<Result<ImageSize>(ImageSize)> qwen_sizing(int factor, std::int64_t min_pixels, std::int64_t max_pixels);
// Scales down (never up) keeping the aspect ratio so the long edge <= max_edge and w*h <= max_pixels.
std::function<Result<ImageSize>(ImageSize)> fit_within(int max_edge, std::int64_t max_pixels);

// Replaces every "{}" in `pattern` with `value`.
std::string fill(std::string_view pattern, std::string_view value);

ChatResponse text_answer(std::string text);

// Family specs, one per family (src/adapters/*_family*.cpp).
FamilySpec qwen2_vl_family();
FamilySpec qwen25_vl_family();
FamilySpec qwen3_vl_family();
FamilySpec ui_tars_10_family();
FamilySpec ui_tars_15_family();
FamilySpec ui_tars_doubao_family();
FamilySpec showui_family();
FamilySpec seeclick_family();
FamilySpec os_atlas_family();
FamilySpec uground_family();
FamilySpec gta1_family();
FamilySpec holo15_family();
FamilySpec holo2_family();
FamilySpec holo3_family();
FamilySpec infigui_g1_family();
FamilySpec opencua_family();
FamilySpec ui_venus_10_family();
FamilySpec ui_venus_15_family();
FamilySpec gemini_family();
FamilySpec claude_computer_use_family();
FamilySpec claude_computer_use_hires_family();
FamilySpec claude_computer_use_20250124_family();
FamilySpec openai_computer_use_family();
FamilySpec openai_computer_use_preview_family();
FamilySpec generic_family();

}  // namespace humain::adapters
