// junit.xml: CI systems show one test per data set row; a miss fails, an error errs.
#include <sstream>

#include "eval/markup.h"
#include "humain/eval.h"

namespace humain {
namespace {

std::string describe_miss(const SampleResult& r) {
  std::ostringstream m;
  if (r.sample.target.is_refusal()) {
    m << "refusal row: expected no point";
  } else {
    const Box& b = r.sample.target.box;
    m << "target [" << b.x1 << ", " << b.y1 << ", " << b.x2 << ", " << b.y2 << "]";
  }
  if (r.prediction.point) {
    m << ", clicked (" << r.prediction.point->x << ", " << r.prediction.point->y << ")";
  } else {
    m << ", no point predicted";
  }
  return m.str();
}

}  // namespace

std::string junit_xml(const EvalReport& report) {
  std::size_t failures = 0, errors = 0;
  for (const SampleResult& r : report.results) {
    if (!r.scored) continue;
    if (r.error) {
      ++errors;
    } else if (!r.hit) {
      ++failures;
    }
  }
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites>\n";
  x << "  <testsuite name=\"humain-eval " << escape_markup(report.grounder) << "\" tests=\"" << report.overall.n
    << "\" failures=\"" << failures << "\" errors=\"" << errors << "\" time=\"" << report.wall_s << "\">\n";
  x << "    <properties>\n"
    << "      <property name=\"dataset\" value=\"" << escape_markup(report.dataset) << "\"/>\n"
    << "      <property name=\"click_accuracy\" value=\"" << report.overall.click_accuracy() << "\"/>\n"
    << "    </properties>\n";
  for (const SampleResult& r : report.results) {
    if (!r.scored) continue;
    const std::string classname = "eval." + (r.sample.group.empty() ? std::string("all") : r.sample.group);
    x << "    <testcase classname=\"" << escape_markup(classname) << "\" name=\""
      << escape_markup(r.sample.id + ": " + r.sample.instruction) << "\" time=\"" << r.latency_ms / 1000.0 << "\"";
    if (r.error) {
      x << ">\n      <error message=\"" << escape_markup(*r.error) << "\"/>\n    </testcase>\n";
    } else if (!r.hit) {
      x << ">\n      <failure message=\"" << escape_markup("miss: " + describe_miss(r)) << "\"/>\n    </testcase>\n";
    } else {
      x << "/>\n";
    }
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

}  // namespace humain
