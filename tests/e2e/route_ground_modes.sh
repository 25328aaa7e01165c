#!/usr/bin/env bash
# The three deployment modes end to end from YAML through `humain ground` and `humain eval`, with
# humain-testserver processes standing in for the local VLM and the cloud (which records what it
# received). Usage: route_ground_modes.sh <humain> <source-dir>
set -euo pipefail
HUMAIN=$1
SRC=$2
SERVER=$(dirname "$HUMAIN")/humain-testserver
[ -x "$SERVER" ] || { echo "FAIL: $SERVER missing (build humain_testserver)" >&2; exit 1; }
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

start_server() {  # start_server NAME -> sets URL_<NAME>
  "$SERVER" --port 0 --dataset "$SRC/data/samples/samples.json" --record "$TMP/$1.jsonl" > "$TMP/$1.port" 2>/dev/null &
  PIDS+=($!)
  for _ in $(seq 100); do [ -s "$TMP/$1.port" ] && break; sleep 0.05; done
  printf -v "URL_$1" 'http://127.0.0.1:%s' "$(head -1 "$TMP/$1.port")"
}
start_server local
start_server cloud
export HUMAIN_E2E_KEY=test
requests() { cat "$TMP/$1.jsonl" 2>/dev/null | grep -c . || true; }

cat > "$TMP/local_only.yaml" <<Y
deployment: {mode: local_only, escalate_below: 1.0, audit_log: "$TMP/audit.jsonl"}
vlm: {provider: ollama, model: m, base_url: "$URL_local"}
Y
cat > "$TMP/hybrid.yaml" <<Y
deployment: {mode: hybrid, escalate_below: 1.0, audit_log: "$TMP/audit.jsonl"}
vlm:
  local: {provider: ollama, model: m, base_url: "$URL_local"}
  cloud: {provider: openai, model: c, base_url: "$URL_cloud", api_key: "\${HUMAIN_E2E_KEY}", fallback_to_local: true}
Y
cat > "$TMP/cloud_first.yaml" <<Y
deployment: {mode: cloud_first, audit_log: "$TMP/audit.jsonl"}
vlm:
  provider: openai
  model: c
  base_url: "$URL_cloud"
  api_key: "\${HUMAIN_E2E_KEY}"
  fallback: {provider: ollama, model: m, base_url: "$URL_local"}
caching: {enabled: true}
Y

IMG=$SRC/data/samples/dashboard.png
# The target: the data set's first row on this screen (the test server answers its ground truth).
read -r INSTR BOX < <(python3 -c 'import json,sys
r=[r for r in json.load(open(sys.argv[1])) if r["img_filename"]=="dashboard.png"][0]
print(json.dumps(r["instruction"]).replace(" ","\\u0020"), ",".join(str(v) for v in r["bbox"]))' "$SRC/data/samples/samples.json")
INSTR=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]))' "$INSTR")
ground() {  # ground CONFIG INSTRUCTION -> JSON on stdout
  "$HUMAIN" ground --config "$1" --image "$IMG" --instruction "$2" --json
}
inside() {  # inside JSON: point inside the target's box
  python3 -c 'import json,sys; j=json.loads(sys.argv[1]); b=[float(v) for v in sys.argv[2].split(",")]
p=j["point"]; sys.exit(0 if p and b[0]<=p[0]<=b[2] and b[1]<=p[1]<=b[3] else 1)' "$1" "$BOX"
}
source_of() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])["source"])' "$1"; }

out=$(ground "$TMP/local_only.yaml" "$INSTR") || fail "local_only ground"
inside "$out" || fail "local_only point: $out"
case $(source_of "$out") in local-engine*|local-vlm*) ;; *) fail "local_only source: $out";; esac
[ "$(requests cloud)" = 0 ] || fail "local_only reached the cloud"
echo "ok  local_only: $(source_of "$out")"

out=$(ground "$TMP/hybrid.yaml" "precise: $INSTR") || fail "hybrid ground"
inside "$out" || fail "hybrid point: $out"
case $(source_of "$out") in cloud-vlm*) ;; *) fail "hybrid complex source: $out";; esac
[ "$(requests cloud)" = 1 ] || fail "hybrid complex: cloud requests $(requests cloud)"
out=$(ground "$TMP/hybrid.yaml" "type the password, then $INSTR") || fail "hybrid confidential ground"
case $(source_of "$out") in cloud-vlm*) fail "confidential task went to the cloud: $out";; esac
[ "$(requests cloud)" = 1 ] || fail "hybrid confidential reached the cloud"
echo "ok  hybrid: complex -> cloud, confidential -> $(source_of "$out")"

out=$(ground "$TMP/cloud_first.yaml" "$INSTR") || fail "cloud_first ground"
inside "$out" || fail "cloud_first point: $out"
case $(source_of "$out") in cloud-vlm*) ;; *) fail "cloud_first source: $out";; esac
echo "ok  cloud_first: $(source_of "$out")"

# Kill the cloud: cloud_first falls back to the local VLM, and says so in the source.
kill "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true
out=$(ground "$TMP/cloud_first.yaml" "$INSTR") || fail "cloud_first fallback"
case $(source_of "$out") in local-vlm*|local-engine*) ;; *) fail "fallback source: $out";; esac
inside "$out" || fail "fallback point: $out"
echo "ok  cloud_first with the cloud killed: $(source_of "$out")"

# eval through the router (no --grounder: a config with VLM tiers routes).
"$HUMAIN" eval --dataset "$SRC/data/samples/samples.json" --images "$SRC/data/samples" --out "$TMP/eval" \
  --config "$TMP/local_only.yaml" --limit 6 > /dev/null || fail "eval"
python3 - "$TMP/eval/report.json" <<'PY' || fail "eval report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["n"] == 6 and r["errors"] == 0, r
assert r["click_accuracy"] >= 0.99, r["click_accuracy"]
assert r["grounder"] == "hybrid", r["grounder"]
PY
echo "ok  eval via hybrid: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["click_accuracy"])' "$TMP/eval/report.json")"

# The audit log has one line per request, and the cloud sends carry hash, bytes and redactions.
python3 - "$TMP/audit.jsonl" <<'PY' || fail "audit log"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) >= 10, len(rows)
sent = [s for r in rows for s in r.get("sent", [])]
assert sent and all({"image_hash", "bytes", "redactions"} <= set(s) for s in sent), sent
assert all("password" not in r.get("task", "") for r in rows), "confidential task text copied into the audit log"
PY
echo "route_ground_modes: all passed"
