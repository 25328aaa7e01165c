#!/usr/bin/env bash
# Soak for `humain serve` (not in CI): DURATION seconds of mixed traffic on loopback (grounding
# by screen_id, cold screens cycling through data/dev so parses are evicted and rebuilt, bad
# requests, /metrics), sampling the server's RSS and open file descriptors every 10 s.
# Usage: tests/serve/soak.sh <humain> <source-dir> [DURATION=600] [OUT=soak.tsv]
set -uo pipefail
HUMAIN=$1
SRC=$2
DURATION=${3:-600}
OUT=${4:-soak.tsv}
TMP=$(mktemp -d)
printf 'serve: {access_log: "", max_screens: 16}\n' >"$TMP/c.yaml"
"$HUMAIN" serve --config "$TMP/c.yaml" --listen 127.0.0.1:0 >"$TMP/out" 2>"$TMP/err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 400); do grep -q "listening on" "$TMP/out" 2>/dev/null && break; sleep 0.05; done
URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$TMP/out")
python3 - "$URL" "$SRC/data/dev/images" "$DURATION" "$PID" "$OUT" <<'PY'
import base64, glob, json, os, sys, time, urllib.error, urllib.request
url, images, duration, pid, out = sys.argv[1], sorted(glob.glob(sys.argv[2] + "/*.png")), float(sys.argv[3]), sys.argv[4], sys.argv[5]
def post(path, body):
    req = urllib.request.Request(url + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r: return r.status, json.load(r)
    except urllib.error.HTTPError as e: return e.code, None
def sample():
    rss = int([l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")][0].split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd"))
t0, last, n, errors, k, sid = time.time(), 0, 0, 0, 0, None
with open(out, "w") as f:
    f.write("t_s\trss_kb\tfds\trequests\tunexpected\n")
    while time.time() - t0 < duration:
        if sid is None or n % 200 == 0:   # a cold screen every ~200 requests
            s, j = post("/v1/screens", {"image": base64.b64encode(open(images[k % len(images)], "rb").read()).decode()})
            k += 1
            sid = j["screen_id"] if s == 200 else None
        s, _ = post("/v1/ground", {"screen_id": sid, "instruction": "click Settings"})
        errors += s not in (200, 404)
        s, _ = post("/v1/ground", {"instruction": 5})
        errors += s != 400
        n += 2
        if n % 100 == 0: urllib.request.urlopen(url + "/metrics").read()
        if time.time() - last >= 10:
            last = time.time()
            rss, fds = sample()
            f.write(f"{last - t0:.0f}\t{rss}\t{fds}\t{n}\t{errors}\n"); f.flush()
        time.sleep(0.01)
print(open(out).read().splitlines()[1], "...", open(out).read().splitlines()[-1])
PY
