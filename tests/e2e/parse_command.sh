#!/usr/bin/env bash
# End to end: `humain parse` lists what the local engine sees on a bundled screenshot (the sign-in
# button's text among the elements), as a table, as JSON lines and as an annotated copy; bad input
# gives a clear error and exit code 2.
# Usage: parse_command.sh <path-to-humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
IMAGE=$SRC/data/samples/login.png

"$HUMAIN" parse --image "$IMAGE" >"$OUT/table" 2>"$OUT/err" || { cat "$OUT/err"; fail "parse exited $?"; }
grep -q "Sign in" "$OUT/table" || fail "the table lacks the Sign in button: $(cat "$OUT/table")"
grep -Eq "^[0-9]+ elements, [0-9]+ OCR lines; parse" "$OUT/table" || fail "no summary line"

"$HUMAIN" parse --image "$IMAGE" --json --annotate "$OUT/seen.png" >"$OUT/lines" || fail "parse --json exited $?"
python3 - "$OUT/lines" <<'PY' || fail "JSON lines"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows, "no elements"
for r in rows:
    assert set(r) >= {"role", "bbox", "text", "confidence", "icon_guesses"}, r
    x1, y1, x2, y2 = r["bbox"]
    assert 0 <= x1 <= x2 and 0 <= y1 <= y2, r
assert any("Sign in" in r["text"] for r in rows), "Sign in not among the elements"
PY
[ -s "$OUT/seen.png" ] || fail "no annotated copy written"

printf 'not a png' >"$OUT/bad.png"
"$HUMAIN" parse --image "$OUT/bad.png" >/dev/null 2>"$OUT/err"
code=$?
[ $code -eq 2 ] || fail "corrupt image: exit $code, want 2"
grep -q "humain parse:" "$OUT/err" || fail "corrupt image: no error message"
echo "parse_command: ok"
