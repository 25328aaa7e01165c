// run_eval: screenshots decoded once each, grounded on a few worker threads, results scored in place.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "eval/image_path.h"
#include "eval/miss_thumbnail.h"
#include "eval/progress_meter.h"
#include "humain/eval.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The rows that share one screenshot, as indices into the results vector.
struct ImageGroup {
  std::string path;
  std::vector<std::size_t> rows;
  double decode_ms = -1;  // -1: not decoded (missing or corrupt)
  std::optional<std::string> path_error;  // the row's path is refused (see image_path.h): never read
};

std::vector<ImageGroup> group_by_image(const std::vector<SampleResult>& results, const EvalOptions& options) {
  std::vector<ImageGroup> groups;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string& image = results[i].sample.image;
    auto [it, inserted] = index.emplace(image, groups.size());
    if (inserted) {
      auto path = image_path_under(options.images_dir, image, options.allow_image_paths);
      groups.push_back({path ? *path : image, {}, -1, path ? std::nullopt : std::optional(path.error().message)});
    }
    groups[it->second].rows.push_back(i);
  }
  return groups;
}

void score(SampleResult& r) {
  r.hit = r.sample.target.hit(r.prediction.point);
  const auto truth = r.sample.target.iou_box();
  if (truth && r.prediction.box) r.iou = iou(*r.prediction.box, *truth);
}

// Decodes one screenshot and asks every row of it; never throws, never skips a row silently.
void run_group(ImageGroup& group, std::vector<SampleResult>& results, Grounder& grounder, const EvalOptions& options,
               std::atomic<std::size_t>& thumbnails, std::atomic<std::size_t>& done) {
  std::error_code ec;
  std::optional<std::string> image_error;
  Result<Screenshot> screen = group.path_error ? Error::invalid(*group.path_error) : Error::not_found("image not found: " + group.path);
  if (!group.path_error && std::filesystem::is_regular_file(group.path, ec)) {
    const auto t0 = Clock::now();
    screen = load_screenshot(group.path, options.image_limits);
    if (screen.ok()) group.decode_ms = ms_between(t0, Clock::now());
  }
  if (!screen.ok()) image_error = screen.error().message;

  for (const std::size_t i : group.rows) {
    SampleResult& r = results[i];
    if (image_error) {
      r.error = *image_error;
    } else {
      const auto t0 = Clock::now();
      Result<Prediction> p = Error::internal("no answer");
      try {
        p = grounder.find_element(*screen, r.sample.instruction);
      } catch (const std::exception& e) {  // a grounder bug must not take the whole run down
        p = Error::internal(std::string("threw: ") + e.what());
      }
      r.latency_ms = ms_between(t0, Clock::now());
      if (p.ok()) {
        r.prediction = std::move(*p);
      } else {
        r.error = grounder.name() + ": " + p.error().message;
      }
    }
    score(r);
    if (r.error) r.hit = false;  // an error is a miss, even on a refusal row
    if (!r.hit && screen.ok() && thumbnails.fetch_add(1) < options.max_thumbnails) {
      r.thumbnail_jpeg = miss_thumbnail(pixels_mat(*screen), r.sample.target, r.prediction);
    }
    done.fetch_add(1);
  }
}

void add_to_report(EvalReport& report, const SampleResult& r) {
  auto key = [](const std::string& s) { return s.empty() ? std::string("unknown") : s; };
  report.overall.add(r.hit, r.iou);
  report.by_type[key(r.sample.ui_type)].add(r.hit, r.iou);
  report.by_group[key(r.sample.group)].add(r.hit, r.iou);
  report.by_platform[key(r.sample.platform)].add(r.hit, r.iou);
}

}  // namespace

Result<EvalReport> run_eval(const Dataset& dataset, Grounder& grounder, const EvalOptions& options) {
  if (options.threads < 1 || options.threads > 256) return Error::invalid("--threads must be between 1 and 256");
  const auto t_start = Clock::now();

  EvalReport report;
  report.dataset = dataset.path;
  report.format = dataset_format_name(dataset.format);
  report.grounder = grounder.name();
  report.threads = options.threads;
  report.refusals_counted = options.count_refusals;
  report.warnings = dataset.warnings;
  const std::size_t n = options.limit ? std::min(options.limit, dataset.samples.size()) : dataset.samples.size();
  report.results.resize(n);
  for (std::size_t i = 0; i < n; ++i) report.results[i].sample = dataset.samples[i];

  std::vector<ImageGroup> groups = group_by_image(report.results, options);
  report.images = groups.size();
  std::atomic<std::size_t> next_group{0}, thumbnails{0}, done{0};
  auto worker = [&] {
    for (std::size_t g = next_group.fetch_add(1); g < groups.size(); g = next_group.fetch_add(1)) {
      run_group(groups[g], report.results, grounder, options, thumbnails, done);
    }
  };
  {
    const auto n_workers = std::min<std::size_t>(static_cast<std::size_t>(options.threads), std::max<std::size_t>(groups.size(), 1));
    std::vector<std::jthread> workers;
    for (std::size_t t = 0; t < n_workers; ++t) workers.emplace_back(worker);
    // The main thread only draws progress; workers never touch the terminal.
    ProgressMeter meter(options.progress, n);
    while (done.load() < n) {
      meter.update(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    meter.finish(n);
  }  // jthreads join here

  std::vector<double> latencies, uncached, decodes, confidences;
  std::vector<bool> answered_hits;
  for (const ImageGroup& g : groups) {
    if (g.decode_ms >= 0) decodes.push_back(g.decode_ms);
  }
  for (SampleResult& r : report.results) {
    if (r.error) ++report.errors;
    if (r.sample.target.is_refusal()) {
      ++report.refusals;
      if (r.hit) ++report.refusals_correct;
      r.scored = options.count_refusals;
    }
    if (!r.error) latencies.push_back(r.latency_ms);
    if (!r.error && !r.prediction.timings.cache_hit) uncached.push_back(r.latency_ms);
    if (!r.scored) continue;
    add_to_report(report, r);
    if (!r.error) {
      confidences.push_back(r.prediction.confidence);
      answered_hits.push_back(r.hit);
    }
  }
  report.latency = summarize_latency(std::move(latencies));
  report.latency_uncached = summarize_latency(std::move(uncached));
  report.decode = summarize_latency(std::move(decodes));
  report.calibration = calibrate(confidences, answered_hits, 5);
  report.wall_s = ms_between(t_start, Clock::now()) / 1000.0;
  return report;
}

}  // namespace humain
