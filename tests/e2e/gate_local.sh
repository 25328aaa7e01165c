#!/usr/bin/env bash
# Accuracy gate for the local engine: `humain eval --grounder local` on the committed dev set must
# stay at or above the floor (set a little under the measured accuracy, see docs/LOCAL_ENGINE.md).
# Usage: bash gate_local.sh <path-to-humain> <source-dir>
set -euo pipefail
humain=$1
src=$2
floor=${HUMAIN_LOCAL_GATE_MIN:-0.50}
dataset=$src/data/dev/dataset.json
images=$src/data/dev/images
if [ ! -f "$dataset" ]; then
  echo "gate_local: $dataset missing (the dev set is committed with the repo)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$humain" eval --grounder local --dataset "$dataset" --images "$images" --out "$out" --threads 1 \
  --min-accuracy "$floor"
python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"gate_local: n={r['n']} click_accuracy={r['click_accuracy']:.3f} errors={r['errors']}")
PY
