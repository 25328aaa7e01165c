#include "grounding/local/detect/icon_classifier.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/data_files.h"
#include "grounding/local/detect/feature_cache.h"

namespace humain::local {
namespace {

constexpr int kCell = 32;          // bank cell size and the normalised glyph size
constexpr int kInkGrid = 12;       // the blurred ink is compared on this grid
constexpr int kOrientCells = 4;    // edge orientations are histogrammed in 4x4 cells...
constexpr int kOrientBins = 8;     // ...of 8 unsigned directions (outline and filled edges agree)
constexpr int kFeatureSize = kInkGrid * kInkGrid + kOrientCells * kOrientCells * kOrientBins;
constexpr int kCacheSamples = 16;  // bank cells recomputed to check a cached feature file
constexpr double kMinContrast = 24;  // grey levels between ink and background; less is no glyph
constexpr float kInkLevel = 0.4f;    // ink fraction that counts as the glyph's body
// With the network, a concept's template similarity is scaled by (1 - w) + w x its probability
// relative to the network's surest concept: the guess the network agrees with keeps the template's
// scale (the parser's and the window controls' thresholds, the matcher's weights), the others drop.
// w = 0.3: on main cf0b236 it leaves the click accuracy of realdev + dev/mobile/val as the
// templates alone have it (774/1,037; 0.5 and a certainty-weighted variant: 773-774) with 12 more
// answers at confidence >= 0.8; a linear mix of similarity and probability lowered sure scores
// when the network was unsure, and lowering the scores of glyphs the network calls text (its
// not-icon class) lost 9 dev rows (avatars with initials): both dropped (docs/models/icon_net.md).
constexpr double kNetWeight = 0.3;

// How far each pixel is from the background (the median of the crop's border), 0..1.
std::optional<cv::Mat> ink_of(const cv::Mat& grey) {
  std::vector<uchar> border;
  for (int x = 0; x < grey.cols; ++x) {
    border.push_back(grey.at<uchar>(0, x));
    border.push_back(grey.at<uchar>(grey.rows - 1, x));
  }
  for (int y = 1; y + 1 < grey.rows; ++y) {
    border.push_back(grey.at<uchar>(y, 0));
    border.push_back(grey.at<uchar>(y, grey.cols - 1));
  }
  std::nth_element(border.begin(), border.begin() + border.size() / 2, border.end());
  const double background = border[border.size() / 2];
  cv::Mat ink;
  cv::absdiff(grey, cv::Scalar(background), ink);
  double strongest = 0;
  cv::minMaxLoc(ink, nullptr, &strongest);
  if (strongest < kMinContrast) return std::nullopt;
  ink.convertTo(ink, CV_32F, 1.0 / strongest);
  return ink;
}

// A button's frame around the glyph touches the crop on three or more sides: it is not the icon.
void drop_frames(cv::Mat& ink) {
  cv::Mat body = ink > kInkLevel, labels;
  cv::Mat stats, centroids;
  const int n = cv::connectedComponentsWithStats(body, labels, stats, centroids, 8);
  std::vector<int> frames;
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int sides = (x <= 1) + (y <= 1) + (x + w >= ink.cols - 1) + (y + h >= ink.rows - 1);
    if (sides >= 3) frames.push_back(i);
  }
  if (frames.empty() || static_cast<int>(frames.size()) == n - 1) return;  // keep a lone glyph
  for (int label : frames) {
    cv::Mat grown;
    cv::dilate(labels == label, grown, cv::Mat(), cv::Point(-1, -1), 1);  // with its anti-aliased rim
    ink.setTo(0, grown);
  }
}

// The glyph's ink cropped tight, centred on a square and scaled to kCell x kCell.
std::optional<cv::Mat> normalised_glyph(const cv::Mat& ink) {
  std::vector<cv::Point> body;
  cv::findNonZero(ink > kInkLevel, body);
  if (body.empty()) return std::nullopt;
  const cv::Rect box = cv::boundingRect(body);
  const int side = std::max(box.width, box.height);
  if (side < 4) return std::nullopt;
  cv::Mat square = cv::Mat::zeros(side, side, CV_32F);
  ink(box).copyTo(square(cv::Rect((side - box.width) / 2, (side - box.height) / 2, box.width, box.height)));
  cv::Mat glyph;
  cv::resize(square, glyph, {kCell, kCell}, 0, 0, side > kCell ? cv::INTER_AREA : cv::INTER_LINEAR);
  return glyph;
}

void normalise(float* v, int n, float weight) {
  double norm = 0;
  for (int i = 0; i < n; ++i) norm += double(v[i]) * v[i];
  const float scale = norm > 1e-12 ? static_cast<float>(weight / std::sqrt(norm)) : 0.f;
  for (int i = 0; i < n; ++i) v[i] *= scale;
}

// Blurred ink on a coarse grid (shape and mass) + edge orientations per cell (outline), each half
// of a unit vector, so a dot product is the mean of the two cosine similarities.
cv::Mat features_of(const cv::Mat& glyph) {
  cv::Mat feature(1, kFeatureSize, CV_32F);
  float* out = feature.ptr<float>();
  cv::Mat blurred, coarse;
  cv::GaussianBlur(glyph, blurred, {0, 0}, 1.5);
  cv::resize(blurred, coarse, {kInkGrid, kInkGrid}, 0, 0, cv::INTER_AREA);
  const float mean = static_cast<float>(cv::mean(coarse)[0]);
  for (int i = 0; i < kInkGrid * kInkGrid; ++i) out[i] = coarse.ptr<float>()[i] - mean;
  normalise(out, kInkGrid * kInkGrid, std::sqrt(0.5f));

  float* orient = out + kInkGrid * kInkGrid;
  std::fill(orient, out + kFeatureSize, 0.f);
  cv::Mat gx, gy, smooth;
  cv::GaussianBlur(glyph, smooth, {0, 0}, 1.0);
  cv::Sobel(smooth, gx, CV_32F, 1, 0);
  cv::Sobel(smooth, gy, CV_32F, 0, 1);
  const int cell = kCell / kOrientCells;
  for (int y = 0; y < kCell; ++y) {
    for (int x = 0; x < kCell; ++x) {
      const float dx = gx.at<float>(y, x), dy = gy.at<float>(y, x);
      const float magnitude = std::sqrt(dx * dx + dy * dy);
      if (magnitude < 1e-3f) continue;
      float angle = std::atan2(dy, dx);
      if (angle < 0) angle += static_cast<float>(CV_PI);
      const int bin = std::min(kOrientBins - 1, static_cast<int>(angle / CV_PI * kOrientBins));
      orient[((y / cell) * kOrientCells + x / cell) * kOrientBins + bin] += magnitude;
    }
  }
  normalise(orient, kOrientCells * kOrientCells * kOrientBins, std::sqrt(0.5f));
  return feature;
}

// Eight running sums so the compiler keeps them in vector registers (cv::gemm is 5x slower for a
// matrix times one vector).
float dot(const float* a, const float* b) {
  static_assert(kFeatureSize % 8 == 0);
  float sum[8] = {};
  for (int i = 0; i < kFeatureSize; i += 8)
    for (int k = 0; k < 8; ++k) sum[k] += a[i + k] * b[i + k];
  return ((sum[0] + sum[1]) + (sum[2] + sum[3])) + ((sum[4] + sum[5]) + (sum[6] + sum[7]));
}

// The crop's glyph as both classifiers see it (32x32 float ink), or nothing (flat, too small).
std::optional<cv::Mat> glyph_of_crop(const cv::Mat& grey) {
  auto ink = ink_of(grey);
  if (!ink) return std::nullopt;
  drop_frames(*ink);
  return normalised_glyph(*ink);
}

std::optional<cv::Mat> features_of_crop(const cv::Mat& grey) {
  auto glyph = glyph_of_crop(grey);
  if (!glyph) return std::nullopt;
  return features_of(*glyph);
}

// An icon drawn on a badge (avatar disk, round button, app tile) fills its crop with one solid
// blob: the blob's inside, shrunk past its rounded edge, is where the real glyph is, on the badge's
// colour. Nothing when the crop holds no such blob.
std::optional<cv::Rect> badge_interior(const cv::Mat& grey) {
  const auto ink = ink_of(grey);
  if (!ink) return std::nullopt;
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(*ink > kInkLevel, labels, stats, centroids, 8);
  for (int i = 1; i < n; ++i) {
    const cv::Rect blob(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                        stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const bool big = blob.width >= 0.5 * grey.cols && blob.height >= 0.5 * grey.rows;
    if (!big || stats.at<int>(i, cv::CC_STAT_AREA) < 0.6 * blob.area()) continue;
    const int dx = static_cast<int>(0.16 * blob.width), dy = static_cast<int>(0.16 * blob.height);
    const cv::Rect inside(blob.x + dx, blob.y + dy, blob.width - 2 * dx, blob.height - 2 * dy);
    if (inside.width >= 8 && inside.height >= 8) return inside;
  }
  return std::nullopt;
}

}  // namespace

Result<IconClassifier> IconClassifier::load(const std::string& atlas_png, const std::string& index_tsv,
                                           std::shared_ptr<const IconNet> net) {
  std::ifstream in(index_tsv, std::ios::binary);
  if (!in) return Error::not_found("icon bank index " + index_tsv + ": cannot open");
  const std::string index_bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ifstream atlas_in(atlas_png, std::ios::binary);
  if (!atlas_in) return Error::invalid("icon bank " + atlas_png + ": not a readable PNG");
  const std::string atlas_bytes((std::istreambuf_iterator<char>(atlas_in)), std::istreambuf_iterator<char>());

  IconClassifier bank;
  std::map<std::string, int> concept_ids;
  // The network's classes name the bank's concepts (both come from data/icons/concepts.tsv).
  const auto with_net = [&](IconClassifier& loaded) -> Result<IconClassifier> {
    if (!net) return std::move(loaded);
    for (const std::string& label : net->labels()) {
      const auto it = concept_ids.find(label);
      if (it == concept_ids.end() && label != IconNet::kNotIcon)
        return Error::invalid("icon network class '" + label + "' is not a concept of the icon bank " + index_tsv);
      loaded.concept_of_class_.push_back(it == concept_ids.end() ? -1 : it->second);
    }
    loaded.net_ = std::move(net);
    return std::move(loaded);
  };
  std::vector<std::string> cell_where;  // "file:line" of each cell, for errors
  std::istringstream lines(index_bytes);
  std::string line;
  int line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    int cell = -1;
    std::string concept_name;
    const std::string where = index_tsv + ":" + std::to_string(line_number);
    if (!(fields >> cell) || !std::getline(fields.ignore(1), concept_name, '\t') || concept_name.empty())
      return Error::invalid(where + ": expected cell<TAB>concept<TAB>...");
    if (cell != static_cast<int>(cell_where.size())) return Error::invalid(where + ": cell " + std::to_string(cell) + " out of order");
    cell_where.push_back(where);
    auto [it, added] = concept_ids.emplace(concept_name, static_cast<int>(bank.concepts_.size()));
    if (added) bank.concepts_.push_back(concept_name);
    bank.concept_of_row_.push_back(it->second);
  }
  if (cell_where.empty()) return Error::invalid("icon bank index " + index_tsv + ": no icons");
  const int cells = static_cast<int>(cell_where.size());

