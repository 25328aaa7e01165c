#!/usr/bin/env bash
# `humain serve` end to end with curl: health, screens + screen_id grounding, base64 and multipart
# grounding, parse, route, JSON errors and limits (400/404/413/429), API keys on a non-loopback
# bind, the access log (one JSON line per request, no secret, no image), graceful SIGTERM.
# Usage: serve_api.sh <humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
command -v curl >/dev/null || { echo "SKIP: curl not installed"; exit 77; }
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$TMP"/*.err; do echo "--- $f"; tail -5 "$f"; done >&2; exit 1; }

start_serve() {  # start_serve NAME CONFIG [LISTEN] -> sets URL, PID
  "$HUMAIN" serve --config "$2" --listen "${3:-127.0.0.1:0}" >"$TMP/$1.out" 2>"$TMP/$1.err" &
  PID=$!
  PIDS+=($PID)
  for _ in $(seq 200); do grep -q "listening on" "$TMP/$1.out" 2>/dev/null && break; sleep 0.05; done
  URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$TMP/$1.out" | head -1)
  [ -n "$URL" ] || fail "$1: serve did not start: $(cat "$TMP/$1.err")"
}
# call METHOD PATH [curl args...] -> body in $TMP/body, status in $CODE
call() {
  local m=$1 p=$2
  shift 2
  CODE=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -X "$m" "$URL$p" "$@") || CODE=000
}
jq_py() { python3 -c "import json,sys; j=json.load(open('$TMP/body')); $1"; }
is_error() {  # is_error STATUS: the contract's {"error": {"message", "type"}}
  [ "$CODE" = "$1" ] || fail "expected HTTP $1, got $CODE: $(cat "$TMP/body")"
  jq_py 'e=j["error"]; assert isinstance(e["message"], str) and e["message"] and isinstance(e["type"], str)' \
    || fail "HTTP $1 without a JSON error body: $(cat "$TMP/body")"
}

LOGIN=$SRC/data/samples/login.png
B64=$(base64 -w0 "$LOGIN")
cat >"$TMP/serve.yaml" <<Y
serve: {access_log: "$TMP/access.jsonl", max_body_bytes: 1000000, max_pixels: 2000000, max_instruction_chars: 200,
        max_concurrent: 1, max_queue: 0}
Y
start_serve main "$TMP/serve.yaml"

call GET /healthz; [ "$CODE" = 200 ] || fail "healthz $CODE"
call GET /readyz; [ "$CODE" = 200 ] || fail "readyz $CODE: $(cat "$TMP/body")"
printf '{"image":"%s"}' "$B64" >"$TMP/screen.json"
call POST /v1/screens -H 'Content-Type: application/json' --data-binary @"$TMP/screen.json"
[ "$CODE" = 200 ] || fail "screens $CODE: $(cat "$TMP/body")"
SID=$(jq_py 'assert j["width"]==1280 and j["height"]==800, j; print(j["screen_id"])') || fail "screens body $(cat "$TMP/body")"

