#!/usr/bin/env bash
# The fuzz runs alone: the sanitizer build (clang-14 + ASan + UBSan, with the libFuzzer targets in
# fuzz/; the same build as SANITIZE=1 ./scripts/test.sh) into build-asan (or $BUILD_DIR), then the
# CTest label fuzz: FUZZ_SECONDS (default 10) per target from its seed corpus, one target at a time,
# and the replay of fuzz/regressions. docs/FUZZING.md has longer campaigns.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
dir=${BUILD_DIR:-build-asan}
if [ -z "${CXX:-}" ]; then export CC=clang-14 CXX=clang++-14; fi
BUILD_DIR=$dir ./scripts/build.sh -DHUMAIN_SANITIZE=ON -DHUMAIN_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
  -DHUMAIN_FUZZ_SECONDS="${FUZZ_SECONDS:-10}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -L fuzz
