// Drawing numbered marks on a screenshot so a VLM can name an element by its number.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "grounding/set_of_marks/marks.h"

namespace humain::marks {

// Draws each mark on a copy of `image` (BGR, already at the size the model will see; mark boxes are
// in original pixels and are scaled by image size / `original`): a 2 px outline in one of eight
// saturated colours, and the id on a chip of the same colour with black-or-white text (whichever
// contrasts) and a black-then-white edge, so it reads on light and dark screens alike. The chip sits
// outside the element where there is room (above, below, left, right), else inside its corner, and
// avoids chips already placed, so the label does not hide what it labels.
cv::Mat draw_marks(const cv::Mat& image, const std::vector<Mark>& marks, cv::Size original);

}  // namespace humain::marks
