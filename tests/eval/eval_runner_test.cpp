// The harness with a scripted grounder: scoring, grouping by image, errors, refusals, threads, and
// the four output files.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "humain/eval.h"
#include "core/screenshot_pixels.h"

namespace humain {
namespace {

namespace fs = std::filesystem;

// Answers from a table keyed by instruction; "fail" makes it return an error.
class ScriptedGrounder final : public Grounder {
 public:
  std::map<std::string, Prediction> answers;
  std::mutex mu;
  std::map<std::string, std::set<const void*>> pixels_seen;  // instruction's image -> pixel buffers seen
  std::atomic<int> calls{0};

  Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) override {
    ++calls;
    {
      std::lock_guard<std::mutex> lock(mu);
      pixels_seen[screen.source].insert(pixels_mat(screen).data);
    }
    if (instruction == "fail") return Error::server("scripted failure");
    auto it = answers.find(std::string(instruction));
    Prediction p = it == answers.end() ? Prediction{} : it->second;
    p.source = "scripted";
    return p;
  }
  std::string name() const override { return "scripted"; }
};

Prediction at(double x, double y, std::optional<Box> box = std::nullopt, double conf = 0.9) {
  Prediction p;
  p.point = Point{x, y};
  p.box = box;
  p.confidence = conf;
  return p;
}

class EvalRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("humain_eval_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "img");
    cv::Mat img(200, 300, CV_8UC3, cv::Scalar(240, 240, 240));
    ASSERT_TRUE(cv::imwrite((dir_ / "img/a.png").string(), img));
    ASSERT_TRUE(cv::imwrite((dir_ / "img/b.png").string(), img));
    std::ofstream(dir_ / "img/corrupt.png") << "\x89PNG\r\n\x1a\n this is not a png";

    g_.answers["hit A"] = at(15, 15, Box{10, 10, 20, 20});       // exact box: IoU 1
    g_.answers["edge A"] = at(20, 20, Box{0, 0, 40, 40}, 0.3);   // on the edge: hit; IoU 100/1600
    g_.answers["miss A"] = at(100, 100);                          // no box: IoU null
    g_.answers["hit B"] = at(50, 60, Box{40, 50, 60, 70});
    // "refuse" gets no answer (no point): right for a refusal row.
  }
  void TearDown() override { fs::remove_all(dir_); }

  Dataset dataset() {
    auto make = [](std::string id, std::string image, std::string instruction, Box box, std::string type) {
      Sample s;
      s.id = std::move(id);
      s.image = std::move(image);
      s.instruction = std::move(instruction);
      s.target.box = box;
      s.ui_type = std::move(type);
      s.group = "g1";
      s.platform = "web";
      return s;
    };
    Dataset d;
    d.path = "inline.json";
    d.format = DatasetFormat::kScreenSpotPro;
    d.samples = {
        make("0", "a.png", "hit A", {10, 10, 20, 20}, "text"),
        make("1", "b.png", "hit B", {40, 50, 60, 70}, "icon"),
        make("2", "a.png", "edge A", {10, 10, 20, 20}, "text"),
        make("3", "a.png", "miss A", {10, 10, 20, 20}, "icon"),
        make("4", "missing.png", "hit A", {10, 10, 20, 20}, "text"),
        make("5", "corrupt.png", "hit A", {10, 10, 20, 20}, "text"),
        make("6", "b.png", "fail", {10, 10, 20, 20}, "text"),
    };
    Sample refusal = make("7", "b.png", "refuse", {}, "text");
    refusal.target.kind = Target::Kind::kRefusal;
    d.samples.push_back(refusal);
    return d;
  }

  EvalOptions options(int threads = 1) {
    EvalOptions o;
    o.images_dir = (dir_ / "img").string();
    o.threads = threads;
    return o;
  }

  fs::path dir_;
  ScriptedGrounder g_;
};

TEST_F(EvalRunnerTest, ScoresHitsMissesAndErrors) {
  auto r = run_eval(dataset(), g_, options());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->grounder, "scripted");
  EXPECT_EQ(r->overall.n, 7u);  // the refusal row is left out by default
  EXPECT_EQ(r->overall.hits, 3u);
  EXPECT_DOUBLE_EQ(r->overall.click_accuracy(), 3.0 / 7.0);
  EXPECT_EQ(r->errors, 3u);     // missing image, corrupt image, grounder failure
  EXPECT_EQ(r->images, 4u);

  const auto& res = r->results;
  ASSERT_EQ(res.size(), 8u);
  EXPECT_TRUE(res[0].hit);
  EXPECT_DOUBLE_EQ(*res[0].iou, 1.0);
  EXPECT_TRUE(res[2].hit);      // edges count as inside
  EXPECT_NEAR(*res[2].iou, 100.0 / 1600.0, 1e-12);
  EXPECT_FALSE(res[3].hit);
  EXPECT_FALSE(res[3].iou.has_value());
  EXPECT_NE(res[4].error->find("image not found"), std::string::npos) << *res[4].error;
  EXPECT_TRUE(res[5].error.has_value());
  EXPECT_NE(res[6].error->find("scripted failure"), std::string::npos);
  EXPECT_FALSE(res[6].hit);

  // Acc@IoU: only row 0 (IoU 1) and row 1 (IoU 1) beat 0.5.
  EXPECT_DOUBLE_EQ(r->overall.acc_at_iou(0), 2.0 / 7.0);
  EXPECT_EQ(r->by_type.at("text").n, 5u);
  EXPECT_EQ(r->by_type.at("icon").hits, 1u);
  EXPECT_EQ(r->by_platform.at("web").n, 7u);

  EXPECT_EQ(r->refusals, 1u);
  EXPECT_EQ(r->refusals_correct, 1u);
  EXPECT_FALSE(res[7].scored);
  // Latency summarises the rows the grounder answered without error.
  EXPECT_EQ(r->latency.n, 5u);
  EXPECT_EQ(r->latency_uncached.n, 5u);  // the scripted grounder never reports a cache hit
}

