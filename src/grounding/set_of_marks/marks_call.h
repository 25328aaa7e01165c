// One set-of-marks request: the marked screenshot (or only the candidates' crops) and the compact
// list go to the model, the id it answers comes back as that element's box and centre.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grounding/set_of_marks/mark_prompt.h"
#include "humain/adapter.h"
#include "humain/image.h"
#include "humain/image_encoding.h"
#include "humain/prediction.h"
#include "humain/provider.h"

namespace humain::marks {

struct MarksCall {
  MarkView view = MarkView::kScreen;
  int crop_padding = 32;  // pixels of context around each candidate in kCrops
  int max_tokens = 64;
  double temperature = 0.0;
  bool stream = true;
  std::string source;     // Prediction::source, e.g. "vlm:anthropic/set-of-marks"
  EncodeOptions encode;   // PNG: lossless, so the crops are exactly the screen's pixels
};

// What left the machine in one request, for the audit log and the size measurements.
struct MarksSent {
  int images = 0;
  std::size_t image_bytes = 0;   // encoded bytes (before base64), all images
  std::size_t prompt_chars = 0;  // system + user text
  int width = 0, height = 0;     // kScreen: the image sent; kCrops: the largest crop
  std::vector<Box> crops;        // kCrops: each crop's window in pixels of `screen`
  double draw_ms = 0;            // resizing and drawing the marks (kScreen)
};

// The window a candidate's crop covers: its box padded by `padding`, clipped to the screen.
Box crop_window(const Box& mark, int padding, int width, int height);

// `screen` is what may leave (already redacted by the caller); `sizing` picks the size of the
// marked screenshot (a family's image_size; null = the screen's own size). Empty `marks`: no
// request, a Prediction without a point. Errors: the provider's, or kParse from the answer.
Result<Prediction> run_marks_call(Provider& provider, const Adapter* sizing, const Screenshot& screen,
                                  const std::vector<Mark>& marks, std::string_view instruction, const MarksCall& call,
                                  MarksSent* sent = nullptr);

}  // namespace humain::marks
