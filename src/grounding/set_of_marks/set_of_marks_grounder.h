// The set-of-marks grounder: the local engine parses the screen, its elements become numbered
// marks, a general VLM picks one by number. `--grounder vlm` uses it for endpoints with
// `family: set-of-marks` or `grounding: set-of-marks` (docs/SET_OF_MARKS.md).
#pragma once

#include <memory>

#include "grounding/set_of_marks/marks.h"
#include "grounding/set_of_marks/marks_call.h"
#include "humain/adapter.h"
#include "humain/config.h"
#include "humain/grounder.h"
#include "humain/local_engine.h"
#include "humain/provider.h"

namespace humain::marks {

struct SetOfMarksOptions {
  MarksCall call;
  MarkOptions marks;
  int top_k = 0;  // > 0: only the k likeliest candidates (the local engine's pick first)
};

// `sizing` (may be null) decides the marked screenshot's size, e.g. the endpoint family's.
std::unique_ptr<Grounder> make_set_of_marks_grounder(std::shared_ptr<LocalEngine> engine, std::unique_ptr<Provider> provider,
                                                     std::unique_ptr<Adapter> sizing, SetOfMarksOptions options);

// The family whose image size a set-of-marks endpoint uses: its `family:` unless that is
// "set-of-marks" itself (then "": the screenshot's own size).
std::string sizing_family(const EndpointConfig& endpoint);

// The options an endpoint's config asks for (send: crops, marks_top_k, marks_crop_padding, ...).
SetOfMarksOptions options_for(const EndpointConfig& endpoint);

// From an endpoint with grounding set-of-marks; makes its own local engine for the screen parse.
Result<std::unique_ptr<Grounder>> make_set_of_marks_grounder(const EndpointConfig& endpoint);

}  // namespace humain::marks
