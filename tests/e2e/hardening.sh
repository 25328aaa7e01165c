#!/usr/bin/env bash
# Issue 11: the defects a hostile sweep found, each checked through the CLI the way it was found.
# Usage: hardening.sh <path-to-humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# expect_exit CODE NEEDLE CMD...: runs CMD, checks its exit code and that stderr mentions NEEDLE.
expect_exit() {
  local want=$1 needle=$2; shift 2
  "$@" >"$W/out" 2>"$W/err"
  local got=$?
  [ "$got" = "$want" ] || { cat "$W/err"; fail "$* exited $got, want $want"; }
  [ -z "$needle" ] || grep -qF -- "$needle" "$W/err" || { cat "$W/err"; fail "$*: stderr lacks '$needle'"; }
}
cp "$SRC/data/samples/login.png" "$W/login.png"
row() { printf '[{"img_filename": "%s", "bbox": %s, "instruction": "Sign in", "img_size": [1440, 900]}]' "$1" "$2"; }

# 3. 1e309 in a data set: a clear error (exit 2), not SIGABRT, in eval and in bench react.
row login.png '[1e309, 1, 2, 2]' >"$W/big.json"
expect_exit 2 "not valid JSON" "$HUMAIN" eval --dataset "$W/big.json" --images "$W" --out "$W/o3" --grounder ocr-baseline --quiet
printf 'vlm:\n  provider: ollama\n  model: m\n  base_url: http://127.0.0.1:1\n' >"$W/ollama.yaml"
expect_exit 2 "not valid JSON" "$HUMAIN" bench react --config "$W/ollama.yaml" --dataset "$W/big.json" --images "$W" --iterations 1

# 4. Path traversal: absolute and ../ image paths are refused by default and never read; with
#    --allow-image-paths a path is accepted only when it resolves inside --images.
mkdir -p "$W/imgs/sub" "$W/outside"
cp "$W/login.png" "$W/imgs/sub/login.png"
cp "$W/login.png" "$W/outside/secret.png"
printf '[{"img_filename": "%s", "bbox": [1,1,5,5], "instruction": "Sign in", "img_size": [1440,900]},
  {"img_filename": "../outside/secret.png", "bbox": [1,1,5,5], "instruction": "Sign in", "img_size": [1440,900]},
  {"img_filename": "sub/../sub/login.png", "bbox": [1,1,5,5], "instruction": "Sign in", "img_size": [1440,900]}]' \
  "$W/outside/secret.png" >"$W/trav.json"
"$HUMAIN" eval --dataset "$W/trav.json" --images "$W/imgs" --out "$W/o4" --grounder ocr-baseline --quiet >/dev/null 2>&1
python3 - "$W/o4/report.json" <<'PY' || fail "path traversal rows were not refused"
import json, sys
r = json.load(open(sys.argv[1]))
msgs = [e["error"] for e in r["error_samples"]]
assert r["errors"] == 3, r["errors"]
assert sum("is absolute; refused" in m for m in msgs) == 1, msgs
assert sum('has a ".." part; refused' in m for m in msgs) == 2, msgs
PY
"$HUMAIN" eval --dataset "$W/trav.json" --images "$W/imgs" --out "$W/o4b" --grounder ocr-baseline --quiet --allow-image-paths >/dev/null 2>&1
python3 - "$W/o4b/report.json" <<'PY' || fail "--allow-image-paths did not confine paths to --images"
import json, sys
r = json.load(open(sys.argv[1]))
msgs = [e["error"] for e in r["error_samples"]]
assert r["errors"] == 2, msgs  # the absolute path and ../outside stay refused; sub/../sub/login.png is read
assert all("lies outside the images folder" in m for m in msgs), msgs
PY

# Real benchmark files: a box at y = -1 is clamped with a warning in report.json; --strict refuses.
row login.png '[600, -1, 840, 40]' >"$W/neg.json"
expect_exit 0 "clamped to the image" "$HUMAIN" eval --dataset "$W/neg.json" --images "$W" --out "$W/oc" --grounder ocr-baseline --quiet
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["warnings"] == 1, r["warnings"]' "$W/oc/report.json" \
  || fail "report.json does not count the warning"
