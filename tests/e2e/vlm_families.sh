#!/usr/bin/env bash
# `humain eval --grounder vlm` through humain-testserver, which answers with the ground truth
# written in each model family's own format (render_answer). Every family on the OpenAI-compatible
# (vLLM) protocol, a representative set on Ollama and Anthropic. The accuracy must equal the ground
# truth's own (its box centres lie in their boxes: 100%); any loss is a coordinate bug between
# smart_resize / scaling, the prompt and the parser.
set -euo pipefail
humain=$1
src=$2
server=$(dirname "$humain")/humain-testserver
[ -x "$server" ] || { echo "FAIL: $server not built (cmake --build <dir> --target humain_testserver)"; exit 1; }
dataset=$src/data/dev/dataset.json
images=$src/data/dev/images
if [ ! -f "$dataset" ]; then dataset=$src/data/samples/samples.json; images=$src/data/samples; fi
limit=${VLM_E2E_LIMIT:-10}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$server" --port 0 --dataset "$dataset" --record "$work/requests.jsonl" >"$work/port" 2>"$work/server.log" &
pids+=($!)
port=""
for _ in $(seq 100); do
  port=$(head -n1 "$work/port" 2>/dev/null || true)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: test server did not start"; cat "$work/server.log"; exit 1; }

# The ground truth's own click accuracy over the rows eval will read.
gt_accuracy=$(python3 - "$dataset" "$limit" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))[: int(sys.argv[2])]
def box(r):
    b = r["bbox"]
    return b if "img_size" in r else [b[0], b[1], b[0] + b[2], b[1] + b[3]]
hits = sum(1 for r in rows for x1, y1, x2, y2 in [box(r)] if x1 <= (x1 + x2) / 2 <= x2 and y1 <= (y1 + y2) / 2 <= y2)
print(hits / len(rows))
EOF
)

export HUMAIN_E2E_KEY=test-key-not-secret
failures=0
run() {  # provider family [extra yaml]
  local provider=$1 family=$2 out=$work/out-$1-$2 cfg=$work/$1-$2.yaml
  # location: local keeps even the Anthropic protocol on the local tier: the server is on this machine.
  cat >"$cfg" <<EOF
vlm:
  provider: $provider
  model: $family
  family: $family
  base_url: http://127.0.0.1:$port${3:-}
  location: local
EOF
  if [ "$provider" = anthropic ] || [ "$provider" = openai-responses ]; then echo "  api_key_env: HUMAIN_E2E_KEY" >>"$cfg"; fi
  if ! "$humain" eval --dataset "$dataset" --images "$images" --out "$out" --grounder vlm --config "$cfg" \
       --limit "$limit" --threads 2 --quiet >"$out.log" 2>&1; then
    echo "FAIL $provider/$family: eval exited non-zero"; sed -n 1,20p "$out.log"; failures=$((failures + 1)); return
  fi
  python3 - "$out/report.json" "$out/predictions.jsonl" "$gt_accuracy" "$provider/$family" <<'EOF' || failures=$((failures + 1))
import json, sys
r = json.load(open(sys.argv[1]))
want = float(sys.argv[3])
errors = [json.loads(l) for l in open(sys.argv[2]) if json.loads(l).get("error")]
ok = r["n"] > 0 and abs(r["click_accuracy"] - want) < 1e-9 and r["errors"] == 0
print(f"{'ok  ' if ok else 'FAIL'} {sys.argv[4]:<36} n={r['n']} click_accuracy={r['click_accuracy']:.3f} (ground truth {want:.3f}) errors={r['errors']}")
for e in errors[:3]: print("     ", e["id"], e["error"][:200])
sys.exit(0 if ok else 1)
EOF
}

# Every family over the OpenAI-compatible protocol (vLLM preset); base_url pasted with /v1 as users do.
# Versioned families by bare name (today's model) and by each version's own name.
for family in qwen2-vl qwen2.5-vl qwen3-vl ui-tars ui-tars-1.0 ui-tars-1.5 ui-tars-doubao showui seeclick \
              os-atlas uground gta1 holo holo1.5 holo2 holo3 infigui-g1 opencua ui-venus ui-venus-1.0 ui-venus-1.5 \
              gemini claude-computer-use claude-computer-use-20251124-hires claude-computer-use-20250124 generic; do
  run vllm "$family" /v1
