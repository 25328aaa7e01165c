// report.html: one self-contained file (inline CSS, thumbnails as base64 JPEG) a person can open
// from a CI artifact without a server.
#include <cstdio>
#include <sstream>

#include "eval/markup.h"
#include "humain/eval.h"
#include "humain/image_encoding.h"

namespace humain {
namespace {

std::string pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
  return buf;
}

std::string num(double v, const char* fmt = "%.1f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

void breakdown_table(std::ostringstream& h, const char* title, const Breakdown& b) {
  h << "<h2>" << title << "</h2>\n<table><tr><th>" << title << "</th><th>n</th><th>click accuracy</th>"
    << "<th>Acc@IoU 0.5</th></tr>\n";
  for (const auto& [name, t] : b) {
    h << "<tr><td>" << escape_markup(name) << "</td><td>" << t.n << "</td><td>" << pct(t.click_accuracy())
      << "</td><td>" << pct(t.acc_at_iou(0)) << "</td></tr>\n";
  }
  h << "</table>\n";
}

const char* kStyle = R"(<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.3em .7em;text-align:left}
th{background:#f3f3f3}
.miss{display:inline-block;vertical-align:top;width:440px;margin:0 1em 1.5em 0;font-size:.9em}
.miss img{border:1px solid #aaa;max-width:430px}
.legend span{padding:0 .5em}
.err{color:#a00}
</style>
)";

}  // namespace

std::string html_report(const EvalReport& r) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>humain eval: " << escape_markup(r.grounder)
    << " on " << escape_markup(r.dataset) << "</title>\n" << kStyle << "</head><body>\n";
  h << "<h1>humain eval</h1>\n<table>\n"
    << "<tr><th>grounder</th><td>" << escape_markup(r.grounder) << "</td></tr>\n"
    << "<tr><th>data set</th><td>" << escape_markup(r.dataset) << " (" << escape_markup(r.format) << ")</td></tr>\n"
    << "<tr><th>samples scored</th><td>" << r.overall.n << " on " << r.images << " screenshots</td></tr>\n"
    << "<tr><th>click accuracy</th><td><b>" << pct(r.overall.click_accuracy()) << "</b> (" << r.overall.hits << " / "
    << r.overall.n << ")</td></tr>\n"
    << "<tr><th>Acc@IoU 0.5 / 0.75 / 0.9</th><td>" << pct(r.overall.acc_at_iou(0)) << " / " << pct(r.overall.acc_at_iou(1))
    << " / " << pct(r.overall.acc_at_iou(2)) << "</td></tr>\n"
    << "<tr><th>latency p50 / p90 / p99 / mean</th><td>" << num(r.latency.p50) << " / " << num(r.latency.p90) << " / "
    << num(r.latency.p99) << " / " << num(r.latency.mean) << " ms</td></tr>\n"
    << "<tr><th>latency without cache hits p50 / p90 (n)</th><td>" << num(r.latency_uncached.p50) << " / "
    << num(r.latency_uncached.p90) << " ms (" << r.latency_uncached.n << ")</td></tr>\n"
    << "<tr><th>errors</th><td" << (r.errors ? " class=\"err\"" : "") << ">" << r.errors << "</td></tr>\n"
    << "<tr><th>refusal rows</th><td>" << r.refusals << " (" << r.refusals_correct << " answered with no point; "
    << (r.refusals_counted ? "counted" : "not counted") << " in click accuracy)</td></tr>\n"
    << "<tr><th>wall time</th><td>" << num(r.wall_s, "%.2f") << " s, " << r.threads << " thread(s)</td></tr>\n"
    << "</table>\n";

  breakdown_table(h, "type", r.by_type);
  breakdown_table(h, "group", r.by_group);
  breakdown_table(h, "platform", r.by_platform);

  h << "<h2>confidence calibration</h2>\n<table><tr><th>confidence</th><th>n</th><th>accuracy</th></tr>\n";
  for (const CalibrationBucket& b : r.calibration) {
    h << "<tr><td>" << num(b.lo, "%.1f") << " - " << num(b.hi, "%.1f") << "</td><td>" << b.n << "</td><td>"
      << (b.n ? pct(b.accuracy()) : std::string("-")) << "</td></tr>\n";
  }
  h << "</table>\n";

  if (r.errors) {
    h << "<h2 class=\"err\">errors</h2>\n<table><tr><th>id</th><th>error</th></tr>\n";
    for (const SampleResult& s : r.results) {
      if (s.error) h << "<tr><td>" << escape_markup(s.sample.id) << "</td><td>" << escape_markup(*s.error) << "</td></tr>\n";
    }
    h << "</table>\n";
  }

  std::size_t misses = 0, drawn = 0;
  for (const SampleResult& s : r.results) misses += (s.scored && !s.hit) ? 1 : 0;
  h << "<h2>misses (" << misses << ")</h2>\n<p class=\"legend\"><span style=\"color:#3cb43c\">&#9632; target</span>"
    << "<span style=\"color:#e62828\">&#10010; predicted click</span><span style=\"color:#ff9600\">&#9633; predicted box</span></p>\n";
  for (const SampleResult& s : r.results) {
    if (!s.scored || s.hit) continue;
    h << "<div class=\"miss\"><b>" << escape_markup(s.sample.id) << "</b>: " << escape_markup(s.sample.instruction) << "<br>";
    if (s.prediction.point) {
      h << "clicked (" << num(s.prediction.point->x, "%.0f") << ", " << num(s.prediction.point->y, "%.0f")
        << "), confidence " << num(s.prediction.confidence, "%.2f");
    } else {
      h << (s.error ? "<span class=\"err\">" + escape_markup(*s.error) + "</span>" : std::string("no point predicted"));
    }
    if (!s.thumbnail_jpeg.empty()) {
      h << "<br><img alt=\"miss\" src=\"data:image/jpeg;base64," << base64_encode(s.thumbnail_jpeg) << "\">";
      ++drawn;
    }
    h << "</div>\n";
  }
  if (drawn < misses) h << "<p>" << (misses - drawn) << " misses without a picture (thumbnail limit or missing image).</p>\n";
  h << "</body></html>\n";
  return h.str();
}

}  // namespace humain
