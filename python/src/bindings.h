// The pieces of the _humain extension module, one file each; module.cpp puts them together.
#pragma once

#include <memory>

#include <pybind11/pybind11.h>

#include "humain/config.h"
#include "humain/grounder.h"
#include "image_input.h"

namespace humain::python {

// None | path | dict -> Config (null for None); a bad config raises humain.InvalidInputError etc.
std::shared_ptr<const Config> config_from(const pybind11::object& config);

// path | bytes | numpy array | PIL image -> Screenshot.
Screenshot screenshot_from(const pybind11::handle& image, ColorOrder order);

// The C++ grounder inside a humain.Grounder (TypeError for anything else).
Grounder& grounder_of(const pybind11::handle& object);

void bind_grounder(pybind11::module_& m);  // Grounder, Prediction
void bind_router(pybind11::module_& m);    // Router, RouteExplanation
void bind_tools(pybind11::module_& m);     // iou, evaluate_grounding_accuracy, vram, recommend, eval

}  // namespace humain::python
