// Grounder: screenshot + instruction -> Prediction. The one interface every engine implements.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "humain/image.h"
#include "humain/prediction.h"
#include "humain/result.h"

namespace humain {

class Grounder {
 public:
  virtual ~Grounder() = default;
  Grounder() = default;
  Grounder(const Grounder&) = delete;
  Grounder& operator=(const Grounder&) = delete;

  // Finds the element the instruction means. A Prediction without a point means "not found";
  // an Error means the grounder could not answer (bad input, dead server, unparseable output).
  // Must be safe to call from several threads at once.
  virtual Result<Prediction> find_element(const Screenshot& screen, std::string_view instruction) = 0;

  // Short stable name used in reports and the `source` field, e.g. "ocr-baseline".
  virtual std::string name() const = 0;
};

struct Config;  // humain/config.h

// Creates the grounder registered under `name` ("local", "ocr-baseline", "vlm", ...).
// `config` may be null where the grounder needs none. Unknown names are an error listing the known ones.
Result<std::unique_ptr<Grounder>> make_grounder(const std::string& name, const Config* config);

// Names make_grounder accepts.
std::vector<std::string> grounder_names();

// The grounder used when none is named: "local" once it is registered, else "ocr-baseline".
std::string default_grounder_name();

}  // namespace humain
