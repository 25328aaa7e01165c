#include "grounding/local/ocr/ocr_pool.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include <filesystem>

#include <dlfcn.h>

#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>

#include "grounding/ocr_baseline/tesseract_reader.h"

namespace humain::local {
namespace {

// Tesseract's LSTM reads best when capitals are ~25-30 px tall; UI fonts are often 9-12 px.
constexpr double kTargetGlyphHeight = 28.0;
constexpr double kMaxUpscale = 3.0;
// Big text (HiDPI, phones) is shrunk towards the same height: Tesseract normalises every line to
// its network's input height anyway, so the extra pixels only cost time (-4% CPU on dev, same hits).
constexpr double kMinScale = 0.5;
constexpr int kPad = 6;
constexpr int kMargin = 3;

// Debian's libtesseract is built with OpenMP and opens a parallel region inside every LSTM step
// (`omp parallel for num_threads(4)`, so omp_set_num_threads alone cannot cap it). Our pool already
// runs one instance per core, and the nested teams spend their time waking each other (perf: half
// the CPU in futex and libgomp spinning). Zero active levels make every region run on the calling
// thread. The setting is per thread in libgomp (GCC 11+), so every OCR worker calls this.
// Looked up at run time: libgomp is loaded by libtesseract, not linked by us.
void serialize_openmp_on_this_thread() {
  using SetInt = void (*)(int);
  static const auto set_levels = reinterpret_cast<SetInt>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  static const auto set_threads = reinterpret_cast<SetInt>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  thread_local const bool done = [] {
    if (set_levels) set_levels(0);
    if (set_threads) set_threads(1);
    return true;
  }();
  (void)done;
}

}  // namespace

std::string OcrLine::text() const {
  std::string s;
  for (const auto& w : words) {
    if (!s.empty()) s += ' ';
    s += w.text;
  }
  return s;
}

void OcrPool::ApiDeleter::operator()(tesseract::TessBaseAPI* api) const {
  if (api) {
    api->End();
    delete api;
  }
}

Result<std::string> OcrPool::find_models(const std::string& tessdata_dir, const std::string& language) {
  std::string dir = tessdata_dir;
  for (size_t start = 0; start <= language.size();) {
    size_t end = language.find('+', start);
    if (end == std::string::npos) end = language.size();
    const std::string one = language.substr(start, end - start);
    start = end + 1;
    if (one.empty()) return Error::invalid("empty Tesseract language in '" + language + "'");
    if (tessdata_dir.empty()) {
      auto found = ocr_baseline::find_tessdata(one);
      if (!found.ok()) return found.error();
      if (dir.empty()) dir = *found;
    } else if (!std::filesystem::is_regular_file(std::filesystem::path(tessdata_dir) / (one + ".traineddata"))) {
      return Error::not_found("Tesseract data " + tessdata_dir + "/" + one + ".traineddata not found; install " +
                              ocr_baseline::tesseract_package(one));
    }
  }
  return dir;
}

Result<std::unique_ptr<OcrPool>> OcrPool::create(const std::string& tessdata_dir, const std::string& language,
                                                  int threads) {
  auto found = find_models(tessdata_dir, language);
  if (!found.ok()) return found.error();
  const std::string dir = *found;
  std::unique_ptr<OcrPool> pool(new OcrPool());
  pool->dir_ = dir;
  pool->language_ = language;
  pool->size_ = std::clamp(threads, 1, 16);
  // One instance now; the others when a second screen is read (start_extra_instances): each costs
  // ~0.1 s of CPU to load, more than it saves on one screen, so a one-shot process never pays it.
  pool->extra_ = pool->size_ - 1;
  pool->loading_.push_back(std::async(std::launch::async, [dir, language] { return load(dir, language); }));
  return pool;
}

Result<OcrPool::Api> OcrPool::load(const std::string& dir, const std::string& language) {
  Api api(new tesseract::TessBaseAPI());
  if (api->Init(dir.c_str(), language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Error::io("cannot load Tesseract model '" + language + "' from " + dir);
  }
  api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  api->SetVariable("debug_file", "/dev/null");
  // Lines arrive dark-on-light already (prepare_line_image); Tesseract's retry on the inverted
  // image only costs time.
  api->SetVariable("tessedit_do_invert", "0");
  return api;
}

int OcrPool::start_extra_instances(bool more_of_this_screen) {
  std::lock_guard lock(mu_);
  if (more_of_this_screen || reads_++ == 0) return size_ - extra_;
  for (; extra_ > 0; --extra_) {
    extra_loading_.push_back(std::async(std::launch::async, [this] {
      auto api = load(dir_, language_);
      // The first instance loaded the same model; should this one fail, reads go on with fewer.
      if (api.ok()) release(std::move(api.value()));
    }));
  }
  return size_;
}

OcrPool::~OcrPool() {
  for (auto& f : loading_) f.wait();
  for (auto& f : extra_loading_) f.wait();
}

Status OcrPool::ready() {
  std::lock_guard lock(mu_);
  for (auto& f : loading_) {
    auto api = f.get();
    if (api.ok()) free_.push_back(std::move(api.value()));
    else load_error_ = api.error();
  }
  loading_.clear();
  if (load_error_) return *load_error_;
  return ok_status();
}

OcrPool::Api OcrPool::acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !free_.empty(); });
  Api api = std::move(free_.back());
  free_.pop_back();
  return api;
}

