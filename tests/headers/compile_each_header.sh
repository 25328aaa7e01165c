#!/usr/bin/env bash
# Each public header compiles on its own (-Wall -Wextra -Werror) with only humain's include dirs
# and the system ones, and names no OpenCV / Tesseract / curl type: a C++ consumer needs only
# humain's headers (plus nlohmann-json, which the API uses for JSON values). Headers are checked
# in parallel (one compiler per core).
# Usage: compile_each_header.sh CXX SOURCE_DIR GENERATED_INCLUDE_DIR
set -uo pipefail
cxx=$1 src=$2 gen=$3
check_one() {
  local h=$1 name
  name=humain/$(basename "$h")
  if grep -nE '#include *<(opencv2|tesseract|leptonica|curl)/|\bcv::|tesseract::|\bCURL\b|\bPix\b' "$h"; then
    echo "FAIL $name: exposes an OpenCV/Tesseract/curl name (see the lines above)"; return 1
  fi
  if ! echo "#include \"$name\"" | "$cxx" -std=c++20 -Wall -Wextra -Werror -fsyntax-only \
       -I"$src/include" -I"$gen" -x c++ -; then
    echo "FAIL $name: does not compile on its own"; return 1
  fi
  echo "ok   $name"
}
export -f check_one
export cxx src gen
ls "$src"/include/humain/*.h | xargs -P "$(nproc)" -I{} bash -c 'check_one "$1"' _ {}
