// humain ground: one screenshot + one instruction -> where to click (DESIGN.md's contract).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "commands.h"
#include "grounder_choice.h"
#include "humain/image.h"
#include "core/screenshot_pixels.h"
#include "humain/json_output.h"

namespace humain::cli {
namespace {

struct GroundArgs {
  std::string image, instruction, config, grounder, annotate;
  bool json = false;
};

// A copy of the screenshot with the instruction on a banner, the box in green and the click in red.
Status annotate(const Screenshot& screen, const Prediction& p, const std::string& instruction, const std::string& path) {
  cv::Mat img = pixels_mat(screen).clone();
  const double ui = std::max(1.0, img.cols / 1280.0);  // line widths and text grow with the screenshot
  const int thick = static_cast<int>(2 * ui);
  // Bounded before the int cast: a grounder's absurd coordinates must not be undefined behaviour.
  auto px = [](double v) { return std::isfinite(v) ? static_cast<int>(std::clamp(v, -1e6, 1e6)) : 0; };
  if (p.box) {
    cv::rectangle(img, cv::Point(px(p.box->x1), px(p.box->y1)), cv::Point(px(p.box->x2), px(p.box->y2)),
                  cv::Scalar(40, 170, 40), thick);
  }
  if (p.point) {
    const cv::Point c(px(p.point->x), px(p.point->y));
    cv::circle(img, c, static_cast<int>(10 * ui), cv::Scalar(30, 30, 230), thick);
    cv::drawMarker(img, c, cv::Scalar(30, 30, 230), cv::MARKER_CROSS, static_cast<int>(28 * ui), thick);
  }
  char conf[64];
  std::snprintf(conf, sizeof conf, "  [%s %.2f]", p.point ? "found" : "not found", p.confidence);
  const std::string banner = instruction + conf;
  const double scale = 0.6 * ui;
  int baseline = 0;
  const cv::Size ts = cv::getTextSize(banner, cv::FONT_HERSHEY_SIMPLEX, scale, thick, &baseline);
  cv::rectangle(img, cv::Point(0, 0), cv::Point(std::min(img.cols, ts.width + 20), ts.height + baseline + 16),
                cv::Scalar(30, 30, 30), cv::FILLED);
  cv::putText(img, banner, cv::Point(10, ts.height + 8), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(255, 255, 255),
              std::max(1, thick / 2), cv::LINE_AA);
  try {
    if (!cv::imwrite(path, img)) return Error::io("cannot write " + path + " (is the extension .png or .jpg?)");
  } catch (const cv::Exception& e) {
    return Error::io("cannot write " + path + ": " + e.what());
  }
  return ok_status();
}

int run_ground(const GroundArgs& a) {
  auto screen = load_screenshot(a.image);
  if (!screen) {
    std::cerr << "humain ground: " << screen.error().message << "\n";
    return 2;
  }
  auto chosen = choose_grounder(a.grounder, a.config);
  if (!chosen) {
    std::cerr << "humain ground: " << chosen.error().message << "\n";
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto p = chosen->grounder->find_element(*screen, a.instruction);
  const double latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!p) {
    std::cerr << "humain ground: " << p.error().message << "\n";
    return 1;
  }
  if (a.json) {
    std::cout << prediction_json(*p, latency_ms).dump() << "\n";
  } else if (p->point) {
    std::printf("click (%.0f, %.0f)", p->point->x, p->point->y);
    if (p->box) std::printf("  box [%.0f, %.0f, %.0f, %.0f]", p->box->x1, p->box->y1, p->box->x2, p->box->y2);
    std::printf("  confidence %.2f  source %s  %.1f ms\n", p->confidence, p->source.c_str(), latency_ms);
  } else {
    std::printf("not found  (source %s, %.1f ms)\n", p->source.c_str(), latency_ms);
  }
  if (!a.annotate.empty()) {
    if (auto s = annotate(*screen, *p, a.instruction, a.annotate); !s) {
      std::cerr << "humain ground: " << s.error().message << "\n";
      return 1;
    }
    if (!a.json) std::printf("annotated copy: %s\n", a.annotate.c_str());
  }
  return 0;
}

}  // namespace

void add_ground_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GroundArgs>();
  auto* cmd = app.add_subcommand("ground", "Find where to click: screenshot + instruction -> point (and box)");
  cmd->add_option("--image", args->image, "Screenshot (PNG, JPEG, WebP, BMP or TIFF)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--instruction", args->instruction, "What to click, e.g. \"Click Sign in\"")->required();
  cmd->add_option("--config", args->config, "YAML config (docs/CONFIG.md)")->check(CLI::ExistingFile);
  cmd->add_option("--grounder", args->grounder, grounder_option_help());
  cmd->add_flag("--json", args->json, "Print one JSON object: point, bbox, confidence, source, latency_ms");
  cmd->add_option("--annotate", args->annotate, "Write a copy of the screenshot with the box and click drawn (PNG/JPEG)");
  cmd->footer("Exit codes: 0 answered (also when nothing matched: point is null), 1 grounder or output error, "
              "2 bad input.");
  cmd->callback([args, &exit_code] { exit_code = run_ground(*args); });
}

}  // namespace humain::cli