  const cv::Mat atlas = atlas_bytes.empty() ? cv::Mat()
                                            : cv::imdecode(cv::Mat(1, static_cast<int>(atlas_bytes.size()), CV_8U,
                                                                   const_cast<char*>(atlas_bytes.data())),
                                                           cv::IMREAD_GRAYSCALE);
  if (atlas.empty()) return Error::invalid("icon bank " + atlas_png + ": not a readable PNG");
  if (atlas.cols % kCell != 0 || atlas.rows % kCell != 0)
    return Error::invalid("icon bank " + atlas_png + ": size is not a multiple of the 32 px cell");
  const int columns = atlas.cols / kCell;
  const int capacity = columns * (atlas.rows / kCell);
  if (cells > capacity) return Error::invalid(cell_where[capacity] + ": cell " + std::to_string(capacity) + " outside the atlas");
  const auto feature_of_cell = [&](int cell) {
    const cv::Rect r((cell % columns) * kCell, (cell / columns) * kCell, kCell, kCell);
    cv::Mat cell_with_margin;  // bank glyphs may fill their cell; the margin keeps them from looking like frames
    cv::copyMakeBorder(atlas(r), cell_with_margin, 4, 4, 4, 4, cv::BORDER_CONSTANT | cv::BORDER_ISOLATED, 0);
    return features_of_crop(cell_with_margin);
  };

