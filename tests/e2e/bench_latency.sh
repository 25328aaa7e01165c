#!/usr/bin/env bash
# `humain bench latency` against humain-testserver with known delays: 300 ms to the first token,
# 20 ms per further token. TPOT and ITL must match within 3 ms; TTFT and E2E, which also carry
# the request's own handling (measured with zero delays and subtracted), within 30-40 ms; the sweep
# must show concurrency paying off, and /health's loading time must show up as the load time.
set -euo pipefail
humain=$1
src=$2
server=$(dirname "$humain")/humain-testserver
[ -x "$server" ] || { echo "FAIL: $server not built (cmake --build <dir> --target humain_testserver)"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# Starts the test server with the given extra args; sets $port.
start_server() {
  local out=$work/server.$RANDOM
  "$server" --port 0 --dataset "$src/data/samples/samples.json" "$@" >"$out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do
    port=$(head -n1 "$out" 2>/dev/null || true)
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "FAIL: test server did not start"; exit 1
}

# The request itself (a 1.3 MB JSON body with the screenshot, decoded by the server) costs a
# fixed time that depends on the machine: measure it with zero delays and subtract it.
vllm_config() {
  cat >"$1" <<EOF
vlm:
  provider: vllm
  model: qwen2.5-vl-test
  family: qwen2.5-vl
  base_url: "http://127.0.0.1:$port"
EOF
}
start_server --mode first_token_ms=0,token_delay_ms=0
vllm_config "$work/zero.yaml"
"$humain" bench latency --config "$work/zero.yaml" --runs 6 --no-load \
  --image "$src/data/samples/login.png" --instruction "click the Password field" --json "$work/zero.json" >/dev/null

start_server --mode first_token_ms=300,token_delay_ms=20
vllm_config "$work/vllm.yaml"
"$humain" bench latency --config "$work/vllm.yaml" --runs 6 --concurrency 2 --slo-ms 3000 \
  --image "$src/data/samples/login.png" --instruction "click the Password field" --json "$work/lat.json"

python3 - "$work/lat.json" "$work/zero.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
overhead = json.load(open(sys.argv[2]))["median_ttft_ms"]
print(f"request handling overhead (zero delays): {overhead:.1f} ms")
def near(name, value, want, tol):
    ok = abs(value - want) <= tol
    print(f"{'ok  ' if ok else 'FAIL'} {name} = {value:.1f} (want {want:.1f} +- {tol})")
    return ok
good = True
for k in ["mean_ttft_ms", "median_ttft_ms", "p90_ttft_ms", "p99_ttft_ms", "mean_e2el_ms", "median_e2el_ms", "p99_e2el_ms", "completed", "failed"]:
    if k not in r: print("FAIL missing", k); good = False
good &= r["completed"] == 6 and r["failed"] == 0
tokens = r["total_output_tokens"] / r["completed"]
good &= tokens > 3
good &= near("median_ttft_ms - overhead", r["median_ttft_ms"] - overhead, 300, 30)
good &= r["median_ttft_ms"] >= 300  # never faster than the configured delay
good &= near("mean_tpot_ms", r["mean_tpot_ms"], 20, 3)
good &= near("median_itl_ms", r["median_itl_ms"], 20, 3)
good &= near("median_e2el_ms - overhead", r["median_e2el_ms"] - overhead, 300 + 20 * (tokens - 1), 40)
two = r["sweep"][1]
good &= two["max_concurrency"] == 2 and two["completed"] == 6
# Two in flight against a server that sleeps per request: about twice the requests per second.
speedup = two["request_throughput"] / r["request_throughput"]
print(f"{'ok  ' if speedup > 1.3 else 'FAIL'} concurrency 2 throughput x{speedup:.2f}")
good &= speedup > 1.3
good &= abs(r["request_goodput"] - r["request_throughput"]) < 1e-9  # all within the 3 s SLO
sys.exit(0 if good else 1)
EOF

# llama-server: /health is 503 for 1.5 s after start; the load time is the wait until ready.
start_server --mode first_token_ms=50,token_delay_ms=5 --loading-ms 1500
cat >"$work/llama.yaml" <<EOF
vlm:
  provider: llama-server
  model: qwen2.5-vl-test
  family: qwen2.5-vl
  base_url: "http://127.0.0.1:$port"
EOF
"$humain" bench latency --config "$work/llama.yaml" --runs 2 --image "$src/data/samples/login.png" --json "$work/load.json" >/dev/null
python3 - "$work/load.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
load = r["load_ms"]
ok = load is not None and 500 <= load <= 1600  # start-up of the CLI itself eats into the 1.5 s
print(f"{'ok  ' if ok else 'FAIL'} llama-server load_ms = {load} (want ~1500 minus start-up)")
sys.exit(0 if ok else 1)
EOF

# A dead endpoint is a clear error, not a hang.
cat >"$work/dead.yaml" <<EOF
vlm:
  provider: vllm
  model: m
  family: qwen2.5-vl
  base_url: "http://127.0.0.1:9"
EOF
if "$humain" bench latency --config "$work/dead.yaml" --runs 1 --no-load --image "$src/data/samples/login.png" 2>"$work/err"; then
  echo "FAIL: a dead server was benchmarked"; exit 1
fi
grep -q "warm-up request failed" "$work/err" || { echo "FAIL: unclear error:"; cat "$work/err"; exit 1; }
echo "bench latency e2e: ok"
