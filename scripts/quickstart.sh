#!/usr/bin/env bash
# The README's first command: install what is missing, build, and ground one instruction on a
# bundled screenshot with the embedded local engine (no GPU, no server, no network).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
mkdir -p out
echo "+ build/humain ground --image data/samples/login.png --instruction \"Click Sign in\" --json --annotate out/login_annotated.png"
build/humain ground --image data/samples/login.png --instruction "Click Sign in" --json --annotate out/login_annotated.png
echo "annotated screenshot: out/login_annotated.png"
