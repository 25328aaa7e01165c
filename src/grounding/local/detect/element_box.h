// The clickable element around a label or a glyph, found from the pixels: the filled or outlined
// box (button, selected list row, tab, search field) whose uniform background surrounds the ink,
// bounded by a clean edge on all four sides. Labels of real screens are boxed as that element,
// not as the ink inside it.
#pragma once

#include <opencv2/core.hpp>

namespace humain::local {

// How far (px) beyond the ink the element may reach on each side; farther is a panel or a page.
struct ContainerReach {
  int x = 0;
  int y = 0;
};

// The box of the uniform region around `ink` that ends, on each of the four sides, at a line where
// nearly every pixel changes (a border or the edge of a fill) within `reach`; empty when a side has
// no such edge (ink on an open background) or the region around the ink is not uniform.
// `gray` is CV_8U.
cv::Rect visible_container(const cv::Mat& gray, const cv::Rect& ink, ContainerReach reach);

// The clickable box of an icon: its visible button (a fill or outline at most a glyph's size
// beyond it), else the glyph x1.3, clamped to the image. Labels of real screens box a bare toolbar
// glyph nearly tight (median 1.07 x the glyph on ../shared/realdev), DOM boxes of web pages at
// 1.4-2x (data/dev): 1.3 keeps IoU >= 0.5 with both up to 1.8x.
cv::Rect icon_button_box(const cv::Mat& gray, const cv::Rect& glyph);

}  // namespace humain::local
