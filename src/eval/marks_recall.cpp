// The set-of-marks ceiling on a data set: the marks the grounder would send, scored against the
// ground truth without any model.
#include <algorithm>
#include <chrono>
#include <map>

#include <opencv2/imgcodecs.hpp>

#include "core/mat_encoding.h"
#include "core/screenshot_pixels.h"
#include "grounding/set_of_marks/mark_drawing.h"
#include "grounding/set_of_marks/mark_prompt.h"
#include "grounding/set_of_marks/marks.h"
#include "grounding/set_of_marks/marks_call.h"
#include "humain/image_encoding.h"
#include "humain/metrics.h"
#include "humain/set_of_marks.h"

namespace humain {
namespace {

using json = nlohmann::json;

json summary(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {{"median", percentile_sorted(v, 50)}, {"max", v.empty() ? 0.0 : v.back()}};
}

std::vector<marks::Mark> request_marks(const ScreenParse& parse, LocalEngine& engine, const Screenshot& screen,
                                       const std::string& instruction, int top_k) {
  std::vector<marks::Mark> all = marks::build_marks(parse);
  if (top_k <= 0) return all;
  std::optional<Box> pick;
  if (auto p = engine.find_element(screen, instruction); p.ok() && p->box) pick = p->box;
  return marks::top_marks(all, instruction, pick, top_k);
}

}  // namespace

Result<json> measure_marks_recall(const Dataset& dataset, LocalEngine& engine, const MarksRecallOptions& options) {
  std::map<std::string, std::vector<const Sample*>> by_image;  // one parse and one encoding per screen
  std::size_t taken = 0;
  for (const auto& s : dataset.samples) {
    if (options.limit && taken >= options.limit) break;
    ++taken;
    if (!s.target.is_refusal()) by_image[s.image].push_back(&s);
  }
  std::size_t n = 0, hits = 0, contains_hits = 0, engine_hits = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_type;  // n, hits
  std::vector<double> marks_per_screen, prompt_chars, image_bytes, request_marks_n, draw_ms;
  json misses = json::array();
  json errors = json::array();
  for (const auto& [image, samples] : by_image) {
    auto screen = load_screenshot(options.images_dir + "/" + image);
    if (!screen.ok()) {  // as in eval: an unreadable screenshot is an error row, scored as a miss
      errors.push_back(screen.error().message);
      for (const Sample* s : samples) {
        ++n;
        ++by_type[s->ui_type.empty() ? "unknown" : s->ui_type].first;
        misses.push_back(s->id);
      }
      continue;
    }
    auto parse = engine.parse_screen(*screen);
    if (!parse.ok()) return parse.error();
    const auto all = marks::build_marks(**parse);
    marks_per_screen.push_back(static_cast<double>(all.size()));
    if (options.top_k <= 0) {  // the marked screenshot is the same for every instruction on it
      const auto t0 = std::chrono::steady_clock::now();
      const cv::Mat marked = marks::draw_marks(pixels_mat(*screen), all, pixels_mat(*screen).size());
      draw_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      auto encoded = encode_image(marked, marked.cols, marked.rows);
      if (!encoded.ok()) return encoded.error();
      for (std::size_t i = 0; i < samples.size(); ++i) image_bytes.push_back(encoded->base64.size() / 4 * 3.0);
    }
    for (const Sample* s : samples) {
      const auto sent = request_marks(**parse, engine, *screen, s->instruction, options.top_k);
      request_marks_n.push_back(static_cast<double>(sent.size()));
      const ImageSize size{screen->width(), screen->height()};
      const auto view = options.top_k > 0 ? marks::MarkView::kCrops : marks::MarkView::kScreen;
      prompt_chars.push_back(static_cast<double>(marks::marks_prompt(s->instruction, sent, view, size, size).prompt.size()));
      if (options.top_k > 0) {
        double bytes = 0;
        for (const auto& m : sent) {
          const Box w = marks::crop_window(m.box, options.crop_padding, screen->width(), screen->height());
          const cv::Rect r(int(w.x1), int(w.y1), int(w.width()), int(w.height()));
          auto encoded = encode_image(pixels_mat(*screen)(r), r.width, r.height);
          if (encoded.ok()) bytes += encoded->base64.size() / 4 * 3.0;
        }
        image_bytes.push_back(bytes);
      }
      const Box& t = s->target.box;
      const bool hit = marks::oracle_mark(sent, t).has_value();
      const bool inside = std::any_of(sent.begin(), sent.end(), [&](const marks::Mark& m) { return contains(m.box, t.center()); });
      auto local = engine.find_element(*screen, s->instruction);
      if (local.ok() && s->target.hit(local->point)) ++engine_hits;
      ++n;
      hits += hit;
      contains_hits += inside;
      auto& bt = by_type[s->ui_type.empty() ? "unknown" : s->ui_type];
      ++bt.first;
      bt.second += hit;
      if (!hit) misses.push_back(s->id);
    }
  }
  auto frac = [](std::size_t a, std::size_t b) { return b ? double(a) / double(b) : 0.0; };
  json types = json::object();
  for (const auto& [k, v] : by_type) types[k] = {{"n", v.first}, {"recall", frac(v.second, v.first)}};
  return json{{"dataset", dataset.path},
              {"n", n},
              {"top_k", options.top_k},
              {"recall", frac(hits, n)},
              {"recall_contains", frac(contains_hits, n)},
              {"local_engine_accuracy", frac(engine_hits, n)},
              {"by_type", types},
              {"screens", by_image.size()},
              {"marks_per_screen", summary(marks_per_screen)},
              {"marks_per_request", summary(request_marks_n)},
              {"prompt_chars", summary(prompt_chars)},
              {"image_bytes", summary(image_bytes)},
              {"draw_ms", summary(draw_ms)},
              {"errors", errors},
              {"misses", misses}};
}

Status write_marked_screenshot(const Screenshot& screen, LocalEngine& engine, const std::string& instruction, int top_k,
                               const std::string& path) {
  auto parse = engine.parse_screen(screen);
  if (!parse.ok()) return parse.error();
  const auto marks = request_marks(**parse, engine, screen, instruction, top_k);
  const cv::Mat marked = marks::draw_marks(pixels_mat(screen), marks, pixels_mat(screen).size());
  try {
    if (!cv::imwrite(path, marked, {cv::IMWRITE_PNG_COMPRESSION, 9})) return Error::io("cannot write " + path);
  } catch (const cv::Exception& e) {
    return Error::io("cannot write " + path + ": " + e.what());
  }
  return ok_status();
}

}  // namespace humain