  // Features of this exact bank computed by an earlier process (feature_cache.h), used when a
  // sample of cells computed now agrees with them: a changed feature code never reads stale rows.
  const std::uint64_t key = fnv1a(std::to_string(kFeatureSize), fnv1a(index_bytes, fnv1a(atlas_bytes)));
  if (auto cached = read_feature_cache("iconbank", key, cells, kFeatureSize)) {
    bool agrees = true;
    for (int k = 0; k < kCacheSamples && agrees; ++k) {
      const int cell = static_cast<int>(static_cast<long>(k) * (cells - 1) / std::max(1, kCacheSamples - 1));
      const auto f = feature_of_cell(cell);
      agrees = f && cv::norm(*f, cached->row(cell), cv::NORM_INF) < 1e-5;
    }
    if (agrees) {
      bank.features_ = std::move(*cached);
      return with_net(bank);
    }
  }

  std::vector<cv::Mat> rows;
  for (int cell = 0; cell < cells; ++cell) {
    auto feature = feature_of_cell(cell);
    if (!feature) return Error::invalid(cell_where[cell] + ": cell " + std::to_string(cell) + " of the atlas is empty");
    rows.push_back(*feature);
  }
  cv::vconcat(rows, bank.features_);
  write_feature_cache("iconbank", key, bank.features_);
  return with_net(bank);
}

