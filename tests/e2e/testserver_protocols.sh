#!/usr/bin/env bash
# humain-testserver as a binary: --port 0 prints the port first, the three protocols answer with the
# data set's ground truth, fault modes behave, and --record writes what arrived.
# Usage: bash testserver_protocols.sh <path-to-humain> <source-dir>
set -euo pipefail
HUMAIN=$1
SERVER="$(dirname "$HUMAIN")/humain-testserver"
[ -x "$SERVER" ] || { echo "no $SERVER"; exit 1; }
command -v curl >/dev/null || { echo "curl is needed"; exit 1; }
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

cat > "$tmp/dataset.json" <<'JSON'
[{"id":"r1","img_filename":"a.png","instruction":"open the File menu","bbox":[10,10,60,30],"img_size":[1920,1080]}]
JSON
"$SERVER" --port 0 --dataset "$tmp/dataset.json" --record "$tmp/requests.jsonl" --family qwen2.5-vl >"$tmp/port" 2>"$tmp/log" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/port")
[[ "$port" =~ ^[0-9]+$ ]] || { echo "no port on stdout's first line"; cat "$tmp/log"; exit 1; }
base="http://127.0.0.1:$port"
fail() { echo "FAIL: $*"; exit 1; }

# Ollama NDJSON: lines end with a done:true object carrying nanosecond durations.
out=$(curl -sS --max-time 10 "$base/api/chat" -d '{"model":"m","messages":[{"role":"user","content":"Locate: open the File menu"}]}')
tail -1 <<<"$out" | grep -q '"done":true' || fail "ollama stream has no done:true: $out"
tail -1 <<<"$out" | grep -q '"eval_duration"' || fail "ollama final object has no durations"

# OpenAI SSE ends with [DONE]; usage chunk when asked.
out=$(curl -sS --max-time 10 "$base/v1/chat/completions" -d '{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"open the File menu"}]}')
grep -q '^data: \[DONE\]' <<<"$out" || fail "openai stream has no [DONE]"
grep -q '"usage"' <<<"$out" || fail "openai stream has no usage chunk"

# Anthropic needs anthropic-version; SSE ends with message_stop.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base/v1/messages" -d '{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}')
[ "$code" = 400 ] || fail "anthropic without anthropic-version gave $code"
out=$(curl -sS --max-time 10 "$base/v1/messages" -H 'anthropic-version: 2023-06-01' -d '{"model":"m","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"hi"}]}')
grep -q '^event: message_stop' <<<"$out" || fail "anthropic stream has no message_stop"

# 429 with Retry-After; 529 for Anthropic.
hdrs=$(curl -s -D - -o /dev/null --max-time 10 "$base/v1/chat/completions" -H 'X-Test-Mode: status=429,retry_after=2' -d '{"model":"m","messages":[]}')
grep -q '^HTTP/1.1 429' <<<"$hdrs" || fail "no 429"
grep -qi '^Retry-After: 2' <<<"$hdrs" || fail "no Retry-After"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base/v1/messages" -H 'anthropic-version: 2023-06-01' -H 'X-Test-Mode: status=529' -d '{"model":"m","messages":[]}')
[ "$code" = 529 ] || fail "expected 529, got $code"

# Dead mode: no answer within the client's deadline (and the server stays responsive).
if curl -s --max-time 1 "$base/api/chat" -H 'X-Test-Mode: dead' -d '{"model":"m","messages":[]}' >/dev/null; then fail "dead mode answered"; fi
curl -sf --max-time 5 "$base/api/version" >/dev/null || fail "server unresponsive after a dead request"

# The record has one line per chat request, with headers and the matched row.
n=$(wc -l <"$tmp/requests.jsonl")
[ "$n" -ge 7 ] || fail "expected >= 7 recorded requests, got $n"
grep -q '"matched_id":"r1"' "$tmp/requests.jsonl" || fail "no request matched row r1"
echo "testserver_protocols: ok ($n requests recorded)"
