#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang + ASan + UBSan into build-fuzz/ (or $BUILD_DIR)
# and runs each for a short, fixed time from its committed seed corpus (CTest label fuzz).
# FUZZ_SECONDS sets the time per target (default 10). docs/FUZZING.md has the longer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
dir=${BUILD_DIR:-build-fuzz}
CC=${CC:-clang-14} CXX=${CXX:-clang++-14} BUILD_DIR=$dir ./scripts/build.sh -DHUMAIN_SANITIZE=ON -DHUMAIN_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=Debug -DHUMAIN_FUZZ_SECONDS="${FUZZ_SECONDS:-10}" >/dev/null
targets=$(cd fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
# Only the fuzz targets (and the library they link): the unit tests run in the gcc sanitizer build.
# shellcheck disable=SC2086
cmake --build "$dir" -j"$(nproc)" --target $targets
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" -L fuzz
