#!/usr/bin/env python3
"""Assembles a data split from capture outputs: merges rows, gives them ids, copies and
losslessly optimises the screenshots, and validates every row before writing the JSON.

usage: build_split.py --out DIR [--images-subdir images] [--prefix dev] [--no-optimise]
                      CAPTURE_DIR [CAPTURE_DIR ...]
Each CAPTURE_DIR holds images/*.png and rows.*.json written by web/capture.js or
desktop/capture.py. Writes DIR/<json-name> (default dataset.json) and DIR/<images-subdir>/.
"""
import argparse
import glob
import json
import os
import shutil
import struct
import subprocess
import sys


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    return list(struct.unpack(">II", head[16:24]))


def validate(row, image_path):
    """Returns a reason the row is unusable, or None."""
    if not os.path.exists(image_path):
        return "image missing"
    w, h = png_size(image_path)
    if row["img_size"] != [w, h]:
        return f"img_size {row['img_size']} != PNG {w}x{h}"
    x1, y1, x2, y2 = row["bbox"]
    if not (0 <= x1 < x2 <= w and 0 <= y1 < y2 <= h):
        return f"bbox {row['bbox']} outside image or degenerate"
    if not row["instruction"].strip():
        return "empty instruction"
    if row["ui_type"] not in ("text", "icon"):
        return f"bad ui_type {row['ui_type']}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--json-name", default="dataset.json")
    ap.add_argument("--images-subdir", default="images")
    ap.add_argument("--prefix", default="dev")
    ap.add_argument("--no-optimise", action="store_true")
    ap.add_argument("captures", nargs="+")
    a = ap.parse_args()

    img_out = os.path.join(a.out, a.images_subdir) if a.images_subdir else a.out
    os.makedirs(img_out, exist_ok=True)
    rows, bad, seen_names = [], 0, {}
    for cap in a.captures:
        for rows_file in sorted(glob.glob(os.path.join(cap, "rows.*.json"))):
            for r in json.load(open(rows_file)):
                src = os.path.join(cap, "images", r["img_filename"])
                if seen_names.setdefault(r["img_filename"], src) != src:
                    sys.exit(f"two captures produced {r['img_filename']}; rename one page")
                reason = validate(r, src)
                if reason:
                    print(f"dropping {r['img_filename']} '{r['instruction']}': {reason}", file=sys.stderr)
                    bad += 1
                    continue
                rows.append(r)
    for name, src in seen_names.items():
        dst = os.path.join(img_out, name)
        shutil.copyfile(src, dst)
        if not a.no_optimise:
            subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", dst], check=True)
    out_rows = []
    for i, r in enumerate(rows):
        out_rows.append({"id": f"{a.prefix}_{i:04d}", "img_filename": r["img_filename"],
                         "bbox": r["bbox"], "img_size": r["img_size"],
                         "instruction": r["instruction"], "ui_type": r["ui_type"],
                         "group": r["group"], "platform": r["platform"],
                         "application": r["application"]})
    with open(os.path.join(a.out, a.json_name), "w") as f:
        json.dump(out_rows, f, indent=1)
        f.write("\n")
    icons = sum(r["ui_type"] == "icon" for r in out_rows)
    print(f"{len(out_rows)} rows ({icons} icon, {len(out_rows) - icons} text), "
          f"{len(seen_names)} images, {bad} dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