Result<IconClassifier> IconClassifier::load_default() {
  auto atlas = find_data_file("icons/bank.png");
  if (!atlas.ok()) return atlas.error();
  auto index = find_data_file("icons/bank.tsv");
  if (!index.ok()) return index.error();
  auto net = IconNet::load_default();
  if (!net.ok()) return net.error();
  return load(*atlas, *index, std::move(net.value()));
}

std::optional<cv::Mat> IconClassifier::glyph_of(const cv::Mat& grey_crop) {
  if (grey_crop.empty() || grey_crop.type() != CV_8UC1 || grey_crop.rows < 6 || grey_crop.cols < 6) return std::nullopt;
  return glyph_of_crop(grey_crop);
}

std::vector<double> IconClassifier::concept_scores(const cv::Mat& feature) const {
  std::vector<double> best(concepts_.size(), 0.0);
  for (int row = 0; row < features_.rows; ++row) {
    double& b = best[concept_of_row_[row]];
    b = std::max(b, static_cast<double>(dot(features_.ptr<float>(row), feature.ptr<float>())));
  }
  return best;
}

void IconClassifier::mix_net(std::vector<double>& scores, const float* probabilities) const {
  double surest = 1e-6;
  for (size_t k = 0; k < concept_of_class_.size(); ++k)
    if (concept_of_class_[k] >= 0) surest = std::max(surest, static_cast<double>(probabilities[k]));
  for (size_t k = 0; k < concept_of_class_.size(); ++k)
    if (concept_of_class_[k] >= 0) scores[concept_of_class_[k]] *= (1 - kNetWeight) + kNetWeight * probabilities[k] / surest;
}

std::vector<IconGuess> IconClassifier::classify(const cv::Mat& crop, int max_guesses) const {
  return classify_all({crop}, max_guesses).front();
}

std::vector<std::vector<IconGuess>> IconClassifier::classify_all(const std::vector<cv::Mat>& crops, int max_guesses) const {
  // Each crop's glyph, and on a badge also what the badge holds: both are read, the surer reading wins.
  std::vector<cv::Mat> glyphs;
  std::vector<size_t> crop_of_glyph;
  for (size_t i = 0; i < crops.size(); ++i) {
    const cv::Mat& crop = crops[i];
    if (crop.empty() || crop.depth() != CV_8U || crop.rows < 6 || crop.cols < 6) continue;
    cv::Mat grey = crop;
    if (crop.channels() == 3) cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
    if (grey.channels() != 1) continue;
    auto glyph = glyph_of_crop(grey);
    if (!glyph) continue;
    glyphs.push_back(std::move(*glyph));
    crop_of_glyph.push_back(i);
    if (const auto inside = badge_interior(grey)) {
      if (auto inner = glyph_of_crop(grey(*inside))) {
        glyphs.push_back(std::move(*inner));
        crop_of_glyph.push_back(i);
      }
    }
  }
  const cv::Mat probabilities = net_ && !glyphs.empty() ? net_->probabilities(glyphs) : cv::Mat();
  std::vector<std::vector<double>> best(crops.size());
  std::vector<double> surest(crops.size(), -1.0);
  for (size_t g = 0; g < glyphs.size(); ++g) {
    std::vector<double> scores = concept_scores(features_of(glyphs[g]));
    if (net_) mix_net(scores, probabilities.ptr<float>(static_cast<int>(g)));
    const double top = *std::max_element(scores.begin(), scores.end());
    const size_t i = crop_of_glyph[g];
    if (top > surest[i]) {
      surest[i] = top;
      best[i] = std::move(scores);
    }
  }
  std::vector<std::vector<IconGuess>> all(crops.size());
  for (size_t i = 0; i < crops.size(); ++i) {
    std::vector<IconGuess>& guesses = all[i];
    for (size_t c = 0; c < best[i].size(); ++c)
      if (best[i][c] > 0) guesses.push_back({concepts_[c], std::min(1.0, best[i][c])});
    const size_t keep = std::min(guesses.size(), static_cast<size_t>(std::max(0, max_guesses)));
    std::partial_sort(guesses.begin(), guesses.begin() + keep, guesses.end(),
                      [](const IconGuess& a, const IconGuess& b) { return a.score > b.score; });
    guesses.resize(keep);
  }
  return all;
}

}  // namespace humain::local
