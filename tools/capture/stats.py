#!/usr/bin/env python3
"""Prints what a split holds: rows by ui_type, group, application and image size, plus the
size on disk. Used to write docs/DATASET.md.  usage: stats.py DATASET.json [...]"""
import collections
import json
import os
import sys

for path in sys.argv[1:]:
    rows = json.load(open(path))
    folder = os.path.join(os.path.dirname(path), "images")
    images = sorted({r["img_filename"] for r in rows})
    size = sum(os.path.getsize(os.path.join(folder, i)) for i in images if os.path.exists(os.path.join(folder, i)))
    print(f"## {path}: {len(rows)} rows, {len(images)} screenshots, {size / 1e6:.1f} MB of PNG")
    for field in ("ui_type", "group", "platform"):
        c = collections.Counter(r[field] for r in rows)
        print(f"- {field}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    res = collections.Counter(tuple(r["img_size"]) for r in rows)
    print("- img_size: " + ", ".join(f"{w}x{h} {n}" for (w, h), n in sorted(res.items())))
    print("\n| application | group | rows | text | icon |\n|---|---|---|---|---|")
    apps = collections.defaultdict(collections.Counter)
    for r in rows:
        apps[(r["application"], r["group"])][r["ui_type"]] += 1
    for (app, group), c in sorted(apps.items(), key=lambda x: (x[0][1], x[0][0])):
        print(f"| {app} | {group} | {c['text'] + c['icon']} | {c['text']} | {c['icon']} |")
    print()
