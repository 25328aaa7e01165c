#!/usr/bin/env python3
"""Click accuracy of one `humain eval` run split by what the report.json does not split by:
application, screenshot size, theme (dark when the screenshot name says so) and ui_type, and
the misses listed per application, to read next to report.html.

usage: breakdown.py DATASET.json EVAL_OUT_DIR [--misses]
"""
import collections
import json
import os
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    dataset, out = args
    rows = {r["id"]: r for r in json.load(open(dataset))}
    preds = [json.loads(line) for line in open(os.path.join(out, "predictions.jsonl"))]
    unknown = [p["id"] for p in preds if p["id"] not in rows]
    if unknown:
        sys.exit(f"{len(unknown)} predictions are not rows of {dataset} (first: {unknown[0]})")
    tally = collections.defaultdict(lambda: [0, 0])
    for p in preds:
        r = rows[p["id"]]
        theme = "dark" if "dark" in r["img_filename"] else "light"
        for key in (f"ui_type {r['ui_type']}", f"app {r['application']}",
                    "size {}x{}".format(*r["img_size"]), f"theme {theme}"):
            tally[key][0] += bool(p["hit"])
            tally[key][1] += 1
    for key, (hits, n) in sorted(tally.items()):
        print(f"{key:45s} {hits:4d}/{n:<4d} {hits / n:.3f}")
    if "--misses" in sys.argv:
        for p in sorted(preds, key=lambda p: (rows[p["id"]]["application"], p["id"])):
            if not p["hit"]:
                r = rows[p["id"]]
                print(f"miss {p['id']} [{r['ui_type']}] {r['application']}: {r['instruction']!r} "
                      f"target {r['bbox']} answered {p['point']} conf {p.get('confidence')}")


if __name__ == "__main__":
    main()
