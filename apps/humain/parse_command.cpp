// humain parse: what the local engine sees on a screenshot (every element: role, box, text, icon
// guesses), as a table, JSON lines, or an annotated copy. For debugging a miss: was the label never
// read, read wrong, or read right and matched to something else?
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "commands.h"
#include "humain/image.h"
#include "humain/json_output.h"
#include "humain/local_engine.h"
#include "core/screenshot_pixels.h"

namespace humain::cli {
namespace {

struct ParseArgs {
  std::string image, annotate;
  bool json = false;
};

std::string guesses_text(const ScreenElement& e, std::size_t k) {
  std::string s;
  for (std::size_t i = 0; i < e.icon_guesses.size() && i < k; ++i) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s%s %.2f", s.empty() ? "" : ", ", e.icon_guesses[i].name.c_str(),
                  e.icon_guesses[i].score);
    s += buf;
  }
  return s;
}

// Text in blue, controls (buttons, fields, check boxes) in green, icons in orange.
Status annotate(const Screenshot& screen, const ScreenParse& parse, const std::string& path) {
  cv::Mat img = pixels_mat(screen).clone();
  if (img.channels() == 1) cv::cvtColor(img, img, cv::COLOR_GRAY2BGR);
  if (img.channels() == 4) cv::cvtColor(img, img, cv::COLOR_BGRA2BGR);
  for (const auto& e : parse.elements) {
    const cv::Scalar colour = e.role == ElementRole::kIcon   ? cv::Scalar(0, 140, 255)
                              : e.role == ElementRole::kText ? cv::Scalar(200, 90, 20)
                                                             : cv::Scalar(40, 170, 40);
    const cv::Rect r(cv::Point(static_cast<int>(e.box.x1), static_cast<int>(e.box.y1)),
                     cv::Point(static_cast<int>(e.box.x2), static_cast<int>(e.box.y2)));
    cv::rectangle(img, r, colour, 1);
    const std::string label = e.role == ElementRole::kIcon ? guesses_text(e, 1) : std::string();
    if (!label.empty()) {
      cv::putText(img, label, r.tl() + cv::Point(0, -2), cv::FONT_HERSHEY_PLAIN, 0.8, colour, 1, cv::LINE_AA);
    }
  }
  try {
    if (!cv::imwrite(path, img)) return Error::io("cannot write " + path + " (is the extension .png or .jpg?)");
  } catch (const cv::Exception& e) {
    return Error::io("cannot write " + path + ": " + e.what());
  }
  return ok_status();
}

int run_parse(const ParseArgs& a) {
  auto screen = load_screenshot(a.image);
  if (!screen) {
    std::cerr << "humain parse: " << screen.error().message << "\n";
    return 2;
  }
  auto engine = make_local_engine();
  if (!engine) {
    std::cerr << "humain parse: " << engine.error().message << "\n";
    return 1;
  }
  auto parse = (*engine)->parse_screen(*screen);
  if (!parse) {
    std::cerr << "humain parse: " << parse.error().message << "\n";
    return 1;
  }
  const ScreenParse& p = **parse;
  if (a.json) {
    for (const auto& e : p.elements) std::cout << element_json(e).dump() << "\n";
  } else {
    for (const auto& e : p.elements) {
      std::printf("%-9s [%5.0f %5.0f %5.0f %5.0f] %.2f  %s%s\n", role_name(e.role), e.box.x1, e.box.y1, e.box.x2,
                  e.box.y2, e.confidence, e.text.c_str(), guesses_text(e, 3).c_str());
    }
    std::printf("%zu elements, %d OCR lines; parse %.0f ms (detection %.0f ms, OCR %.0f ms)\n", p.elements.size(),
                p.ocr_lines, p.parse_ms, p.detect_ms, p.ocr_ms);
  }
  if (!a.annotate.empty()) {
    if (auto s = annotate(*screen, p, a.annotate); !s) {
      std::cerr << "humain parse: " << s.error().message << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

void add_parse_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ParseArgs>();
  auto* cmd = app.add_subcommand("parse", "Show what the local engine sees on a screenshot (elements, text, icons)");
  cmd->add_option("--image", args->image, "Screenshot (PNG, JPEG, WebP, BMP or TIFF)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", args->json, "One JSON object per element: role, bbox, text, confidence, icon_guesses");
  cmd->add_option("--annotate", args->annotate, "Write a copy with every element's box drawn (PNG/JPEG)");
  cmd->footer("Exit codes: 0 parsed, 1 engine or output error, 2 bad input.");
  cmd->callback([args, &exit_code] { exit_code = run_parse(*args); });
}

}  // namespace humain::cli
