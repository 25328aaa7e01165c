#!/usr/bin/env bash
# `humain serve` stops reading from the upstream when the client of a proxied stream goes away:
# curl gives up (--max-time) on a slow stream, once in the middle of the stream and once while
# the upstream has not sent its first token yet; humain-testserver (the upstream) notes when its
# client (serve) closed the connection (GET /_abandoned), which must be within a bound of curl
# leaving, long before the upstream would have finished.
# Usage: serve_disconnect.sh <humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
source "$SRC/tests/serve/e2e_common.sh"
start_upstream up
UP=$UP_up
LONG=$(printf 'step %02d of the plan. ' $(seq 40))   # 800 bytes = 200 tokens of 4 bytes

run_case() {  # run_case NAME MODE CLIENT_SECONDS BOUND_MS
  cat >"$TMP/$1.yaml" <<Y
deployment: {mode: local_only}
vlm:
  local: {provider: ollama, model: "local+$2,text=$LONG", base_url: "$UP", max_retries: 0, timeout: 60, stall_timeout: 30}
serve: {access_log: "$TMP/$1.access.jsonl"}
Y
  start_serve "$1" "$TMP/$1.yaml"
  curl -s "$UP/_abandoned" >"$TMP/before.json"
  curl -sN --max-time "$3" -o "$TMP/$1.body" -H 'Content-Type: application/json' "$URL/v1/chat/completions" \
    -d '{"model":"humain","stream":true,"messages":[{"role":"user","content":"Plan the login."}]}'
  [ $? = 28 ] || fail "$1: curl should have timed out (the stream takes 10+ s): $(head -c 300 "$TMP/$1.body")"
  # The upstream must see its connection closed within BOUND_MS of the request (client left at
  # CLIENT_SECONDS); without cancellation serve reads the whole 10+ s answer.
  for _ in $(seq 60); do
    curl -s "$UP/_abandoned" >"$TMP/after.json"
    [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/after.json")" -gt \
      "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/before.json")" ] && break
    sleep 0.1
  done
  python3 - "$TMP/after.json" "$4" "$1" "$TMP/before.json" <<'PY' || fail "$1: upstream not closed in time: $(cat "$TMP/after.json")"
import json, sys
after, bound, name, before = json.load(open(sys.argv[1])), float(sys.argv[2]), sys.argv[3], json.load(open(sys.argv[4]))
assert len(after) == len(before) + 1, "the upstream never saw its stream abandoned"
last = after[-1]
print(f"[{name}] upstream saw serve close the stream {last['ms']:.0f} ms after the request ({last['tokens_sent']} tokens sent); bound {bound:.0f} ms")
assert last["ms"] < bound, last
PY
  curl -s "$URL/metrics" >"$TMP/$1.metrics"
  grep -q '^humain_chat_streams_abandoned_total 1$' "$TMP/$1.metrics" || fail "$1: abandoned stream not counted: $(grep abandoned "$TMP/$1.metrics")"
  stop_serve
  grep -q '"note":"client went away"' "$TMP/$1.access.jsonl" || fail "$1: access log has no 'client went away'"
}
# In the middle: tokens every 50 ms (a 10 s answer), curl leaves after 1.5 s.
run_case midstream "token_delay_ms=50" 1.5 3000
# Before the first token: the upstream thinks for 12 s, curl leaves after 1 s.
run_case before_first_token "first_token_ms=12000,token_delay_ms=50" 1 2500
echo "PASS serve_disconnect"