# The sign-in button of login.png (the quickstart's answer) by base64, by screen_id and by upload.
inside_sign_in() { jq_py 'p=j["point"]; assert p and 449<=p[0]<=831 and 410<=p[1]<=451, j; assert set(j)>={"point","bbox","confidence","source","latency_ms"}'; }
printf '{"image":"data:image/png;base64,%s","instruction":"Click Sign in"}' "$B64" >"$TMP/ground.json"
call POST /v1/ground -H 'Content-Type: application/json' --data-binary @"$TMP/ground.json"
[ "$CODE" = 200 ] || fail "ground base64 $CODE: $(cat "$TMP/body")"
inside_sign_in || fail "ground base64 answer $(cat "$TMP/body")"
call POST /v1/ground -H 'Content-Type: application/json' -d "{\"screen_id\":\"$SID\",\"instruction\":\"Click Sign in\"}"
[ "$CODE" = 200 ] || fail "ground screen_id $CODE: $(cat "$TMP/body")"
inside_sign_in || fail "ground screen_id answer $(cat "$TMP/body")"
jq_py 'assert j["latency_ms"] < 50, j["latency_ms"]' || fail "a parsed screen should ground fast: $(cat "$TMP/body")"
call POST /v1/ground -F "image=@$LOGIN" -F "instruction=Click Sign in"
[ "$CODE" = 200 ] || fail "ground multipart $CODE: $(cat "$TMP/body")"
inside_sign_in || fail "ground multipart answer $(cat "$TMP/body")"
call POST /v1/ground -H 'Content-Type: application/json' -d "{\"screen_id\":\"$SID\",\"instruction\":\"Click Sign in\",\"grounder\":\"ocr-baseline\"}"
[ "$CODE" = 200 ] || fail "ground grounder=ocr-baseline $CODE: $(cat "$TMP/body")"
jq_py 'assert j["source"].startswith("ocr-baseline"), j' || fail "grounder not honoured: $(cat "$TMP/body")"
echo "ok  ground: base64, screen_id, multipart, grounder"

call POST /v1/parse -H 'Content-Type: application/json' -d "{\"screen_id\":\"$SID\"}"
[ "$CODE" = 200 ] || fail "parse $CODE"
jq_py 'assert any("Sign in" in e["text"] for e in j["elements"]), j' || fail "parse lacks Sign in"
call POST /v1/route -H 'Content-Type: application/json' -d "{\"task\":\"type the password\",\"screen_id\":\"$SID\"}"
[ "$CODE" = 200 ] || fail "route $CODE"
jq_py 'assert j["tier"]=="local-engine" and j["sensitivity"]=="confidential" and isinstance(j["reasons"],list) and isinstance(j["redactions"],list), j' \
  || fail "route body $(cat "$TMP/body")"
echo "ok  parse, route"

# Errors: JSON bodies with the right status.
call POST /v1/ground -H 'Content-Type: application/json' -d '{"instruction": '; is_error 400
call POST /v1/ground -H 'Content-Type: application/json' -d '{"screen_id":"00000000deadbeef","instruction":"x"}'; is_error 404
call POST /v1/ground -H 'Content-Type: application/json' -d "{\"screen_id\":\"$SID\",\"instruction\":\"$(printf 'a%.0s' $(seq 300))\"}"; is_error 400
call POST /v1/ground -H 'Content-Type: application/json' -d '{"image":"bm90IGFuIGltYWdl","instruction":"x"}'; is_error 400
call POST /v1/ground -H 'Content-Type: application/json' -d "{\"screen_id\":\"$SID\",\"instruction\":\"x\",\"sensitivity\":\"secret\"}"; is_error 400
call GET /v1/nothing; is_error 404
head -c 1500000 /dev/zero | tr '\0' 'A' >"$TMP/big.txt"
call POST /v1/ground -H 'Content-Type: application/json' --data-binary @"$TMP/big.txt"; is_error 413
# 2000x1200 = 2.4 MP > max_pixels 2 MP (a PNG of one colour is small on the wire).
python3 - "$TMP/wide.png" <<'PY'
import struct, sys, zlib
w, h = 2000, 1200
raw = b"".join(b"\x00" + b"\xff" * (3 * w) for _ in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
PY
call POST /v1/ground -F "image=@$TMP/wide.png" -F "instruction=x"; is_error 413
echo "ok  errors: 400 bad JSON/long instruction/bad image/bad sensitivity, 404 screen_id/route, 413 body/pixels"

# 429: one work slot, no queue; cold screens keep it busy (each parse is new OCR work).
for i in 1 2 3 4; do
  curl -s -o /dev/null -D "$TMP/h429.$i" -w '%{http_code}\n' -F "image=@$SRC/data/samples/settings.png" -F "instruction=open item $i" "$URL/v1/parse" >>"$TMP/codes" &
done
wait $(jobs -p | grep -v "^$PID$") 2>/dev/null
sleep 0.2
grep -q 429 "$TMP/codes" || fail "4 concurrent requests on 1 slot without queue: no 429 ($(tr '\n' ' ' <"$TMP/codes"))"
grep -qi "^retry-after:" "$TMP"/h429.* || fail "429 without Retry-After"
grep -q 200 "$TMP/codes" || fail "no request got through: $(tr '\n' ' ' <"$TMP/codes")"
echo "ok  429 with Retry-After when the queue is full ($(sort "$TMP/codes" | uniq -c | tr -s ' \n' ' '))"

# Graceful SIGTERM: a request in flight (cold parse of a new screen) completes, then exit 0.
curl -s -o "$TMP/inflight" -w '%{http_code}' -F "image=@$SRC/data/samples/dashboard.png" "$URL/v1/parse" >"$TMP/inflight.code" &
CURL=$!
sleep 0.15
kill -TERM "$PID"
wait "$CURL"
wait "$PID"; rc=$?
[ "$rc" = 0 ] || fail "serve exit code after SIGTERM: $rc"
[ "$(cat "$TMP/inflight.code")" = 200 ] || fail "in-flight request during SIGTERM: $(cat "$TMP/inflight.code")"
curl -s -m 2 "$URL/healthz" >/dev/null && fail "still accepting after SIGTERM"
echo "ok  SIGTERM: in-flight request finished, exit 0"

# Access log: one JSON line per request with id, endpoint, status, ms; no image bytes.
python3 - "$TMP/access.jsonl" <<'PY' || fail "access log"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) >= 15, len(lines)
for l in lines:
    assert {"id", "endpoint", "status", "ms"} <= set(l), l
    assert len(json.dumps(l)) < 600, l
