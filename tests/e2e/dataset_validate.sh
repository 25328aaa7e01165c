#!/usr/bin/env bash
# Validates the committed data sets (data/samples, data/dev, data/val, data/mobile): ScreenSpot-Pro
# fields, every bbox non-degenerate and inside img_size, img_size equal to the PNG's real size,
# unique ids, dev, val and mobile drawn from different applications, size budgets, and the
# README's sample row.
# usage: dataset_validate.sh <humain binary (unused)> <source dir>
set -euo pipefail
src="${2:?usage: dataset_validate.sh HUMAIN SOURCE_DIR}"
python3 - "$src" <<'PY'
import json, os, struct, sys
src = sys.argv[1]
FIELDS = {"id", "img_filename", "bbox", "img_size", "instruction", "ui_type", "group", "platform", "application"}
errors = []

def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return list(struct.unpack(">II", head[16:24]))

def check(json_path, images_dir, min_rows):
    rows = json.load(open(json_path))
    if len(rows) < min_rows:
        errors.append(f"{json_path}: {len(rows)} rows, expected at least {min_rows}")
    ids, sizes = set(), {}
    for r in rows:
        where = f"{json_path} row {r.get('id')}"
        missing = FIELDS - r.keys()
        if missing:
            errors.append(f"{where}: missing {sorted(missing)}"); continue
        if r["id"] in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(r["id"])
        img = os.path.join(images_dir, r["img_filename"])
        if img not in sizes:
            try:
                sizes[img] = png_size(img)
            except (OSError, ValueError) as e:
                errors.append(f"{where}: image {img}: {e}"); continue
        w, h = sizes[img]
        if r["img_size"] != [w, h]:
            errors.append(f"{where}: img_size {r['img_size']} but PNG is {w}x{h}")
        x1, y1, x2, y2 = r["bbox"]
        if not (0 <= x1 < x2 <= w and 0 <= y1 < y2 <= h):
            errors.append(f"{where}: bbox {r['bbox']} outside {w}x{h} or degenerate")
        if r["ui_type"] not in ("text", "icon") or r["group"] not in ("web", "desktop", "mobile"):
            errors.append(f"{where}: bad ui_type/group {r['ui_type']}/{r['group']}")
        if not r["instruction"].strip():
            errors.append(f"{where}: empty instruction")
    total = sum(os.path.getsize(p) for p in sizes)
    return rows, total

samples, _ = check(f"{src}/data/samples/samples.json", f"{src}/data/samples", 12)
if not any(r["img_filename"] == "login.png" and "sign in" in r["instruction"].lower() for r in samples):
    errors.append("data/samples: no 'Sign in' row on login.png (the README's main command)")
dev, dev_bytes = check(f"{src}/data/dev/dataset.json", f"{src}/data/dev/images", 300)
val, val_bytes = check(f"{src}/data/val/dataset.json", f"{src}/data/val/images", 80)
mobile, mobile_bytes = check(f"{src}/data/mobile/dataset.json", f"{src}/data/mobile/images", 100)
if dev_bytes > 15e6:
    errors.append(f"data/dev images are {dev_bytes/1e6:.1f} MB, budget 15 MB")
if mobile_bytes > 6e6:
    errors.append(f"data/mobile images are {mobile_bytes/1e6:.1f} MB, budget 6 MB")
apps = {name: {r["application"] for r in rows} for name, rows in (("dev", dev), ("val", val), ("mobile", mobile))}
for a, b in (("dev", "val"), ("dev", "mobile"), ("val", "mobile")):
    if apps[a] & apps[b]:
        errors.append(f"{a} and {b} share applications: {sorted(apps[a] & apps[b])}")
if {r["group"] for r in mobile} != {"mobile"} or sum(r["ui_type"] == "icon" for r in mobile) < 0.2 * len(mobile):
    errors.append("mobile: every row must be group 'mobile', at least 20% icons")
for name, rows in (("dev", dev), ("val", val)):
    icons = sum(r["ui_type"] == "icon" for r in rows) / len(rows)
    groups = {r["group"] for r in rows}
    if icons < 0.2 or groups != {"web", "desktop"}:
        errors.append(f"{name}: icon share {icons:.0%}, groups {sorted(groups)}")
for e in errors:
    print("FAIL:", e)
print(f"samples {len(samples)} rows, dev {len(dev)} rows ({dev_bytes/1e6:.1f} MB), val {len(val)} rows ({val_bytes/1e6:.1f} MB), "
      f"mobile {len(mobile)} rows ({mobile_bytes/1e6:.1f} MB)")
sys.exit(1 if errors else 0)
PY
