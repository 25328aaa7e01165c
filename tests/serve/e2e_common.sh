# Shared by tests/e2e/serve_*.sh (sourced after HUMAIN and SRC are set): a temp dir, cleanup of
# the processes started, failure reports, the official npm clients, humain-testserver upstreams
# and `humain serve` instances on free loopback ports.
command -v curl >/dev/null || { echo "SKIP: curl not installed"; exit 77; }
[ -x "$(dirname "$HUMAIN")/humain-testserver" ] || { echo "FAIL: build humain_testserver" >&2; exit 1; }
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$TMP"/*.err; do [ -s "$f" ] && { echo "--- $f"; tail -5 "$f"; }; done >&2; exit 1; }

# The openai and ollama npm packages: npm ci into a copy (the source tree stays clean), offline
# cache first; skips (77) when there is no registry. -> CLIENTS
install_clients() {
  command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node/npm not installed"; exit 77; }
  CLIENTS=$TMP/clients
  mkdir -p "$CLIENTS"
  cp "$SRC/tests/serve/package.json" "$SRC/tests/serve/package-lock.json" "$SRC/tests/serve/clients.mjs" "$CLIENTS/"
  (cd "$CLIENTS" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >"$TMP/npm.log" 2>&1) \
    || { echo "SKIP: npm ci failed (no registry?): $(tail -3 "$TMP/npm.log")"; exit 77; }
}
clients() { timeout 60 node "$CLIENTS/clients.mjs" "$@"; }

# start_upstream NAME [TESTSERVER-ARGS...] -> UP_<NAME>; requests it received: $TMP/NAME.jsonl
start_upstream() {
  local name=$1
  shift
  "$(dirname "$HUMAIN")/humain-testserver" --port 0 --record "$TMP/$name.jsonl" "$@" >"$TMP/$name.port" 2>"$TMP/$name.err" &
  PIDS+=($!)
  for _ in $(seq 100); do [ -s "$TMP/$name.port" ] && break; sleep 0.05; done
  printf -v "UP_$name" 'http://127.0.0.1:%s' "$(head -1 "$TMP/$name.port")"
}
requests() { grep -c . "$TMP/$1.jsonl" 2>/dev/null || echo 0; }

start_serve() {  # start_serve NAME CONFIG -> URL, SERVE_PID
  "$HUMAIN" serve --config "$2" --listen 127.0.0.1:0 >"$TMP/$1.out" 2>"$TMP/$1.err" &
  SERVE_PID=$!
  PIDS+=($SERVE_PID)
  for _ in $(seq 200); do grep -q "listening on" "$TMP/$1.out" 2>/dev/null && break; sleep 0.05; done
  URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$TMP/$1.out" | head -1)
  [ -n "$URL" ] || fail "$1: serve did not start: $(cat "$TMP/$1.err")"
}
stop_serve() { kill -TERM "$SERVE_PID"; wait "$SERVE_PID" || fail "serve exit code $? after SIGTERM"; }
