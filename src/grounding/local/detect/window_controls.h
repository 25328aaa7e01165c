// Window controls: at the right end of a title or header bar, desktop toolkits (GNOME/GTK, KDE,
// Windows) put [minimise] [maximise] [close] in that order. The close glyph is easy to recognise;
// the other two are a bar and a square that the icon bank confuses with "remove" and "stop". Once
// a close icon is found, its neighbours on the left are named by their place.
#pragma once

#include <vector>

#include "humain/local_engine.h"

namespace humain::local {

// Adds "maximize" / "minimize" guesses (first in icon_guesses) to the icons just left of every
// recognised close icon that ends its row.
void name_window_controls(std::vector<ScreenElement>& elements);

}  // namespace humain::local
