// Text and key names -> X keysyms, without a display: what type_text and key_chord press.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "humain/result.h"

namespace humain::desktop {

// UTF-8 -> one keysym per code point: Latin-1 keysyms for U+0020..U+00FF, Return/Tab/BackSpace for
// control characters, 0x01000000 + code point for the rest (the X convention). Invalid UTF-8 is an error.
Result<std::vector<unsigned long>> keysyms_for_text(std::string_view utf8);

// A parsed chord: modifier keysyms (Control_L, Shift_L, Alt_L, Super_L) and the key itself.
struct KeyChord {
  std::vector<unsigned long> modifiers;
  unsigned long key = 0;
};

// "ctrl+s", "ctrl+shift+Tab", "Return", "alt+F4", "ctrl+plus". Unknown names are an error naming them.
Result<KeyChord> parse_key_chord(std::string_view chord);

}  // namespace humain::desktop
