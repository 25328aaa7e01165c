#!/usr/bin/env bash
# `humain serve`'s GET /metrics: Prometheus text format with names starting humain_, counting the
# requests just made. Checked by `promtool check metrics` (Debian package prometheus, in
# install-deps), and also by the prometheus_client parser (python3-prometheus-client).
# Usage: serve_metrics.sh <humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
command -v curl >/dev/null || { echo "SKIP: curl not installed"; exit 77; }
TMP=$(mktemp -d)
cleanup() { [ -n "${PID:-}" ] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"$HUMAIN" serve --listen 127.0.0.1:0 >"$TMP/out" 2>"$TMP/err" &
PID=$!
for _ in $(seq 200); do grep -q "listening on" "$TMP/out" 2>/dev/null && break; sleep 0.05; done
URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$TMP/out" | head -1)
[ -n "$URL" ] || fail "serve did not start: $(cat "$TMP/err")"
curl -s -o /dev/null "$URL/healthz"
curl -s -o /dev/null -F "image=@$SRC/data/samples/login.png" -F "instruction=Click Sign in" "$URL/v1/ground"
curl -s -o /dev/null -F "image=@$SRC/data/samples/login.png" -F "instruction=Click Sign in" "$URL/v1/ground"
curl -s -o /dev/null "$URL/v1/nothing"
curl -s "$URL/metrics" >"$TMP/metrics.txt" || fail "GET /metrics"
grep -v '^#' "$TMP/metrics.txt" | grep -v '^humain_' | grep -q . && fail "a metric not named humain_*: $(grep -v '^#' "$TMP/metrics.txt" | grep -v '^humain_' | head -3)"
grep -q 'humain_requests_total{endpoint="/v1/ground",tier="local-engine",status="200"} 2' "$TMP/metrics.txt" || fail "ground requests not counted: $(grep requests_total "$TMP/metrics.txt")"
grep -q 'humain_requests_total{endpoint="other",tier="none",status="404"} 1' "$TMP/metrics.txt" || fail "404 not counted"
grep -q 'humain_request_duration_seconds_bucket{endpoint="/v1/ground",le="+Inf"} 2' "$TMP/metrics.txt" || fail "no latency histogram"
grep -q '^humain_screen_parses_total 1$' "$TMP/metrics.txt" || fail "the second ground should reuse the parse: $(grep parses "$TMP/metrics.txt")"
grep -q '^humain_breaker_open{tier="cloud-vlm"} 0' "$TMP/metrics.txt" || fail "no breaker state"
checked=0
if command -v promtool >/dev/null; then
  promtool check metrics <"$TMP/metrics.txt" || fail "promtool check metrics rejected /metrics"
  echo "ok  promtool check metrics"
  checked=1
else
  echo "note: promtool (Debian: prometheus) not installed; the prometheus_client parser alone checks the format"
fi
if python3 -c "import prometheus_client" 2>/dev/null; then
  python3 - "$TMP/metrics.txt" <<'PY' || fail "prometheus_client could not parse /metrics"
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = list(text_string_to_metric_families(open(sys.argv[1]).read()))
assert all(f.name.startswith("humain_") for f in fams), [f.name for f in fams]
print(f"ok  prometheus_client parsed {len(fams)} metric families")
PY
  checked=1
fi
kill -TERM "$PID"; wait "$PID" || fail "exit code after SIGTERM"
PID=
[ "$checked" = 1 ] || { echo "SKIP: neither promtool (Debian: prometheus) nor python3-prometheus-client installed; format not validated"; exit 77; }
echo "PASS serve_metrics"
