#!/usr/bin/env bash
# Re-captures every split from scratch and rebuilds data/samples, data/dev, data/val and data/mobile.
# Needs install-capture-deps.sh first. Takes a few minutes (each desktop app gets its own Xvfb).
# Usage: tools/capture/capture_all.sh [WORK_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${1:-$(mktemp -d /tmp/humain-capture.XXXXXX)}"
mkdir -p "$work"
node "$here/web/capture.js" --manifest "$here/web/manifests/samples.json" --out "$work/samples" --max-rows 9
node "$here/web/capture.js" --manifest "$here/web/manifests/dev.json" --out "$work/web_dev" --max-rows 10
node "$here/web/capture.js" --manifest "$here/web/manifests/val.json" --out "$work/web_val" --max-rows 9
node "$here/web/capture.js" --manifest "$here/web/manifests/mobile.json" --out "$work/web_mobile" --max-rows 9 --icon-share 0.33
/usr/bin/python3 "$here/desktop/capture.py" --manifest "$here/desktop/manifests/dev.json" --out "$work/desk_dev"
/usr/bin/python3 "$here/desktop/capture.py" --manifest "$here/desktop/manifests/val.json" --out "$work/desk_val"
rm -rf "$repo/data/samples" "$repo/data/dev" "$repo/data/val" "$repo/data/mobile"
python3 "$here/build_split.py" --out "$repo/data/samples" --json-name samples.json --images-subdir "" --prefix sample "$work/samples"
python3 "$here/build_split.py" --out "$repo/data/dev" --prefix dev "$work/web_dev" "$work/desk_dev"
python3 "$here/build_split.py" --out "$repo/data/val" --prefix val "$work/web_val" "$work/desk_val"
python3 "$here/build_split.py" --out "$repo/data/mobile" --prefix mobile "$work/web_mobile"
python3 "$here/stats.py" "$repo/data/dev/dataset.json" "$repo/data/val/dataset.json" "$repo/data/mobile/dataset.json"
