// Set-of-marks `send: crops` through the router over real HTTP: the stand-in cloud receives only
// the candidates' padded crops of the redacted screen (checked pixel by pixel against the crop
// windows the audit log records), never the whole screenshot, and no redacted text in the prompt.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "core/screenshot_pixels.h"
#include "humain/router.h"
#include "routing/server_process.h"

namespace humain {
namespace {

namespace fs = std::filesystem;
using testing::ServerProcess;

const std::string kSamples = std::string(HUMAIN_SOURCE_DIR) + "/data/samples/";

TEST(MarksCrops, CloudReceivesOnlyCropsOfTheRedactedScreen) {
  const std::string dir = ::testing::TempDir() + "humain_marks_crops_" + std::to_string(getpid());
  fs::remove_all(dir);
  fs::create_directories(dir + "/images");
  ServerProcess cloud({"--port", "0", "--dataset", kSamples + "samples.json", "--record-images", dir + "/images",
                       "--record", dir + "/requests.jsonl"});
  ASSERT_TRUE(cloud.ok()) << cloud.error();
  ::setenv("HUMAIN_TEST_CLOUD_KEY", "test-key", 1);

  // settings.png with an e-mail address drawn on it: internal, so it may go out, but masked.
  auto base = load_screenshot(kSamples + "settings.png");
  ASSERT_TRUE(base.ok());
  cv::Mat m = pixels_mat(*base).clone();
  cv::rectangle(m, cv::Rect(20, m.rows - 70, 520, 50), cv::Scalar::all(255), cv::FILLED);
  cv::putText(m, "Mail: jane.doe@example.com", {30, m.rows - 35}, cv::FONT_HERSHEY_DUPLEX, 0.9, cv::Scalar(150, 40, 0), 2);
  const Screenshot screen = screenshot_from_mat(m, "settings + mail").value();
  std::ifstream rows_in(kSamples + "samples.json");
  const auto rows = nlohmann::json::parse(rows_in);
  std::string instruction;
  Box truth;
  for (const auto& r : rows) {
    if (r["img_filename"] == "settings.png") {
      instruction = r["instruction"];
      truth = Box{r["bbox"][0], r["bbox"][1], r["bbox"][2], r["bbox"][3]};
      break;
    }
  }
  ASSERT_FALSE(instruction.empty());

  // Cascade: the local engine answers first; escalate_below 1 makes it always unsure, so the cloud
  // gets its top 4 candidates.
  const std::string yaml = "deployment:\n  mode: hybrid\n  escalate_below: 1.0\n  audit_log: " + dir + "/audit.jsonl\n" +
                           "vlm:\n  cloud: {provider: openai, model: gpt-4o, family: generic, base_url: \"" + cloud.url() +
                           "\", api_key: \"${HUMAIN_TEST_CLOUD_KEY}\", max_retries: 0, send: crops, marks_top_k: 4}\n";
  auto config = parse_config(yaml, "crops.yaml");
  ASSERT_TRUE(config.ok()) << config.error().message;
  ASSERT_EQ(config->cloud->grounding, "set-of-marks");
  auto router = make_router(config.value());
  ASSERT_TRUE(router.ok()) << router.error().message;
  auto r = (*router)->ground(screen, "precise: " + instruction);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->decision.cloud_allowed) << "the test needs a screen that may leave";
  ASSERT_FALSE(r->decision.redactions.empty()) << "the e-mail must have been found";
  EXPECT_EQ(r->answered_by, Tier::kCloudVlm);
  ASSERT_TRUE(r->prediction.point.has_value());
  EXPECT_TRUE(contains(truth, *r->prediction.point)) << r->prediction.raw_output;

  // The audit log's record of what left.
  std::ifstream audit_in(dir + "/audit.jsonl");
  std::string line, last;
  while (std::getline(audit_in, line)) last = line;
  const auto audit = nlohmann::json::parse(last);
  ASSERT_EQ(audit["sent"].size(), 1u) << audit.dump();
  const auto& sent = audit["sent"][0];
  EXPECT_EQ(sent["grounding"], "set-of-marks");
  EXPECT_TRUE(sent["image_hash"].is_null()) << "the full screen never left";
  const auto& crops = sent["crops"];
  ASSERT_EQ(crops.size(), 4u);
  EXPECT_EQ(sent["images"], 4);

  // Every received image is exactly the redacted screen inside its crop window.
  auto redacted = redact(screen, r->decision.redactions);
  ASSERT_TRUE(redacted.ok());
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir + "/images")) files.push_back(e.path().string());
  std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
    auto key = [](const std::string& f) {  // request1_image10.png sorts after request1_image9.png
      const auto i = f.rfind("_image");
      return std::stoi(f.substr(i + 6));
    };
    return key(a) < key(b);
  });
  ASSERT_EQ(files.size(), 4u);
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto got = load_screenshot(files[i]);
    ASSERT_TRUE(got.ok()) << got.error().message;
    const cv::Rect w(crops[i][0], crops[i][1], int(crops[i][2]) - int(crops[i][0]), int(crops[i][3]) - int(crops[i][1]));
    ASSERT_EQ(pixels_mat(*got).size(), w.size()) << files[i];
    EXPECT_LT(got->width() * got->height(), screen.width() * screen.height() / 4) << "a crop, not the screen";
    EXPECT_EQ(cv::norm(pixels_mat(*got), pixels_mat(*redacted)(w), cv::NORM_INF), 0) << files[i] << " holds pixels from outside its window";
  }

  // The prompt carried no masked text either.
  std::ifstream req_in(dir + "/requests.jsonl");
  std::string all((std::istreambuf_iterator<char>(req_in)), std::istreambuf_iterator<char>());
  EXPECT_NE(all.find("Marks ("), std::string::npos);
  EXPECT_EQ(all.find("jane.doe"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace humain
