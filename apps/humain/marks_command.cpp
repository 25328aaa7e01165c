// humain marks: the set-of-marks view of a screen (docs/SET_OF_MARKS.md).
//   marks recall --dataset F --images D [--top-k K] [--json OUT]: the ceiling of grounding by marks
//   marks draw --image P --out PNG [--instruction T --top-k K]: the marked screenshot a model sees
#include <fstream>
#include <iostream>

#include "commands.h"
#include "humain/dataset.h"
#include "humain/image.h"
#include "humain/local_engine.h"
#include "humain/set_of_marks.h"

namespace humain::cli {
namespace {

struct MarksArgs {
  std::string dataset, images, json_out, format = "auto";
  std::string image, out, instruction;
  int top_k = 0;
  std::size_t limit = 0;
};

int run_recall(const MarksArgs& a) {
  auto format = parse_dataset_format(a.format);
  if (!format) {
    std::cerr << "humain marks recall: " << format.error().message << "\n";
    return 2;
  }
  auto dataset = load_dataset(a.dataset, *format);
  if (!dataset) {
    std::cerr << "humain marks recall: " << dataset.error().message << "\n";
    return 2;
  }
  auto engine = make_local_engine();
  if (!engine) {
    std::cerr << "humain marks recall: " << engine.error().message << "\n";
    return 1;
  }
  MarksRecallOptions o;
  o.images_dir = a.images;
  o.top_k = a.top_k;
  o.limit = a.limit;
  auto report = measure_marks_recall(*dataset, **engine, o);
  if (!report) {
    std::cerr << "humain marks recall: " << report.error().message << "\n";
    return 2;
  }
  nlohmann::json printed = *report;
  printed.erase("misses");  // in the file only: it can be long
  std::cout << printed.dump(2) << "\n";
  if (!a.json_out.empty()) {
    std::ofstream f(a.json_out);
    if (!(f << report->dump(2) << "\n")) {
      std::cerr << "humain marks recall: cannot write " << a.json_out << "\n";
      return 1;
    }
  }
  return 0;
}

int run_draw(const MarksArgs& a) {
  auto screen = load_screenshot(a.image);
  if (!screen) {
    std::cerr << "humain marks draw: " << screen.error().message << "\n";
    return 2;
  }
  auto engine = make_local_engine();
  if (!engine) {
    std::cerr << "humain marks draw: " << engine.error().message << "\n";
    return 1;
  }
  if (a.top_k > 0 && a.instruction.empty()) {
    std::cerr << "humain marks draw: --top-k ranks candidates for an --instruction\n";
    return 2;
  }
  if (auto s = write_marked_screenshot(*screen, **engine, a.instruction, a.top_k, a.out); !s) {
    std::cerr << "humain marks draw: " << s.error().message << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void add_marks_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MarksArgs>();
  auto* cmd = app.add_subcommand("marks", "Set-of-marks: oracle recall of the marks on a data set, or a marked screenshot");
  cmd->require_subcommand(1);
  auto* recall = cmd->add_subcommand("recall", "How often some mark hits the target (the ceiling of grounding by marks)");
  recall->add_option("--dataset", args->dataset, "Data set JSON (ScreenSpot v1/v2, ScreenSpot-Pro, OSWorld-G)")->required()->check(CLI::ExistingFile);
  recall->add_option("--images", args->images, "Folder the rows' image paths are relative to")->required()->check(CLI::ExistingDirectory);
  recall->add_option("--format", args->format, "auto | screenspot | screenspot-pro | osworld-g");
  recall->add_option("--top-k", args->top_k, "Only the k likeliest marks per instruction (cascade, send: crops); 0 = all")->check(CLI::Range(0, 1000));
  recall->add_option("--limit", args->limit, "First N rows only");
  recall->add_option("--json", args->json_out, "Also write the report (with the missed row ids) to this file");
  recall->footer("Exit codes: 0 measured, 1 engine or output error, 2 bad input.");
  recall->callback([args, &exit_code] { exit_code = run_recall(*args); });
  auto* draw = cmd->add_subcommand("draw", "Write the screenshot with its numbered marks, as a model receives it");
  draw->add_option("--image", args->image, "Screenshot (PNG or JPEG)")->required()->check(CLI::ExistingFile);
  draw->add_option("--out", args->out, "Output image (.png or .jpg)")->required();
  draw->add_option("--instruction", args->instruction, "With --top-k: the instruction the candidates are ranked for");
  draw->add_option("--top-k", args->top_k, "Only the k likeliest marks; 0 = all")->check(CLI::Range(0, 1000));
  draw->footer("Exit codes: 0 written, 1 engine or output error, 2 bad input.");
  draw->callback([args, &exit_code] { exit_code = run_draw(*args); });
}

}  // namespace humain::cli
