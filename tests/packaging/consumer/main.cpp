// A program outside the humain tree that uses only the installed headers and library:
// grounds one instruction on one screenshot and prints the point (exit 2 when nothing matched).
#include <cstdio>

#include "humain/grounder.h"
#include "humain/image.h"
#include "humain/version.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s SCREENSHOT INSTRUCTION\n", argv[0]);
    return 1;
  }
  auto screen = humain::load_screenshot(argv[1]);
  if (!screen.ok()) return std::fprintf(stderr, "%s\n", screen.error().message.c_str()), 1;
  auto grounder = humain::make_grounder("local", nullptr);
  if (!grounder.ok()) return std::fprintf(stderr, "%s\n", grounder.error().message.c_str()), 1;
  auto prediction = (*grounder)->find_element(*screen, argv[2]);
  if (!prediction.ok()) return std::fprintf(stderr, "%s\n", prediction.error().message.c_str()), 1;
  if (!prediction->point) return std::printf("humain %s: no match\n", HUMAIN_VERSION), 2;
  std::printf("humain %s: %.0f %.0f\n", HUMAIN_VERSION, prediction->point->x, prediction->point->y);
  return 0;
}