void OcrPool::release(Api api) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(api));
  }
  available_.notify_one();
}

cv::Mat prepare_line_image(const cv::Mat& gray, const TextRegion& region, double* scale, int* pad) {
  // A little real background around the glyphs, then contrast stretched so white-on-blue and
  // grey-on-white text both become black on white.
  const cv::Rect bounds(0, 0, gray.cols, gray.rows);
  const cv::Rect r = (region.rect - cv::Point(kMargin, kMargin) + cv::Size(2 * kMargin, 2 * kMargin)) & bounds;
  if (r.width < 2 || r.height < 2) return {};  // region off the image: nothing to read
  cv::Mat crop;
  cv::normalize(gray(r), crop, 0, 255, cv::NORM_MINMAX);
  // Polarity: Otsu splits text from background; the larger class is the background.
  cv::Mat bin;
  cv::threshold(crop, bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  if (cv::countNonZero(bin) * 2 < static_cast<int>(crop.total())) cv::bitwise_not(crop, crop);
  double s = std::clamp(kTargetGlyphHeight / std::max(1.0, region.glyph_height), kMinScale, kMaxUpscale);
  cv::Mat scaled;
  if (s > 1.05) {
    cv::resize(crop, scaled, cv::Size(), s, s, cv::INTER_CUBIC);
  } else if (s < 0.95) {
    cv::resize(crop, scaled, cv::Size(), s, s, cv::INTER_AREA);
  } else {
    s = 1.0;
    scaled = crop;
  }
  cv::Mat padded;
  cv::copyMakeBorder(scaled, padded, kPad, kPad, kPad, kPad, cv::BORDER_CONSTANT, cv::Scalar(255));
  if (scale) *scale = s;
  // Offsets map Tesseract's coordinates back: padding plus the margin taken from the screen.
  if (pad) *pad = kPad;
  return padded;
}

std::vector<OcrLine> OcrPool::read_lines(const cv::Mat& gray, const std::vector<TextRegion>& regions,
                                         bool more_of_this_screen) {
  std::vector<OcrLine> lines(regions.size());
  if (!ready().ok()) return lines;  // callers check ready() first to report the error
  const int instances = start_extra_instances(more_of_this_screen);  // helpers below wait for the ones still loading
  std::atomic<size_t> next{0};
  auto work = [&] {
    serialize_openmp_on_this_thread();
    Api api = acquire();
    for (size_t i = next++; i < regions.size(); i = next++) {
      double s = 1;
      int pad = 0;
      lines[i].rect = regions[i].rect;
      cv::Mat img;
      try {
        img = prepare_line_image(gray, regions[i], &s, &pad);
      } catch (const cv::Exception&) {
        continue;  // an exception must not escape a worker thread; an unreadable line is skipped
      }
      if (img.empty()) continue;
      api->SetImage(img.data, img.cols, img.rows, 1, static_cast<int>(img.step));
      api->SetSourceResolution(300);
      OcrLine& line = lines[i];
      line.rect = regions[i].rect;
      if (api->Recognize(nullptr) != 0) continue;
      std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
      if (!it) continue;
      double conf_sum = 0;
      do {
        std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!word || word[0] == '\0') continue;
        int x1, y1, x2, y2;
        if (!it->BoundingBox(tesseract::RIL_WORD, &x1, &y1, &x2, &y2)) continue;
        const cv::Rect crop = (line.rect - cv::Point(kMargin, kMargin) + cv::Size(2 * kMargin, 2 * kMargin)) &
                              cv::Rect(0, 0, gray.cols, gray.rows);
        auto map = [&](int v, int origin) { return origin + static_cast<int>((v - pad) / s); };
        cv::Rect wr(cv::Point(map(x1, crop.x), map(y1, crop.y)), cv::Point(map(x2, crop.x), map(y2, crop.y)));
        wr &= line.rect;
        const double conf = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
        line.words.push_back({wr, word.get(), conf});
        conf_sum += conf;
      } while (it->Next(tesseract::RIL_WORD));
      if (!line.words.empty()) line.confidence = conf_sum / line.words.size();
    }
    api->Clear();
    release(std::move(api));
  };
  const size_t helpers = std::min<size_t>(instances - 1, regions.size() / 8);
  std::vector<std::jthread> threads;
  for (size_t k = 0; k < helpers; ++k) threads.emplace_back(work);
  work();
  return lines;
}

}  // namespace humain::local
