#!/usr/bin/env bash
# End to end: `humain eval` with the ocr-baseline grounder on the committed screenshots in
# data/samples writes the four contract files; `humain ground` answers with the contract's JSON;
# bad input gives clear errors and the documented exit codes.
# Usage: eval_baseline.sh <path-to-humain> <source-dir>
set -uo pipefail
HUMAIN=$1
SRC=$2
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

DATASET=$SRC/data/samples/samples.json
[ -f "$DATASET" ] || fail "missing $DATASET"

# 1. eval writes report.json, predictions.jsonl, junit.xml, report.html.
"$HUMAIN" eval --dataset "$DATASET" --images "$SRC/data/samples" --out "$OUT/run" --grounder ocr-baseline \
  --threads 2 >"$OUT/stdout" 2>"$OUT/stderr" || { cat "$OUT/stderr"; fail "humain eval exited $?"; }
grep -q "click accuracy" "$OUT/stdout" || fail "no summary line on stdout"

# 2. The shared contract checker, when the shared folder sits beside the repository.
CHECKER=$SRC/../shared/tools/check_eval_outputs.py
if [ -f "$CHECKER" ]; then
  python3 "$CHECKER" "$OUT/run" "$DATASET" || fail "check_eval_outputs.py rejected the output"
else
  echo "note: $CHECKER not present; relying on the checks below"
fi

# 3. Our own contract check (works in a bare clone): fields, one line per row, hits recomputed.
python3 - "$OUT/run" "$DATASET" <<'PY' || fail "contract check"
import json, os, sys
out, dataset = sys.argv[1], sys.argv[2]
rep = json.load(open(os.path.join(out, "report.json")))
for k in ("n", "click_accuracy", "acc_at_iou", "by_type", "by_group", "by_platform", "latency_ms", "errors", "dataset", "grounder"):
    assert k in rep, "report.json lacks " + k
assert set(rep["acc_at_iou"]) >= {"0.5", "0.75", "0.9"}
assert set(rep["latency_ms"]) >= {"p50", "p90", "p99", "mean"}
for b in ("by_type", "by_group", "by_platform"):
    for name, e in rep[b].items():
        assert set(e) >= {"n", "click_accuracy"}, (b, name)
assert rep["grounder"] == "ocr-baseline"
rows = json.load(open(dataset))
assert rep["n"] == len(rows), (rep["n"], len(rows))
assert rep["errors"] == 0, rep.get("error_samples")
ids = {str(r.get("id", i)): r for i, r in enumerate(rows)}
preds = [json.loads(l) for l in open(os.path.join(out, "predictions.jsonl")) if l.strip()]
assert len(preds) == len(rows)
hits = 0
for p in preds:
    for k in ("id", "point", "bbox", "hit", "iou", "latency_ms", "error"):
        assert k in p, k
    b = ids[p["id"]]["bbox"]
    inside = p["point"] is not None and b[0] <= p["point"][0] <= b[2] and b[1] <= p["point"][1] <= b[3]
    assert inside == p["hit"], p
    hits += inside
assert abs(hits / len(preds) - rep["click_accuracy"]) < 1e-9
junit = open(os.path.join(out, "junit.xml")).read()
assert junit.count("<testcase") == len(rows)
html = open(os.path.join(out, "report.html")).read()
assert "click accuracy" in html
misses = len(preds) - hits
assert misses == 0 or "data:image/jpeg;base64," in html, "misses but no thumbnails"
import base64, re
for m in re.finditer(r'data:image/jpeg;base64,([A-Za-z0-9+/=]+)', html):
    assert base64.b64decode(m.group(1), validate=True)[:2] == b"\xff\xd8", "thumbnail is not a JPEG"
print(f"contract ok: {len(preds)} rows, click accuracy {rep['click_accuracy']:.3f}, p50 {rep['latency_ms']['p50']} ms")
PY

# 4. --min-accuracy gates: impossible bar -> exit 1; zero bar -> exit 0.
"$HUMAIN" eval --dataset "$DATASET" --out "$OUT/gate" --grounder ocr-baseline --limit 3 --min-accuracy 1.01 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--min-accuracy 1.01 should be a usage error (exit 2)"
"$HUMAIN" eval --dataset "$DATASET" --out "$OUT/gate" --grounder ocr-baseline --limit 3 --min-accuracy 0 --quiet >/dev/null \
  || fail "--min-accuracy 0 should pass"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['n']==3, r['n']" "$OUT/gate/report.json" \
  || fail "--limit 3 not honoured"
ACC=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['click_accuracy'])" "$OUT/gate/report.json")
if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 1.0 else 1)" "$ACC"; then
  "$HUMAIN" eval --dataset "$DATASET" --out "$OUT/gate" --grounder ocr-baseline --limit 3 --min-accuracy 1.0 --quiet >/dev/null 2>&1
  [ $? -eq 1 ] || fail "accuracy $ACC below --min-accuracy 1.0 should exit 1"
