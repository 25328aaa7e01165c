#include "grounding/vlm/encoded_image_cache.h"

namespace humain::grounding {

Result<std::shared_ptr<const EncodedImage>> EncodedImageCache::get(const Screenshot& screen, int width, int height,
                                                                   const EncodeOptions& options, bool* hit) {
  const Key key{screen.hash, width, height, screen.width(), screen.height(), options.format,
                options.format == ImageFormat::kJpeg ? options.jpeg_quality : options.png_compression};
  if (hit) *hit = false;
  if (capacity_ > 0) {
    std::lock_guard lock(mu_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->key == key) {
        entries_.splice(entries_.begin(), entries_, it);
        if (hit) *hit = true;
        return entries_.front().image;
      }
    }
  }
  // Encode outside the lock: it takes milliseconds and other threads may want other screens.
  auto encoded = encode_image(screen, width, height, options);
  if (!encoded.ok()) return encoded.error();
  auto image = std::make_shared<const EncodedImage>(std::move(encoded.value()));
  if (capacity_ > 0) {
    std::lock_guard lock(mu_);
    for (const auto& e : entries_) {
      if (e.key == key) return e.image;  // another thread got there first
    }
    entries_.push_front(Entry{key, image});
    while (entries_.size() > capacity_) entries_.pop_back();
  }
  return image;
}

std::size_t EncodedImageCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace humain::grounding
