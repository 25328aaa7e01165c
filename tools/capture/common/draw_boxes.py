#!/usr/bin/env python3
"""Draws a data set's ground-truth boxes on one screenshot (ImageMagick), to check by eye
that boxes line up with the rendered elements, HiDPI ones especially.

usage: draw_boxes.py DATASET.json IMAGES_DIR IMG_FILENAME OUT.png
"""
import json
import subprocess
import sys


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    dataset, images, name, out = sys.argv[1:]
    rows = [r for r in json.load(open(dataset)) if r["img_filename"] == name]
    if not rows:
        sys.exit(f"no rows for {name}")
    cmd = ["convert", f"{images}/{name}", "-fill", "none", "-strokewidth", "2"]
    for r in rows:
        x1, y1, x2, y2 = r["bbox"]
        color = "red" if r["ui_type"] == "icon" else "lime"
        cmd += ["-stroke", color, "-draw", f"rectangle {x1},{y1} {x2},{y2}"]
    subprocess.run(cmd + [out], check=True)
    for r in rows:
        print(r["ui_type"], r["bbox"], r["instruction"])


if __name__ == "__main__":
    main()
