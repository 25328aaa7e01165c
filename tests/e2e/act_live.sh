#!/usr/bin/env bash
# humain act and bench live on a real desktop: Xvfb + D-Bus + AT-SPI + galculator, all started here
# and killed on exit (even on failure). Skips (77) when Xvfb or the desktop layer is absent.
# Usage: act_live.sh <humain binary> <source dir>
set -uo pipefail
H=$1
SRC=$2
for exe in Xvfb dbus-daemon galculator /usr/libexec/at-spi-bus-launcher; do
  command -v "$exe" >/dev/null || { echo "SKIP: $exe not installed (scripts/install-deps.sh installs it)"; exit 77; }
done
"$H" act --help >/dev/null 2>&1 || { echo "SKIP: humain built without act"; exit 77; }
out=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  sleep 0.3
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$out"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. No display: a clear error and exit 3, nothing else happens.
env -u DISPLAY "$H" act --instruction "click 7" 2>"$out/err"; rc=$?
[ $rc -eq 3 ] || fail "no display: exit $rc, want 3"
grep -q "DISPLAY" "$out/err" || fail "no display: message does not name \$DISPLAY: $(cat "$out/err")"

# 2. A private desktop: Xvfb on a free display, a session bus, the AT-SPI bus, galculator.
n=97; while [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done
Xvfb :$n -screen 0 1024x768x24 -nolisten tcp -noreset >/dev/null 2>&1 & pids+=($!)
export DISPLAY=:$n
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$n ] && break; sleep 0.1; done
dbus-daemon --session --nofork --print-address=1 > "$out/bus" 2>/dev/null & pids+=($!)
for _ in $(seq 50); do [ -s "$out/bus" ] && break; sleep 0.1; done
export DBUS_SESSION_BUS_ADDRESS=$(head -1 "$out/bus")

# No AT-SPI bus yet: asking for the accessibility tier is a clear error (exit 4).
env -u AT_SPI_BUS_ADDRESS DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent "$H" act --instruction "click 7" --tier accessibility 2>"$out/err"; rc=$?
[ $rc -eq 4 ] || fail "no AT-SPI bus: exit $rc, want 4 ($(cat "$out/err"))"
grep -qi "AT-SPI" "$out/err" || fail "no AT-SPI bus: unclear message: $(cat "$out/err")"

/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 & pids+=($!)
export GTK_MODULES=gail:atk-bridge NO_AT_BRIDGE=0 GSETTINGS_BACKEND=memory HOME=$out XDG_CONFIG_HOME=$out/config
mkdir -p "$out/config/gtk-3.0" && printf '[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\n' > "$out/config/gtk-3.0/settings.ini"
galculator >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do "$H" act --window galculator --dry-run --instruction "click 7" --tier accessibility >/dev/null 2>&1 && break; sleep 0.2; done

# 3. Window not found (5), element not found (6, nothing clicked), below the threshold (7).
"$H" act --window no-such-window --instruction "click 7" 2>"$out/err"; rc=$?
[ $rc -eq 5 ] || fail "window not found: exit $rc, want 5"
grep -q "galculator" "$out/err" || fail "window not found: the message should list the windows seen: $(cat "$out/err")"
"$H" act --window galculator --instruction "click Frobnicate" --tier accessibility 2>"$out/err"; rc=$?
[ $rc -eq 6 ] || fail "element not found: exit $rc, want 6"
grep -q "nothing was clicked" "$out/err" || fail "element not found: $(cat "$out/err")"
printf 'deployment:\n  escalate_below: 0.99\n' > "$out/strict.yaml"
"$H" act --window galculator --instruction "click the sqrt link" --config "$out/strict.yaml" --tier accessibility 2>"$out/err"; rc=$?
[ $rc -eq 7 ] || fail "low confidence: exit $rc, want 7 ($(cat "$out/err"))"

# 4. 7 + 3 = through act with verification: the display reads 10.
for key in 7 + 3 =; do
  "$H" act --window galculator --instruction "click $key" --tier both --verify --json > "$out/step.json" 2>"$out/err" ||
    fail "click $key: exit $? $(cat "$out/err")"
done
python3 - "$out/step.json" <<'PY' || fail "last step's report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["acted"] and r["result"] == "ok", r
assert r["verification"]["passed"], r
assert any('"10"' in e for e in r["verification"]["evidence"]), r["verification"]["evidence"]
PY

# 5. A script (typing into the display through keys) and a verification failure (9): clicking the
# blank label changes nothing.
cat > "$out/script.yaml" <<'YAML'
window: galculator
steps:
  - click: "AC"
  - click: "9"
  - {key: "KP_Add", verify: false}   # an operator key shows nothing until the next digit
  - type: "1"
  - key: "Return"
YAML
"$H" act --script "$out/script.yaml" --tier accessibility --verify --json > "$out/script.json" 2>"$out/err" || fail "script: $(cat "$out/err")"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert len(r)==5 and all(s['result']=='ok' for s in r), r; assert any('\"10\"' in e for e in r[-1]['verification']['evidence']), r[-1]" "$out/script.json" || fail "script report (9 + 1 = 10)"
# Clicking AC on a cleared display still activates the button (AT-SPI events: checked on, off), so
# the action with no effect at all is a lone Shift.
"$H" act --window galculator --instruction "click AC" --tier accessibility --verify --json > "$out/ac.json" 2>"$out/err" || fail "click AC: $(cat "$out/err")"
grep -q '"event object:state-changed:checked' "$out/ac.json" || fail "click AC: no AT-SPI event in the evidence: $(cat "$out/ac.json")"
"$H" act --window galculator --key Shift_L --tier accessibility --verify 2>"$out/err"; rc=$?
[ $rc -eq 9 ] || fail "no effect (a lone Shift): exit $rc, want 9 ($(cat "$out/err"))"
grep -q "expected" "$out/err" && grep -q "observed" "$out/err" || fail "verification message: $(cat "$out/err")"
cleanup; trap - EXIT

# 6. The live benchmark starts and stops its own desktop; a subset, all three tiers.
"$H" bench live --tasks "$SRC/tests/live/tasks.yaml" --only e2e- --json "$out.json" --verbose; rc=$?
[ $rc -eq 0 ] || fail "bench live exit $rc"
python3 - "$out.json" <<'PY' || fail "bench live report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["tasks"] >= 2 and r["apps"] >= 1, r
for tier in ("vision", "accessibility", "both"):
    t = r["by_tier"][tier]
    for k in ("success_rate", "click_accuracy", "false_clicks", "median_step_ms"):
        assert k in t, (tier, k)
assert r["by_tier"]["accessibility"]["success_rate"] == 1.0, r["by_tier"]
assert r["by_tier"]["accessibility"]["false_clicks"] == 0, r["by_tier"]
PY
rm -f "$out.json"
echo "act_live: ok"