expect_exit 2 "--strict" "$HUMAIN" eval --dataset "$W/neg.json" --images "$W" --out "$W/oc2" --grounder ocr-baseline --quiet --strict

# 8. Usage errors (exit 2) instead of silently wrong behaviour.
row login.png '[600, 300, 840, 340]' >"$W/ok.json"
expect_exit 2 "" "$HUMAIN" eval --dataset "$W/ok.json" --images "$W" --out "$W/o8" --min-accuracy nan
expect_exit 2 "" "$HUMAIN" eval --dataset "$W/ok.json" --images "$W" --out "$W/o8" --limit -1
expect_exit 2 "" "$HUMAIN" models recommend --vram -5
expect_exit 2 "" "$HUMAIN" models recommend --vram nan
expect_exit 2 "implausibly large" "$HUMAIN" models vram --params 1000000B
# eval checks --out before the run, not after it.
touch "$W/afile"
expect_exit 2 "output folder" "$HUMAIN" eval --dataset "$W/ok.json" --images "$W" --out "$W/afile/sub" --grounder ocr-baseline --quiet
# Output write errors are failures.
if [ -w /dev/full ]; then
  "$HUMAIN" models list >/dev/full 2>"$W/err"
  [ $? -ne 0 ] || fail "writing to /dev/full exited 0"
  grep -q "cannot write the output" "$W/err" || { cat "$W/err"; fail "no message for a failed write"; }
fi

# 1. An instruction over the local engine's cap is a clear error, at once.
long=$(python3 -c 'print("Click Sign in " * 400)')
expect_exit 1 "the local engine takes at most" "$HUMAIN" ground --image "$W/login.png" --instruction "$long" --grounder local

# 5. bench latency on a dead endpoint respects the config's timeout and says what it waits for.
printf 'vlm:\n  provider: vllm\n  model: m\n  base_url: http://127.0.0.1:9\n  timeout: 3\n' >"$W/dead.yaml"
start=$(date +%s)
expect_exit 2 "not ready within 3 s" "$HUMAIN" bench latency --config "$W/dead.yaml" --runs 1
grep -q "waiting for" "$W/err" || { cat "$W/err"; fail "no progress while waiting"; }
[ $(( $(date +%s) - start )) -lt 30 ] || fail "bench latency took more than 30 s on a 3 s timeout"

# 9. A family typo fails when the config is loaded (route never calls the model).
printf 'vlm:\n  provider: ollama\n  model: m\n  family: qwen25-vl\n' >"$W/typo.yaml"
expect_exit 1 "unknown model family" "$HUMAIN" route --config "$W/typo.yaml" --task "Click Sign in"
printf 'vlm:\n  provider: olama\n  model: m\n' >"$W/typo2.yaml"
expect_exit 1 "unknown provider" "$HUMAIN" route --config "$W/typo2.yaml" --task "Click Sign in"

# 9. GGUF strings reach the terminal without their ESC sequences.
python3 - "$W/evil.gguf" <<'PY'
import struct, sys
def s(t):
    b = t.encode()
    return struct.pack("<Q", len(b)) + b
g = b"GGUF" + struct.pack("<IQQ", 3, 0, 2)
g += s("general.architecture") + struct.pack("<I", 8) + s("llama")
g += s("general.name") + struct.pack("<I", 8) + s("evil\x1b]0;owned\x07\x1b[2Jname")
open(sys.argv[1], "wb").write(g + b"\0" * ((32 - len(g) % 32) % 32))
PY
"$HUMAIN" models inspect "$W/evil.gguf" >"$W/inspect.txt" 2>&1 || { cat "$W/inspect.txt"; fail "models inspect failed"; }
if grep -q $'\x1b' "$W/inspect.txt"; then fail "an ESC byte from the GGUF file reached the terminal"; fi
grep -qF 'evil\x1b]0;owned' "$W/inspect.txt" || { cat "$W/inspect.txt"; fail "the name is not shown escaped"; }

echo "PASS hardening"
