// humain eval: run a grounder over a data set and write report.json, predictions.jsonl, junit.xml
// and report.html (DESIGN.md's contract). Exit 1 when below --min-accuracy, 2 on bad input.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

#include "commands.h"
#include "grounder_choice.h"
#include "option_checks.h"
#include "humain/dataset.h"
#include "humain/eval.h"

namespace humain::cli {
namespace {

struct EvalArgs {
  std::string dataset, images, out, grounder, config, format = "auto";
  int threads = 1;
  long long limit = 0;
  std::optional<double> min_accuracy;
  bool count_refusals = false;
  bool quiet = false;
  bool strict = false;
  bool allow_image_paths = false;
};

// --out is checked before the run, not after an hour of grounding: create it and write a probe.
Status prepare_out_dir(const std::string& out) {
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec || !std::filesystem::is_directory(out)) return Error::io("cannot create the output folder " + out);
  const std::filesystem::path probe = std::filesystem::path(out) / ".humain-write-test";
  std::FILE* f = std::fopen(probe.c_str(), "w");
  const bool written = f && std::fputs("ok", f) >= 0 && std::fclose(f) == 0;
  if (!written && f == nullptr) return Error::io("cannot write into the output folder " + out);
  std::filesystem::remove(probe, ec);
  if (!written) return Error::io("cannot write into the output folder " + out);
  return ok_status();
}

int run_eval_command(const EvalArgs& a) {
  auto format = parse_dataset_format(a.format);
  if (!format) {
    std::cerr << "humain eval: " << format.error().message << "\n";
    return 2;
  }
  auto dataset = load_dataset(a.dataset, *format, a.strict);
  if (!dataset) {
    std::cerr << "humain eval: " << dataset.error().message << "\n";
    return 2;
  }
  for (std::size_t i = 0; i < dataset->warnings.size() && i < 5; ++i)
    std::cerr << "humain eval: warning: " << dataset->warnings[i] << "\n";
  if (dataset->warnings.size() > 5)
    std::cerr << "humain eval: warning: ... " << dataset->warnings.size() << " rows repaired in all (report.json warnings)\n";
  if (auto s = prepare_out_dir(a.out); !s) {
    std::cerr << "humain eval: " << s.error().message << "\n";
    return 2;
  }
  auto chosen = choose_grounder(a.grounder, a.config);
  if (!chosen) {
    std::cerr << "humain eval: " << chosen.error().message << "\n";
    return 2;
  }

  EvalOptions options;
  options.images_dir = a.images.empty() ? std::filesystem::path(a.dataset).parent_path().string() : a.images;
  options.threads = a.threads;
  options.limit = static_cast<std::size_t>(a.limit);
  options.allow_image_paths = a.allow_image_paths;
  options.count_refusals = a.count_refusals;
  options.progress = a.quiet ? nullptr : stderr;
  auto report = run_eval(*dataset, *chosen->grounder, options);
  if (!report) {
    std::cerr << "humain eval: " << report.error().message << "\n";
    return 2;
  }
  if (auto s = write_eval_outputs(*report, a.out); !s) {
    std::cerr << "humain eval: " << s.error().message << "\n";
    return 2;
  }

  const EvalReport& r = *report;
  std::printf("%s on %s: click accuracy %.4f (%zu/%zu), Acc@IoU 0.5/0.75/0.9 %.3f/%.3f/%.3f, "
              "latency p50 %.1f ms p90 %.1f ms (uncached p50 %.1f ms), errors %zu",
              r.grounder.c_str(), r.dataset.c_str(), r.overall.click_accuracy(), r.overall.hits, r.overall.n,
              r.overall.acc_at_iou(0), r.overall.acc_at_iou(1), r.overall.acc_at_iou(2), r.latency.p50, r.latency.p90,
              r.latency_uncached.p50, r.errors);
  if (r.refusals) std::printf(", refusals %zu/%zu right%s", r.refusals_correct, r.refusals, r.refusals_counted ? " (counted)" : "");
  std::printf("\nwrote %s/{report.json,predictions.jsonl,junit.xml,report.html}\n", a.out.c_str());
  if (r.errors) std::fprintf(stderr, "humain eval: %zu rows had errors (see report.json error_samples)\n", r.errors);

  if (a.min_accuracy && r.overall.click_accuracy() < *a.min_accuracy) {
    std::fprintf(stderr, "humain eval: FAIL click accuracy %.4f is below --min-accuracy %.4f\n",
                 r.overall.click_accuracy(), *a.min_accuracy);
    return 1;
  }
  return 0;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = app.add_subcommand("eval", "Measure a grounder on a data set (ScreenSpot v1/v2, ScreenSpot-Pro, OSWorld-G)");
  cmd->add_option("--dataset", args->dataset, "Data set file: a JSON array of rows")->required()->check(CLI::ExistingFile);
  cmd->add_option("--images", args->images, "Folder the rows' image paths are relative to (default: the data set's folder)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--out", args->out, "Output folder for report.json, predictions.jsonl, junit.xml, report.html")->required();
  cmd->add_option("--grounder", args->grounder, grounder_option_help());
  cmd->add_option("--config", args->config, "YAML config (docs/CONFIG.md)")->check(CLI::ExistingFile);
  cmd->add_option("--threads", args->threads, "Screenshots grounded in parallel")->check(CLI::Range(1, 256));
  cmd->add_option("--limit", args->limit, "Only the first N rows (0 = all)")
      ->check(CLI::Range(0LL, std::numeric_limits<long long>::max()));
  cmd->add_option("--min-accuracy", args->min_accuracy, "Exit 1 when click accuracy is below this (0..1); a CI gate")
      ->check(finite_range(0.0, 1.0));
  cmd->add_option("--format", args->format, "Row layout: auto, screenspot, screenspot-pro, osworld-g")
      ->check(CLI::IsMember({"auto", "screenspot", "screenspot-v1", "screenspot-v2", "screenspot-pro", "osworld-g"}));
  cmd->add_flag("--count-refusals", args->count_refusals,
                "Score OSWorld-G refusal rows in click accuracy (right = predicting no point)");
  cmd->add_flag("--quiet", args->quiet, "No progress output on stderr");
  cmd->add_flag("--strict", args->strict,
                "Refuse rows whose box pokes out of the image instead of clamping it (a warning in report.json)");
  cmd->add_flag("--allow-image-paths", args->allow_image_paths,
                "Accept absolute or \"..\" image paths in rows (OSWorld-G) when they resolve inside --images");
  cmd->footer("Exit codes: 0 done, 1 click accuracy below --min-accuracy, 2 bad input or unwritable output.");
  cmd->callback([args, &exit_code] { exit_code = run_eval_command(*args); });
}

}  // namespace humain::cli
