// Window controls named by their place: [minimise] [maximise] [close] at the end of a bar.
#include <gtest/gtest.h>

#include "grounding/local/detect/window_controls.h"

namespace humain::local {
namespace {

ScreenElement icon(double x, double y, std::vector<IconGuess> guesses) {
  ScreenElement e;
  e.role = ElementRole::kIcon;
  e.box = {x, y, x + 16, y + 16};
  e.icon_guesses = std::move(guesses);
  return e;
}

const std::string& top(const ScreenElement& e) { return e.icon_guesses.front().name; }

TEST(WindowControls, NamesTheTwoIconsLeftOfClose) {
  std::vector<ScreenElement> bar = {icon(1180, 20, {{"menu", 0.9}}), icon(1230, 20, {{"remove", 0.9}}),
                                    icon(1270, 20, {{"stop", 0.8}}), icon(1310, 20, {{"close", 0.9}})};
  name_window_controls(bar);
  EXPECT_EQ(top(bar[2]), "maximize");
  EXPECT_EQ(top(bar[1]), "minimize");
  EXPECT_EQ(top(bar[0]), "menu") << "only two neighbours are window controls";
  EXPECT_EQ(bar[2].icon_guesses[1].name, "stop") << "the glyph's own guess stays as an alternative";
}

TEST(WindowControls, LoneNeighbourIsMaximiseOnlyWhenSquare) {
  std::vector<ScreenElement> square = {icon(1270, 20, {{"stop", 0.8}}), icon(1310, 20, {{"close", 0.9}})};
  name_window_controls(square);
  EXPECT_EQ(top(square[0]), "maximize");
  std::vector<ScreenElement> bar = {icon(1270, 20, {{"remove", 0.8}}), icon(1310, 20, {{"close", 0.9}})};
  name_window_controls(bar);
  EXPECT_EQ(top(bar[0]), "minimize");
}

TEST(WindowControls, LeavesRowsThatDoNotEndWithClose) {
  // A close "x" inside a search field or on a tag chip, with more on its right: not a title bar.
  std::vector<ScreenElement> row = {icon(100, 20, {{"search", 0.9}}), icon(130, 20, {{"close", 0.9}}),
                                    icon(160, 20, {{"settings", 0.9}})};
  name_window_controls(row);
  EXPECT_EQ(top(row[0]), "search");
  // A weak "close" guess names nothing either.
  std::vector<ScreenElement> weak = {icon(100, 20, {{"stop", 0.8}}), icon(130, 20, {{"close", 0.5}})};
  name_window_controls(weak);
  EXPECT_EQ(top(weak[0]), "stop");
}

}  // namespace
}  // namespace humain::local
