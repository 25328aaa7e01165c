// humain-secret-screens: writes the privacy battery's screens for end-to-end tests that cannot
// draw (shell + npm clients): the bundled samples with card numbers, passwords, SSNs, IBANs,
// e-mail addresses and phone numbers drawn on, plus secrets.json saying what must never be
// readable off the machine. Usage: humain-secret-screens SAMPLES_DIR OUT_DIR
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace {

struct Item {
  std::string text, needle;
  bool confidential;
};

struct Screen {
  std::string base, name;
  std::vector<Item> items;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: humain-secret-screens SAMPLES_DIR OUT_DIR\n";
    return 2;
  }
  const std::filesystem::path samples = argv[1], out = argv[2];
  std::filesystem::create_directories(out);
  const std::vector<Screen> screens = {
      {"login.png", "card_password.png", {{"Card: 4111 1111 1111 1111", "4111111111111111", true}, {"Password: ********", "********", true}}},
      {"settings.png", "ssn_iban.png", {{"SSN: 123-45-6789", "123456789", true}, {"IBAN: DE89 3704 0044 0532 0130 00", "DE89370400440532013000", true}}},
      {"dashboard.png", "mail_phone.png", {{"Mail: jane.doe@example.com", "jane.doe@example.com", false}, {"Phone: +1 415 555 0123", "4155550123", false}}},
  };
  nlohmann::json manifest = nlohmann::json::array();
  for (const auto& s : screens) {
    cv::Mat m = cv::imread((samples / s.base).string(), cv::IMREAD_COLOR);
    if (m.empty()) {
      std::cerr << "humain-secret-screens: cannot read " << (samples / s.base) << "\n";
      return 1;
    }
    // Dark blue text on white panels near the bottom, as in tests/routing/privacy_test.cpp.
    int y = m.rows - 40 - 55 * int(s.items.size());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : s.items) {
      int base_line = 0;
      const auto size = cv::getTextSize(item.text, cv::FONT_HERSHEY_DUPLEX, 0.9, 2, &base_line);
      cv::rectangle(m, cv::Rect(30, y - size.height - 12, size.width + 24, size.height + base_line + 24), cv::Scalar::all(255), cv::FILLED);
      cv::putText(m, item.text, {42, y}, cv::FONT_HERSHEY_DUPLEX, 0.9, cv::Scalar(150, 40, 0), 2, cv::LINE_AA);
      items.push_back({{"text", item.text}, {"needle", item.needle}, {"confidential", item.confidential}});
      y += 55;
    }
    if (!cv::imwrite((out / s.name).string(), m)) {
      std::cerr << "humain-secret-screens: cannot write " << (out / s.name) << "\n";
      return 1;
    }
    manifest.push_back({{"file", s.name}, {"items", items}});
  }
  std::ofstream(out / "secrets.json") << manifest.dump(2) << "\n";
  return 0;
}
