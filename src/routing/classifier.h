// Classifying a request: how hard (complexity) and how private (sensitivity, from the task text).
// The screen's own contribution to sensitivity comes from find_sensitive_text.
#pragma once

#include <string>
#include <vector>

#include "humain/router.h"

namespace humain::routing {

// From the operation, the task's wording (the seed's keywords plus spatial relations) and, for
// grounding, the screen size (a 4K screen is hard for small models).
Complexity classify_complexity(const std::string& task, const std::string& operation, int screen_width,
                               int screen_height, std::vector<std::string>& reasons);

// kConfidential when the task names one of `keywords`, else nullopt (nothing known from the text).
std::optional<Sensitivity> task_sensitivity(const std::string& task, const std::vector<std::string>& keywords,
                                            std::vector<std::string>& reasons);

}  // namespace humain::routing