fi

# 5. ground --json keeps the contract; --annotate writes a PNG.
IMG=$SRC/data/samples/login.png
"$HUMAIN" ground --image "$IMG" --instruction "Click Sign in" --grounder ocr-baseline --json \
  --annotate "$OUT/annotated.png" >"$OUT/ground.json" || fail "humain ground exited $?"
python3 - "$OUT/ground.json" <<'PY' || fail "ground JSON contract"
import json, sys
g = json.load(open(sys.argv[1]))
for k in ("point", "bbox", "confidence", "source", "latency_ms"):
    assert k in g, k
assert g["point"] is None or (len(g["point"]) == 2 and all(isinstance(v, (int, float)) for v in g["point"]))
assert 0 <= g["confidence"] <= 1
assert g["source"] == "ocr-baseline"
PY
python3 -c "import sys; d=open(sys.argv[1],'rb').read(8); sys.exit(0 if d==b'\x89PNG\r\n\x1a\n' else 1)" "$OUT/annotated.png" \
  || fail "--annotate did not write a PNG"

# No match: point null, exit 0.
"$HUMAIN" ground --image "$IMG" --instruction "zzqx wibble frobnicate" --grounder ocr-baseline --json >"$OUT/none.json" \
  || fail "no match should exit 0"
python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['point'] is None" "$OUT/none.json" || fail "no match should print point null"

# 6. Bad input: clear message, non-zero exit, no crash.
printf '\x89PNG\r\n\x1a\nnot really' >"$OUT/corrupt.png"
"$HUMAIN" ground --image "$OUT/corrupt.png" --instruction "x" --grounder ocr-baseline --json >/dev/null 2>"$OUT/err"
[ $? -eq 2 ] || fail "corrupt PNG should exit 2"
[ -s "$OUT/err" ] || fail "corrupt PNG printed no message"
"$HUMAIN" ground --image "$IMG" --instruction "x" --grounder no-such >/dev/null 2>"$OUT/err"
[ $? -eq 2 ] && grep -q "ocr-baseline" "$OUT/err" || fail "unknown grounder should exit 2 and list the names"
printf '[{"img_filename": "login.png", "bbox": [1, 2' >"$OUT/truncated.json"
"$HUMAIN" eval --dataset "$OUT/truncated.json" --images "$SRC/data/samples" --out "$OUT/bad" --grounder ocr-baseline >/dev/null 2>"$OUT/err"
[ $? -eq 2 ] && grep -q "truncated.json" "$OUT/err" || fail "truncated data set should exit 2 naming the file"
# A missing image is counted in errors, not skipped.
printf '[{"img_filename": "nope.png", "bbox": [1, 2, 3, 4], "instruction": "x", "img_size": [10, 10], "ui_type": "text", "id": "m"}]' >"$OUT/missing.json"
"$HUMAIN" eval --dataset "$OUT/missing.json" --images "$SRC/data/samples" --out "$OUT/missing" --grounder ocr-baseline --quiet >/dev/null 2>&1 \
  || fail "a missing image should not fail the run"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['errors']==1 and r['n']==1, r" "$OUT/missing/report.json" \
  || fail "missing image not counted in errors"
# 7. OSWorld-G layout: refusal rows reported apart unless --count-refusals (its images are not committed,
# so every row is an image error; the point here is the bookkeeping).
OSW=$SRC/data/fixtures/datasets/osworld_g.json
"$HUMAIN" eval --dataset "$OSW" --out "$OUT/osw" --grounder ocr-baseline --quiet >/dev/null 2>&1 || fail "osworld-g eval"
"$HUMAIN" eval --dataset "$OSW" --out "$OUT/osw_counted" --grounder ocr-baseline --quiet --count-refusals >/dev/null 2>&1 \
  || fail "osworld-g eval --count-refusals"
python3 - "$OUT" <<'PY' || fail "refusal bookkeeping"
import json, os, sys
out = sys.argv[1]
a = json.load(open(os.path.join(out, "osw", "report.json")))
b = json.load(open(os.path.join(out, "osw_counted", "report.json")))
assert a["format"] == "osworld-g" and a["n"] == 2 and a["refusals"]["n"] == 1, a
assert not a["refusals"]["counted_in_click_accuracy"]
assert os.path.isfile(os.path.join(out, "osw", "refusals.jsonl"))
assert b["n"] == 3 and b["refusals"]["counted_in_click_accuracy"], b
assert not os.path.exists(os.path.join(out, "osw_counted", "refusals.jsonl"))
PY
echo "eval_baseline: all checks passed"