assert any(l["endpoint"] == "/v1/ground" and l.get("tier") == "local-engine" for l in lines)
PY
grep -q "iVBORw0KGgo" "$TMP/access.jsonl" && fail "image bytes in the access log"
echo "ok  access log: $(wc -l <"$TMP/access.jsonl") JSON lines"

# Non-loopback binds need API keys; keys are checked and never logged.
"$HUMAIN" serve --config "$TMP/serve.yaml" --listen 0.0.0.0:0 >"$TMP/open.out" 2>"$TMP/open.err" && fail "0.0.0.0 without api_keys started"
grep -q "api_keys" "$TMP/open.err" || fail "no hint at api_keys: $(cat "$TMP/open.err")"
export HUMAIN_E2E_SERVE_KEY=e2e-key-0123456789abcdef
cat >"$TMP/keys.yaml" <<Y
serve: {access_log: "$TMP/keys.jsonl", api_keys: ["\${HUMAIN_E2E_SERVE_KEY}"]}
Y
start_serve keys "$TMP/keys.yaml" 0.0.0.0:0
URL=${URL/0.0.0.0/127.0.0.1}
call GET /healthz; [ "$CODE" = 200 ] || fail "healthz needs no key: $CODE"
call POST /v1/route -d '{"task":"click OK"}'; is_error 401
call POST /v1/route -H "Authorization: Bearer wrong-key-0123456789" -d '{"task":"click OK"}'; is_error 401
call POST /v1/route -H "Authorization: Bearer $HUMAIN_E2E_SERVE_KEY" -d '{"task":"click OK"}'
[ "$CODE" = 200 ] || fail "valid key refused: $CODE $(cat "$TMP/body")"
kill -TERM "$PID"; wait "$PID"
grep -q "$HUMAIN_E2E_SERVE_KEY\|wrong-key" "$TMP/keys.jsonl" "$TMP/keys.err" "$TMP/keys.out" && fail "a key reached a log"
echo "ok  api keys: 401 without/wrong key, 200 with it, not logged"
echo "PASS serve_api"
