#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, then the whole CTest suite (unit, end-to-end,
# the accuracy gate and the micro-benchmarks in short mode). Set SANITIZE=1 for an ASan+UBSan build
# (clang-14 when installed; it adds the fuzz targets, label fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if [ "${SANITIZE:-0}" = 1 ]; then
  # issue 11: clang-14 (at the first configure), so this one build also holds the libFuzzer targets;
  # their short runs and the replay of fuzz/regressions are CTest tests labelled fuzz (docs/FUZZING.md).
  if [ -z "${CXX:-}" ] && command -v clang++-14 >/dev/null; then export CC=clang-14 CXX=clang++-14; fi
  BUILD_DIR=${BUILD_DIR:-build-asan} ./scripts/build.sh -DHUMAIN_SANITIZE=ON -DHUMAIN_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
    -DHUMAIN_FUZZ_SECONDS="${FUZZ_SECONDS:-10}"
  dir=${BUILD_DIR:-build-asan}
else
  ./scripts/build.sh
  dir=${BUILD_DIR:-build}
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" ${CTEST_ARGS:-}
