#!/usr/bin/env bash
# `humain serve` as an OpenAI / Ollama proxy, driven by the official `openai` and `ollama` npm
# packages, with humain-testserver processes as the local tier (Ollama wire) and the cloud tier
# (OpenAI wire). Checks: both formats streamed and not, confidential text stays local, the privacy
# battery (screens with card numbers, passwords, SSNs, IBANs, e-mail, phone) leaves 0 sensitive
# items readable in what the cloud received, and upstream faults (dead, stalled, mid-stream error)
# end in the fallback's answer or a clean client error, never a hang.
# Usage: serve_proxy.sh <humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
BIN=$(dirname "$HUMAIN")
TESTSERVER=$BIN/humain-testserver
SCREENS=$BIN/humain-secret-screens
[ -x "$TESTSERVER" ] && [ -x "$SCREENS" ] || { echo "FAIL: build humain_testserver and humain_secret_screens" >&2; exit 1; }
source "$SRC/tests/serve/e2e_common.sh"
install_clients
LOCAL_TEXT="Local tier answers: click the blue button."
CLOUD_TEXT="Cloud tier answers: click the blue button."
export HUMAIN_E2E_CLOUD_KEY=e2e-cloud-key
config() {  # config FILE CLOUD_MODE CLOUD_URL
  cat >"$1" <<Y
deployment: {mode: cloud_first, audit_log: "$TMP/audit.jsonl", breaker: {failures: 100, cooldown: 1}}
vlm:
  local: {provider: ollama, model: "local+token_delay_ms=2,text=$LOCAL_TEXT", base_url: "$UP_local", max_retries: 0}
  cloud: {provider: openai, model: "cloud+${2}token_delay_ms=2,text=$CLOUD_TEXT", base_url: "$3",
          api_key: "\${HUMAIN_E2E_CLOUD_KEY}", max_retries: 0, fallback_to_local: true, stall_timeout: 1, timeout: 5}
serve: {access_log: "$TMP/access.jsonl"}
Y
}
mkdir -p "$TMP/local_images" "$TMP/cloud_images"
start_upstream local --record-images "$TMP/local_images"
start_upstream cloud --record-images "$TMP/cloud_images"

# 1. Both wire formats, streamed and not; confidential text stays on the machine.
config "$TMP/ok.yaml" "" "$UP_cloud"
start_serve ok "$TMP/ok.yaml"
clients basic "$URL" >"$TMP/basic.json" || fail "basic clients: $(cat "$TMP/basic.json")"
python3 - "$TMP/basic.json" "$LOCAL_TEXT" "$CLOUD_TEXT" <<'PY' || fail "basic: $(cat "$TMP/basic.json")"
import json, sys
j, local, cloud = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
assert "humain" in j["models"] and "humain" in j["ollama_list"], j
for k in ("openai", "openai_stream", "ollama", "ollama_stream"):
    assert j[k]["ok"] and j[k]["text"] == cloud, (k, j[k])
for k in ("openai_stream", "ollama_stream"):
    assert j[k]["chunks"] > 3, ("not relayed chunk by chunk", k, j[k])
assert j["openai"]["finish"] == "stop" and j["ollama"]["done"], j
for k in ("confidential", "confidential_ollama"):
    assert j[k]["ok"] and j[k]["text"] == local, (k, j[k])
PY
grep -q "hunter2\|123-45-6789" "$TMP/cloud.jsonl" && fail "confidential text reached the cloud"
echo "ok  openai + ollama clients, streamed and not; confidential text answered locally"