done
# Ollama's native /api/chat with the families people run there.
for family in qwen2.5-vl qwen3-vl ui-tars-1.5 gta1 showui; do run ollama "$family"; done
# Anthropic /v1/messages: both computer-use tool versions (each needs its anthropic-beta header), text answers.
for family in claude-computer-use claude-computer-use-20250124 generic ui-tars; do run anthropic "$family"; done
# OpenAI Responses API /v1/responses: the GA computer tool (actions[]), the preview tool (action), text.
for family in openai-computer-use openai-computer-use-preview qwen2.5-vl showui; do run openai-responses "$family"; done

# The requests really carried each family's image size, recomputed here independently in Python
# (qwen-vl-utils' smart_resize with each family's bounds; Anthropic's and OpenAI's size limits).
python3 - "$work/requests.jsonl" "$dataset" <<'EOF' || failures=$((failures + 1))
import json, math, sys
rows = {r.get("id"): r for r in json.load(open(sys.argv[2]))}
def smart(h, w, f, lo, hi):
    hb, wb = max(f, round(h / f) * f), max(f, round(w / f) * f)
    if hb * wb > hi:
        b = math.sqrt(h * w / hi); hb, wb = max(f, math.floor(h / b / f) * f), max(f, math.floor(w / b / f) * f)
    elif hb * wb < lo:
        b = math.sqrt(lo / (h * w)); hb, wb = math.ceil(h * b / f) * f, math.ceil(w * b / f) * f
    return wb, hb
def fit(w, h, edge, pixels):
    s = min(1.0, edge / max(w, h), math.sqrt(pixels / (w * h)))
    return (w, h) if s >= 1 else (math.floor(w * s + 1e-6), math.floor(h * s + 1e-6))
claude = lambda w, h: fit(w, h, 1568, 1092 * 1092)
want = {"qwen2.5-vl": lambda w, h: smart(h, w, 28, 4 * 784, 16384 * 784),
        "qwen3-vl": lambda w, h: smart(h, w, 32, 4 * 1024, 16384 * 1024),
        "ui-tars-1.5": lambda w, h: smart(h, w, 28, 100 * 784, 16384 * 784),
        "showui": lambda w, h: smart(h, w, 28, 256 * 784, 1344 * 784),
        "claude-computer-use": claude,
        "claude-computer-use-20250124": claude,
        "claude-computer-use-20251124-hires": lambda w, h: fit(w, h, 2576, 4784 * 750),
        "openai-computer-use": lambda w, h: fit(w, h, 2048, 2048 * 2048),
        "ui-tars": lambda w, h: smart(h, w, 28, 100 * 784, 16384 * 784),
        "holo1.5": lambda w, h: smart(h, w, 28, 4 * 784, 2560 * 1440),
        "holo": lambda w, h: smart(h, w, 32, 4 * 1024, 16384 * 1024),
        "gta1": lambda w, h: smart(h, w, 28, 4 * 784, 4096 * 2160),
        "opencua": lambda w, h: smart(h, w, 28, 3136, 12845056),
        "ui-venus-1.0": lambda w, h: smart(h, w, 28, 2000000, 4800000),
        "seeclick": lambda w, h: (w, h)}
checked, bad = 0, []
for l in open(sys.argv[1]):
    r = json.loads(l)
    f, row = r.get("family"), rows.get(r.get("matched_id"))
    if f not in want or not row or not r.get("images"): continue
    w, h = row["img_size"]
    got = (r["images"][0]["width"], r["images"][0]["height"])
    checked += 1
    if got != want[f](w, h): bad.append((f, (w, h), got, want[f](w, h)))
ok = checked > 0 and not bad
print(("ok  " if ok else "FAIL") + f" sent image sizes match the Python formulas ({checked} requests checked)")
for b in bad[:5]: print("     ", b)
sys.exit(0 if ok else 1)
EOF

[ "$failures" -eq 0 ] || { echo "FAIL: $failures runs lost accuracy or errored"; exit 1; }
echo "PASS: every provider x family run reached the ground truth's own accuracy"
