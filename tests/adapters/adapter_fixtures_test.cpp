// Golden fixtures: real model answers copied verbatim from public sources (tests/adapters/fixtures,
// built by import_shared_fixtures.py with each answer's source). Every parser must read every one
// of its fixtures to the expected point, or refuse it with the expected error. Unlike the test
// server, which answers with our own render(), these catch a misread format.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "humain/adapter.h"

namespace humain {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kDir = fs::path(HUMAIN_SOURCE_DIR) / "tests/adapters/fixtures";

std::vector<json> all_fixtures() {
  std::vector<json> out;
  for (const auto& f : fs::directory_iterator(kDir)) {
    if (f.path().extension() != ".json") continue;
    std::ifstream in(f.path());
    json list = json::parse(in);
    for (auto& e : list) {
      e["file"] = f.path().filename().string();
      out.push_back(std::move(e));
    }
  }
  return out;
}

ImageSize size_of(const json& j) { return ImageSize{j.at(0).get<int>(), j.at(1).get<int>()}; }

TEST(AdapterFixtures, EveryFixtureNamesItsSourceAndAKnownFamily) {
  const auto fixtures = all_fixtures();
  ASSERT_GE(fixtures.size(), 100u) << "fixtures missing from " << kDir;
  for (const auto& f : fixtures) {
    EXPECT_FALSE(f.value("source", "").empty()) << f.dump().substr(0, 200);
    EXPECT_FALSE(f.value("provenance", "").empty()) << f.value("source", "");
    EXPECT_TRUE(make_adapter(f.at("family").get<std::string>()).ok()) << f.at("family");
  }
}

TEST(AdapterFixtures, EveryParserReadsEveryFixtureToTheExpectedPoint) {
  std::map<std::string, int> read, refused;
  for (const auto& f : all_fixtures()) {
    const std::string family = f.at("family");
    const std::string where = f.value("file", "") + " " + family + " " + f.value("source", "") + ": " +
                              f.at("raw_output").get<std::string>().substr(0, 120);
    auto adapter = make_adapter(family);
    ASSERT_TRUE(adapter.ok()) << where;
    const ImageSize original = size_of(f.at("original"));
    const ImageSize sent = f.at("sent").is_null() ? *(*adapter)->image_size(original) : size_of(f.at("sent"));
    ChatResponse r;
    r.text = f.at("raw_output").get<std::string>();
    if (f.contains("tool_call")) r.tool_calls.push_back({f["tool_call"].at("name"), f["tool_call"].at("arguments")});
    auto g = (*adapter)->parse(r, original, sent);
    const json& expect = f.at("expect");
    if (expect.contains("error")) {
      ASSERT_FALSE(g.ok()) << where << " read as (" << g->point.x << ", " << g->point.y << ")";
      EXPECT_NE(g.error().message.find(expect["error"].get<std::string>()), std::string::npos)
          << where << " -> " << g.error().message;
      ++refused[family];
    } else {
      ASSERT_TRUE(g.ok()) << where << " -> " << g.error().message;
      const double tol = expect.value("tolerance_px", 1.0);
      EXPECT_NEAR(g->point.x, expect["point"][0].get<double>(), tol) << where;
      EXPECT_NEAR(g->point.y, expect["point"][1].get<double>(), tol) << where;
      ++read[family];
    }
  }
  // Each family with fixtures has at least one it reads (refusals alone would prove little).
  for (const auto& [family, n] : refused) EXPECT_GT(read[family], 0) << family;
  for (const auto& [family, n] : read) std::cout << "  " << family << ": " << n << " read, " << refused[family] << " refused\n";
}

}  // namespace
}  // namespace humain
