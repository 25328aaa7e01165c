#!/usr/bin/env bash
# Each public header compiles on its own (-Wall -Wextra -Werror) with only humain's include dirs
# and the system ones, and names no OpenCV / Tesseract / curl type: a C++ consumer needs only
# humain's headers (plus nlohmann-json, which the API uses for JSON values).
# Usage: compile_each_header.sh CXX SOURCE_DIR GENERATED_INCLUDE_DIR
set -uo pipefail
cxx=$1 src=$2 gen=$3
status=0
for h in "$src"/include/humain/*.h; do
  name=humain/$(basename "$h")
  if grep -nE '#include *<(opencv2|tesseract|leptonica|curl)/|\bcv::|tesseract::|\bCURL\b|\bPix\b' "$h"; then
    echo "FAIL $name: exposes an OpenCV/Tesseract/curl name (see the lines above)"; status=1; continue
  fi
  if ! echo "#include \"$name\"" | "$cxx" -std=c++20 -Wall -Wextra -Werror -fsyntax-only \
       -I"$src/include" -I"$gen" -x c++ -; then
    echo "FAIL $name: does not compile on its own"; status=1; continue
  fi
  echo "ok   $name"
done
exit $status