# 2. Privacy battery: screens carrying secrets, as images through both clients.
"$SCREENS" "$SRC/data/samples" "$TMP/screens" || fail "humain-secret-screens"
before=$(requests cloud)
clients privacy "$URL" "$TMP/screens" >"$TMP/privacy.json" || fail "privacy clients: $(cat "$TMP/privacy.json")"
after=$(requests cloud)
python3 - "$TMP/privacy.json" "$LOCAL_TEXT" "$CLOUD_TEXT" <<'PY' || fail "privacy answers: $(cat "$TMP/privacy.json")"
import json, sys
rows, local, cloud = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
for r in rows:
    assert r["ok"], r
    want = cloud if r["file"] == "mail_phone.png" else local   # card/password and SSN/IBAN are confidential
    assert r["text"] == want, r
PY
# Everything the cloud received: no needle in any request body, none readable (OCR) in any image.
IMAGES=$(find "$TMP/cloud_images" -type f | wc -l)
[ "$IMAGES" -ge 2 ] || fail "the battery must exercise the cloud path (cloud got $IMAGES images, $((after - before)) requests)"
for f in "$TMP"/cloud_images/*; do "$HUMAIN" parse --image "$f" --json >>"$TMP/cloud_ocr.jsonl" || fail "parse $f"; done
python3 - "$TMP/screens/secrets.json" "$TMP/cloud.jsonl" "$TMP/cloud_ocr.jsonl" <<'PY' || fail "privacy battery"
import json, sys
secrets = json.load(open(sys.argv[1]))
bodies = open(sys.argv[2]).read()
seen = "|".join(json.loads(l)["text"] for l in open(sys.argv[3]))
squeeze = lambda s: "".join(c for c in s if c not in " -\n")
items = [i for s in secrets for i in s["items"]]
leaks = [i["needle"] for i in items if squeeze(i["needle"]) in squeeze(bodies) or squeeze(i["needle"]) in squeeze(seen)]
print(f"[privacy] {len(items)} sensitive items on {len(secrets)} screens; cloud got {bodies.count(chr(10))} requests; leaked {len(leaks)}")
assert not leaks, leaks
PY
echo "ok  privacy battery: 0 sensitive items reached the cloud tier"
curl -s "$URL/metrics" >"$TMP/metrics.txt"
grep -q '^humain_bytes_sent_off_machine_total [1-9]' "$TMP/metrics.txt" || fail "bytes sent off the machine not counted"
grep -q '^humain_redactions_total [1-9]' "$TMP/metrics.txt" || fail "redactions not counted"
stop_serve

# 3. Faults on the cloud tier (first in the plan): each ends in the local tier's answer (failure
# before the first token) or a clean error (failure after tokens were relayed), within seconds.
fault() {  # fault NAME CLOUD_MODE CLOUD_URL EXPECT(answer|error)
  config "$TMP/$1.yaml" "$2" "$3"
  start_serve "$1" "$TMP/$1.yaml"
  clients fault "$URL" >"$TMP/$1.json" || fail "$1: clients hung or crashed: $(cat "$TMP/$1.json")"
  python3 - "$TMP/$1.json" "$4" "$LOCAL_TEXT" "$CLOUD_TEXT" <<'PY' || fail "$1: $(cat "$TMP/$1.json")"
import json, sys
j, expect, local, cloud = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
for k, r in j.items():
    assert r["ms"] < 15000, ("too slow", k, r)
    if expect == "answer" or k == "openai":  # non-streamed requests always fall back
        assert r["ok"] and r["text"] == local, (k, r)
    else:
        assert not r["ok"] and r["error"], (k, r)
PY
  stop_serve
  echo "ok  fault $1: $(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(", ".join(k+("=answer" if r["ok"] else "=error")+" "+str(r["ms"])+"ms" for k,r in j.items()))' "$TMP/$1.json")"
}
fault dead "" "http://127.0.0.1:9" answer
fault stall_before_first_token "stall,after_tokens=0," "$UP_cloud" answer
fault status_500 "status=500," "$UP_cloud" answer
fault midstream_error "midstream_error,after_tokens=3," "$UP_cloud" error
fault stall_midstream "stall,after_tokens=3," "$UP_cloud" error
echo "PASS serve_proxy"
