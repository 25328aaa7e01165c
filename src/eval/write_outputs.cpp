// Writes an EvalReport's files into the output folder.
#include <filesystem>
#include <fstream>

#include "humain/eval.h"
#include "humain/secrets.h"

namespace humain {
namespace {

// Text from servers (raw answers) may be invalid UTF-8: replaced, never an exception.
std::string dump(const nlohmann::json& j, int indent) { return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace); }

Status write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error::io("cannot open " + path.string() + " for writing");
  out << scrub_secrets(content);  // a model's answer may quote a key a server echoed
  out.close();
  if (!out) return Error::io("cannot write " + path.string());
  return ok_status();
}

}  // namespace

Status write_eval_outputs(const EvalReport& report, const std::string& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Error::io("cannot create output folder " + out_dir + ": " + ec.message());
  const std::filesystem::path dir(out_dir);

  std::string predictions, refusals;
  for (const SampleResult& r : report.results) {
    (r.scored ? predictions : refusals) += dump(prediction_json(r), -1) + "\n";
  }
  if (auto s = write_file(dir / "predictions.jsonl", predictions); !s) return s;
  // Refusal rows left out of click accuracy still get their answers recorded, apart.
  if (!refusals.empty()) {
    if (auto s = write_file(dir / "refusals.jsonl", refusals); !s) return s;
  } else {
    std::filesystem::remove(dir / "refusals.jsonl", ec);  // stale from an earlier run
  }
  if (auto s = write_file(dir / "report.json", dump(report_json(report), 2) + "\n"); !s) return s;
  if (auto s = write_file(dir / "junit.xml", junit_xml(report)); !s) return s;
  return write_file(dir / "report.html", html_report(report));
}

}  // namespace humain
