// A small LRU of encoded screenshots keyed by (screenshot hash, size, format): the encoding is made
// once per screenshot and reused by every instruction asked about it (eval rows share screenshots).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>

#include "humain/image.h"
#include "humain/image_encoding.h"
#include "humain/provider.h"

namespace humain::grounding {

class EncodedImageCache {
 public:
  explicit EncodedImageCache(std::size_t capacity) : capacity_(capacity) {}

  // The encoding of `screen` at width x height, from the cache or made now. `hit` says which.
  // Thread-safe; two threads missing at once both encode, and the second result is dropped.
  Result<std::shared_ptr<const EncodedImage>> get(const Screenshot& screen, int width, int height,
                                                  const EncodeOptions& options, bool* hit = nullptr);

  std::size_t size() const;

 private:
  struct Key {
    std::uint64_t hash;
    int width, height, source_width, source_height;
    ImageFormat format;
    int quality;
    bool operator==(const Key&) const = default;
  };
  struct Entry {
    Key key;
    std::shared_ptr<const EncodedImage> image;
  };

  std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> entries_;  // most recently used first; a handful of entries, so a list scan is fine
};

}  // namespace humain::grounding