TEST_F(EvalRunnerTest, EachScreenshotIsDecodedOnce) {
  auto r = run_eval(dataset(), g_, options(2));
  ASSERT_TRUE(r.ok()) << r.error().message;
  for (const auto& [source, buffers] : g_.pixels_seen) {
    EXPECT_EQ(buffers.size(), 1u) << source << " was decoded more than once";
  }
  EXPECT_EQ(r->decode.n, 2u);  // a.png and b.png; the missing and corrupt ones never decode
}

TEST_F(EvalRunnerTest, ThreadsDoNotChangeResults) {
  auto one = run_eval(dataset(), g_, options(1));
  auto four = run_eval(dataset(), g_, options(4));
  ASSERT_TRUE(one.ok() && four.ok());
  ASSERT_EQ(one->results.size(), four->results.size());
  for (std::size_t i = 0; i < one->results.size(); ++i) {
    EXPECT_EQ(one->results[i].sample.id, four->results[i].sample.id);
    EXPECT_EQ(one->results[i].hit, four->results[i].hit);
    EXPECT_EQ(one->results[i].error, four->results[i].error);
  }
}

TEST_F(EvalRunnerTest, RefusalsCountedOnRequestAndLimit) {
  EvalOptions o = options();
  o.count_refusals = true;
  auto r = run_eval(dataset(), g_, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->overall.n, 8u);
  EXPECT_EQ(r->overall.hits, 4u);  // predicting nothing on the refusal row is right

  o.limit = 2;
  auto limited = run_eval(dataset(), g_, o);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->overall.n, 2u);
  EXPECT_EQ(g_.calls.load(), 6 + 2);  // rows 0-3, 6, 7 (4 and 5 have no image), then rows 0-1
}

TEST_F(EvalRunnerTest, BadThreadsIsAnError) {
  EXPECT_FALSE(run_eval(dataset(), g_, options(0)).ok());
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(EvalRunnerTest, WritesTheContractFiles) {
  auto r = run_eval(dataset(), g_, options());
  ASSERT_TRUE(r.ok());
  const fs::path out = dir_ / "out";
  ASSERT_TRUE(write_eval_outputs(*r, out.string()).ok());

  const auto report = nlohmann::json::parse(slurp(out / "report.json"));
  for (const char* key : {"n", "click_accuracy", "acc_at_iou", "by_type", "by_group", "by_platform", "latency_ms",
                          "errors", "dataset", "grounder"}) {
    EXPECT_TRUE(report.contains(key)) << key;
  }
  EXPECT_EQ(report["n"], 7);
  EXPECT_EQ(report["errors"], 3);
  EXPECT_DOUBLE_EQ(report["click_accuracy"].get<double>(), 3.0 / 7.0);
  EXPECT_TRUE(report["acc_at_iou"].contains("0.75"));
  EXPECT_TRUE(report["latency_ms"].contains("p99"));
  EXPECT_EQ(report["by_type"]["icon"]["n"], 2);
  EXPECT_EQ(report["refusals"]["n"], 1);

  std::istringstream lines(slurp(out / "predictions.jsonl"));
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const auto p = nlohmann::json::parse(line);
    for (const char* key : {"id", "point", "bbox", "hit", "iou", "latency_ms", "error"}) EXPECT_TRUE(p.contains(key)) << key;
    ++count;
  }
  EXPECT_EQ(count, 7);
  EXPECT_TRUE(fs::exists(out / "refusals.jsonl"));

  const std::string junit = slurp(out / "junit.xml");
  EXPECT_NE(junit.find("tests=\"7\" failures=\"1\" errors=\"3\""), std::string::npos) << junit;

  const std::string html = slurp(out / "report.html");
  EXPECT_NE(html.find("data:image/jpeg;base64,"), std::string::npos);  // the miss on a.png is drawn
  EXPECT_NE(html.find("image not found"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // self-contained, static
}

TEST_F(EvalRunnerTest, UnwritableOutputIsAnError) {
  auto r = run_eval(dataset(), g_, options());
  ASSERT_TRUE(r.ok());
  std::ofstream(dir_ / "file") << "x";
  EXPECT_FALSE(write_eval_outputs(*r, (dir_ / "file" / "sub").string()).ok());
}

TEST(Markup, JunitEscapesInstructions) {
  EvalReport r;
  SampleResult s;
  s.sample.id = "x";
  s.sample.instruction = "click <b> & \"quote\"";
  s.sample.target.box = {0, 0, 1, 1};
  r.results.push_back(s);
  r.overall.add(false, std::nullopt);
  const std::string x = junit_xml(r);
  EXPECT_NE(x.find("click &lt;b&gt; &amp; &quot;quote&quot;"), std::string::npos) << x;
}

}  // namespace
}  // namespace humain
