#!/usr/bin/env bash
# Set-of-marks grounding end to end through humain-testserver, which reads the mark list in the
# prompt and answers the id of the mark a perfect chooser picks (tools/testserver/mark_answer.h):
#   local: `--grounder vlm`, Ollama protocol, family set-of-marks: accuracy == `marks recall`
#   cloud: `--grounder hybrid`, cloud_first, Anthropic protocol, claude-computer-use sizing with
#          grounding: set-of-marks; answers as a tool call; accuracy within 2 rows of the recall
#   crops: `--grounder hybrid`, OpenAI protocol, send: crops (cascade, top 4): the cloud received
#          only crops (each image smaller than its screen; their sizes are the audited crop
#          windows'), never a whole screenshot; the answer in "Mark N" prose parses; and an answer
#          naming no mark is an error. (The pixel-exact crop check is tests/routing/marks_crops_test.cpp.)
set -euo pipefail
humain=$1
src=$2
server=$(dirname "$humain")/humain-testserver
[ -x "$server" ] || { echo "FAIL: $server not built"; exit 1; }
dataset=$src/data/dev/dataset.json
images=$src/data/dev/images
limit=${MARKS_E2E_LIMIT:-24}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

start_server() {  # name extra-args... ; sets $started_port (not in a subshell: cleanup needs the pid)
  local name=$1
  shift
  "$server" --port 0 --dataset "$dataset" "$@" >"$work/$name.port" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do
    [ -s "$work/$name.port" ] && break
    sleep 0.05
  done
  [ -s "$work/$name.port" ] || { echo "FAIL: test server $name did not start"; cat "$work/$name.log"; exit 1; }
  started_port=$(head -n1 "$work/$name.port")
}
start_server main --record "$work/requests.jsonl"
port=$started_port
mkdir -p "$work/crops_images"
start_server crops --record "$work/crops.jsonl" --record-images "$work/crops_images"
crops_port=$started_port
export HUMAIN_E2E_KEY=test-key-not-secret

field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# Paths that resize (Claude's size) or fall back to the engine (cascade) may differ by a row or two.
within_two_rows() { python3 -c "import sys; sys.exit(0 if abs(float('$1') - float('$2')) * $limit <= 2 else 1)"; }

# The ceiling: oracle recall of all marks, and of the top 4 with the engine's pick first.
"$humain" marks recall --dataset "$dataset" --images "$images" --limit "$limit" --json "$work/recall.json" >/dev/null
"$humain" marks recall --dataset "$dataset" --images "$images" --limit "$limit" --top-k 4 --json "$work/recall4.json" >/dev/null
recall=$(field "$work/recall.json" recall)
recall4=$(field "$work/recall4.json" recall)
echo "oracle recall: all marks $recall, top 4 $recall4 (first $limit rows of data/dev)"

eval_with() {  # name grounder yaml
  local name=$1 grounder=$2
  printf '%s\n' "$3" >"$work/$name.yaml"
  if ! "$humain" eval --dataset "$dataset" --images "$images" --out "$work/$name" --grounder "$grounder" \
       --config "$work/$name.yaml" --limit "$limit" --threads 2 --quiet >"$work/$name.out" 2>&1; then
    fail "$name: eval exited non-zero"; sed -n 1,20p "$work/$name.out"; return 1
  fi
  python3 "$src/../shared/tools/check_eval_outputs.py" "$work/$name" "$dataset" >/dev/null 2>&1 || [ ! -f "$src/../shared/tools/check_eval_outputs.py" ] \
    || fail "$name: outputs break the eval contract"
  field "$work/$name/report.json" click_accuracy
}

