#!/usr/bin/env bash
# `humain serve` caches chat answers per policy: a repeated question (same API key, same policy
# decision, same text and sampling settings) is answered from memory, streamed or not and in
# either wire format, without a second upstream request; another API key, `Cache-Control:
# no-cache`, a sampled request (temperature > 0) or another sensitivity goes upstream again.
# Clients: the official openai and ollama npm packages, and curl. Upstream: humain-testserver.
# Usage: serve_chat_cache.sh <humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
source "$SRC/tests/serve/e2e_common.sh"
install_clients
start_upstream local
TEXT="Local tier answers: open Settings, then Network."
KEY_A=e2e-key-aaaaaaaaaaaaaaaa
KEY_B=e2e-key-bbbbbbbbbbbbbbbb
cat >"$TMP/serve.yaml" <<Y
deployment: {mode: local_only}
vlm:
  local: {provider: ollama, model: "local+token_delay_ms=2,text=$TEXT", base_url: "$UP_local", max_retries: 0}
caching: {enabled: true, max_size: 50, ttl: 300}
serve: {api_keys: ["$KEY_A", "$KEY_B"], access_log: "$TMP/access.jsonl"}
Y
start_serve serve "$TMP/serve.yaml"
expect_upstream() { [ "$(requests local)" = "$1" ] || fail "$2: upstream requests $(requests local), expected $1"; }

# 1. The official clients, key A: one upstream request; the repeat, the streamed replay and the
#    Ollama-format ask of the same question come from the cache with the same text.
HUMAIN_SERVE_KEY=$KEY_A clients cache "$URL" >"$TMP/cache.json" || fail "clients: $(cat "$TMP/cache.json")"
python3 - "$TMP/cache.json" "$TEXT" <<'PY' || fail "clients: $(cat "$TMP/cache.json")"
import json, sys
j, text = json.load(open(sys.argv[1])), sys.argv[2]
for k in ("first", "again", "stream", "ollama"):
    assert j[k]["ok"] and j[k]["text"] == text, (k, j[k])
assert j["stream"]["finish"] == "stop", j["stream"]
PY
expect_upstream 1 "openai x3 + ollama, one question, key A"
echo "ok  one upstream request for 4 asks (openai plain x2, openai streamed, ollama); answers identical"

ask() {  # ask KEY BODY [EXTRA-CURL-ARGS...] -> prints X-Humain-Cache
  local key=$1 body=$2; shift 2
  curl -s -D "$TMP/h" -o "$TMP/b" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@" \
    "$URL/v1/chat/completions" -d "$body" || fail "curl"
  grep -q "$TEXT" "$TMP/b" || fail "no answer: $(cat "$TMP/b")"
  sed -n 's/^X-Humain-Cache: \([a-z]*\).*/\1/ip' "$TMP/h" | tr -d '\r'
}
Q='{"model":"humain","messages":[{"role":"user","content":"Plan the next step: open the network settings."}]}'
# 2. Another key never gets key A's answer (no probing what someone else asked); then it has its own.
[ "$(ask $KEY_B "$Q")" = miss ] || fail "key B was served key A's cached answer"
[ "$(ask $KEY_B "$Q")" = hit ] || fail "key B's repeat missed"
expect_upstream 2 "key B"
# 3. Cache-Control: no-cache goes upstream; so does a sampled request (temperature 0.7), every time.
[ "$(ask $KEY_A "$Q" -H 'Cache-Control: no-cache')" = miss ] || fail "no-cache was served from the cache"
S='{"model":"humain","temperature":0.7,"messages":[{"role":"user","content":"Plan the next step: open the network settings."}]}'
ask $KEY_A "$S" >/dev/null; ask $KEY_A "$S" >/dev/null
expect_upstream 5 "no-cache + 2 sampled"
# 4. The policy is part of the key: stated confidential is another decision (cached on its own).
[ "$(ask $KEY_A "$Q" -H 'X-Humain-Sensitivity: confidential')" = miss ] || fail "a confidential request reused a non-confidential answer"
[ "$(ask $KEY_A "$Q" -H 'X-Humain-Sensitivity: confidential')" = hit ] || fail "confidential repeat missed"
expect_upstream 6 "confidential"
echo "ok  per key, per policy; no-cache and temperature > 0 bypass the cache"

curl -s -H "Authorization: Bearer $KEY_A" "$URL/metrics" >"$TMP/metrics.txt"
grep -q '^humain_chat_cache_hits_total 5$' "$TMP/metrics.txt" || fail "hits: $(grep chat_cache "$TMP/metrics.txt")"
grep -q '^humain_chat_cache_misses_total 3$' "$TMP/metrics.txt" || fail "misses: $(grep chat_cache "$TMP/metrics.txt")"
[ "$(grep -c '"note":"cache hit"' "$TMP/access.jsonl")" = 5 ] || fail "access log: $(grep -c 'cache hit' "$TMP/access.jsonl") cache hits"
stop_serve
echo "PASS serve_chat_cache"