# 1. Local tier, family set-of-marks: every answer is the oracle's, so accuracy == recall exactly.
acc=$(eval_with local vlm "vlm:
  provider: ollama
  model: som-local
  family: set-of-marks
  base_url: http://127.0.0.1:$port") || true
echo "local (ollama, family set-of-marks): accuracy $acc"
python3 -c "import sys; sys.exit(0 if abs(float('$acc') - float('$recall')) < 1e-9 else 1)" \
  || fail "local: accuracy $acc != oracle recall $recall"

# 2. Cloud tier through the router: Claude's image size (marks drawn on the 1456x819 image), the
#    answer as a select_mark tool call.
acc=$(eval_with cloud hybrid "deployment:
  mode: cloud_first
vlm:
  cloud:
    provider: anthropic
    model: claude-sonnet+marks=tool
    family: claude-computer-use
    grounding: set-of-marks
    base_url: http://127.0.0.1:$port
    api_key_env: HUMAIN_E2E_KEY") || true
echo "cloud (anthropic, claude-computer-use + grounding: set-of-marks): accuracy $acc"
within_two_rows "$acc" "$recall" || fail "cloud: accuracy $acc not within 2 rows of recall $recall"
python3 - "$work/requests.jsonl" <<'PY' || fail "cloud: a request was not a set-of-marks request at Claude's size"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cloud = [r for r in rows if r["protocol"] == "anthropic"]
assert cloud, "no anthropic request"
for r in cloud:
    img = r["images"]
    assert len(img) == 1 and max(img[0]["width"], img[0]["height"]) <= 1568, img
PY

# 3. Crops only: hybrid cascade (escalate_below 1: the engine is always unsure), top 4 crops.
acc=$(eval_with crops hybrid "deployment:
  mode: hybrid
  escalate_below: 1.0
  audit_log: $work/audit.jsonl
vlm:
  cloud:
    provider: openai
    model: gpt-4o+marks=prose
    family: generic
    send: crops
    marks_top_k: 4
    base_url: http://127.0.0.1:$crops_port
    api_key_env: HUMAIN_E2E_KEY") || true
echo "crops (openai, send: crops, top 4): accuracy $acc"
within_two_rows "$acc" "$recall4" || fail "crops: accuracy $acc not within 2 rows of top-4 recall $recall4"
python3 - "$work/crops.jsonl" "$work/audit.jsonl" "$dataset" <<'PY' || fail "crops: something other than crops left"
import json, sys
requests = [json.loads(l) for l in open(sys.argv[1])]
audits = [json.loads(l) for l in open(sys.argv[2])]
rows = {r["id"]: r for r in json.load(open(sys.argv[3]))}
sent = [s for a in audits for s in a.get("sent", [])]
assert requests and len(requests) == len(sent), (len(requests), len(sent))
# Requests and audit lines interleave differently with two threads: compare the sizes as multisets.
for s in sent:
    assert s["grounding"] == "set-of-marks" and s["image_hash"] is None and s["images"] == len(s["crops"]) <= 4, s
received = sorted((i["width"], i["height"]) for r in requests for i in r["images"])
windows = sorted((c[2] - c[0], c[3] - c[1]) for s in sent for c in s["crops"])
assert received == windows, "received images are not the audited crop windows"
for r in requests:
    w, h = rows[r["matched_id"]]["img_size"]
    assert 1 <= len(r["images"]) <= 4, r["images"]
    for i in r["images"]:
        assert i["width"] * i["height"] < w * h / 4, "a whole screen left"
print(f"crops: {len(requests)} requests, {sum(len(r['images']) for r in requests)} crops, no full screenshot")
PY

# 4. An answer that names no mark is an error, never a guess.
cat >"$work/bad.yaml" <<EOF
vlm:
  provider: ollama
  model: "som+text=I would click the blue button"
  family: set-of-marks
  base_url: http://127.0.0.1:$port
EOF
if "$humain" ground --image "$src/data/samples/login.png" --instruction "Click Sign in" --grounder vlm \
     --config "$work/bad.yaml" --json >"$work/bad.out" 2>&1; then
  fail "an unparseable answer was accepted: $(cat "$work/bad.out")"
elif ! grep -q "unparseable set-of-marks answer" "$work/bad.out"; then
  fail "unclear error for an unparseable answer: $(cat "$work/bad.out")"
fi

[ "$failures" -eq 0 ] || exit 1
echo "PASS set_of_marks"
