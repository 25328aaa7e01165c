#!/usr/bin/python3
"""Captures Linux desktop apps under Xvfb with ground truth from the AT-SPI accessibility tree.

usage: /usr/bin/python3 capture.py --manifest apps.json --out DIR [--only NAME,...]

Each manifest entry: {"name", "application", "cmd": [...], "screen": [w, h], "scale": 1|2,
"theme": "light"|"dark", "wait": seconds, "env": {...}, "maxRows": N, "actions": [names]}.
"actions" names widgets to activate through AT-SPI first (a tab to switch to, a menu to open). For each entry a
private X server, D-Bus session and AT-SPI registry are started, the app is launched, its
accessibility tree is walked, and the root window is screenshotted. Writes DIR/images/NAME.png
and DIR/rows.desktop.NAME.json (via ../common/rows.js, which writes the instructions).
Needs Debian's python3-pyatspi, so run it with /usr/bin/python3.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# AT-SPI role -> role word the instruction templates understand.
ROLES = {
    "push button": "button", "toggle button": "button", "check box": "checkbox",
    "radio button": "radio", "menu item": "menuitem", "menu": "menuitem",
    "check menu item": "menuitem", "radio menu item": "menuitem", "page tab": "tab",
    "text": "textbox", "entry": "textbox", "password text": "textbox", "combo box": "combobox",
    "link": "link", "list item": "cell", "table cell": "cell", "icon": "button",
    "tree item": "cell", "spin button": "textbox",
}
# Accessible names that are icon-theme ids or widget placeholders, not something a user says.
JUNK_NAME = re.compile(r"^([a-z]+-)+[a-z]+$|-symbolic$|^(label|button|gtk-.*)$")
# Approximate width of one label character in logical pixels at the default UI font size.
CHAR_W = 6.5


def ui_type_of(name, role, atspi_role, w, h):
    """An element is an icon target when it is an image, or when its name could not be
    printed inside its box (colour swatches, toolbar buttons named by their tooltip)."""
    if atspi_role == "icon":
        return "icon"
    # Fields show a value; menus, menu items and tabs show their label as text.
    if role in ("textbox", "combobox", "menuitem", "tab"):
        return "text"
    # A labelled radio or check box is its indicator plus the label, so much wider than tall;
    # a near-square one (colour swatch, bare toggle) has no visible label.
    if role in ("radio", "checkbox") and w <= 1.6 * h:
        return "icon"
    needed = CHAR_W * len(name) * 0.8
    return "icon" if w < needed + 4 or (w <= 1.5 * h and w <= 40 and len(name) > 2) else "text"


def label_of(acc):
    name = (acc.name or "").strip()
    if name:
        return name
    import pyatspi
    for rel in acc.getRelationSet():
        if rel.getRelationType() == pyatspi.RELATION_LABELLED_BY and rel.getNTargets() > 0:
            return (rel.getTarget(0).name or "").strip().rstrip(":")
    return ""


# Big trees (a file chooser over a large folder) are cut off after this many nodes.
NODE_BUDGET = 5000


def walk(acc, scale, screen, found, depth=0):
    """Collects named interactive elements into found["items"]; unnamed entries and visible
    labels go to found["entries"] and found["labels"] to be paired up afterwards."""
    import pyatspi
    if acc is None or depth > 40 or found["visited"] > NODE_BUDGET:
        return
    found["visited"] += 1
    try:
        st = acc.getState()
        if not (st.contains(pyatspi.STATE_SHOWING) and st.contains(pyatspi.STATE_VISIBLE)):
            return
        role = acc.getRoleName()
        if role in ROLES or role == "label":
            e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            # AT-SPI reports logical pixels; the screenshot has GDK_SCALE device pixels each.
            x1, y1 = int(round(e.x * scale)), int(round(e.y * scale))
            x2, y2 = int(round((e.x + e.width) * scale)), int(round((e.y + e.height) * scale))
            name = label_of(acc)
            ok_box = (e.width >= 6 and e.height >= 6 and x1 >= 0 and y1 >= 0
                      and x2 <= screen[0] and y2 <= screen[1])
            editable = role not in ("text", "password text") or st.contains(pyatspi.STATE_EDITABLE)
            if not ok_box or not editable:
                pass
            elif role == "label":
                if name and len(name) <= 40:
                    found["labels"].append({"name": name.rstrip(":").strip(), "bbox": [x1, y1, x2, y2]})
            elif (name and len(name) <= 40 and not JUNK_NAME.search(name)
                  and not (ROLES[role] == "cell" and re.search(r"\d", name))):
                # Cells holding sizes, dates and counts are not things users ask to click.
                r = ROLES[role]
                found["items"].append({"name": name, "role": r, "atspiRole": role,
                                       "uiType": ui_type_of(name, r, role, e.width, e.height),
                                       "bbox": [x1, y1, x2, y2]})
            elif not name and ROLES[role] == "textbox":
                found["entries"].append({"role": "textbox", "uiType": "text", "bbox": [x1, y1, x2, y2]})
        for child in acc:
            walk(child, scale, screen, found, depth + 1)
    except Exception as ex:  # a widget that vanished mid-walk is skipped, not fatal
        print(f"  skipped a node: {ex}", file=sys.stderr)


def name_entries_by_label(found, scale):
    """Forms often print a field's label to its left without linking it (zenity --forms does):
    an unnamed entry takes the nearest label on its row that ends left of it."""
    for ent in found["entries"]:
        x1, y1, x2, y2 = ent["bbox"]
        best = None
        for lab in found["labels"]:
            lx1, ly1, lx2, ly2 = lab["bbox"]
            cy = (ly1 + ly2) / 2
            gap = x1 - lx2
            if y1 <= cy <= y2 and -4 * scale <= gap <= 300 * scale and (best is None or gap < best[0]):
                best = (gap, lab["name"], lab["bbox"])
        if best and not JUNK_NAME.search(best[1]):
            found["items"].append(dict(ent, name=best[1], labelBox=best[2]))


def inside(inner, outer, slack=2):
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def drop_ambiguous(found):
    """A name that is also printed by a label outside the element (a heading repeating a
    button's text) does not say which one to click, so that element is left out."""
    kept = []
    for it in found["items"]:
        key = it["name"].lower()
        clash = [lab for lab in found["labels"] if lab["name"].lower() == key
                 and not inside(lab["bbox"], it["bbox"]) and lab["bbox"] != it.get("labelBox")]
        if not clash:
            it.pop("labelBox", None)
            kept.append(it)
    found["items"] = kept


class Session:
    """Xvfb + D-Bus + AT-SPI for one app; everything is killed on exit."""

    def __init__(self, display, screen):
        self.display, self.screen, self.procs = display, screen, []

    def spawn(self, cmd, env, log):
        p = subprocess.Popen(cmd, env=env, stdout=log, stderr=log, start_new_session=True)
        self.procs.append(p)
        return p

    def __enter__(self):
        self.log = tempfile.TemporaryFile()
        self.env = dict(os.environ, DISPLAY=f":{self.display}", NO_AT_BRIDGE="0",
                        QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        self.spawn(["Xvfb", f":{self.display}", "-screen", "0", f"{self.screen[0]}x{self.screen[1]}x24",
                    "-nolisten", "tcp"], self.env, self.log)
        time.sleep(1.0)
        out = subprocess.run(["dbus-launch", "--sh-syntax"], env=self.env, capture_output=True,
                             text=True, check=True).stdout
        # dbus-launch prints KEY='value'; (address) and KEY=value; (pid).
        for k, v in re.findall(r"(\w+)='?([^';\n]*)'?;", out):
            self.env[k] = v
        self.dbus_pid = int(self.env.get("DBUS_SESSION_BUS_PID", "0"))
        self.spawn(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"], self.env, self.log)
        time.sleep(0.8)
        self.spawn(["/usr/libexec/at-spi2-registryd"], self.env, self.log)
        time.sleep(0.5)
        subprocess.run(["gsettings", "set", "org.gnome.desktop.interface", "toolkit-accessibility", "true"],
                       env=self.env, capture_output=True)
        return self

    def __exit__(self, *exc):
        for p in reversed(self.procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        if self.dbus_pid:
            try:
                os.kill(self.dbus_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self.log.close()


def capture_one(spec, display, out_dir):
    screen = spec["screen"]
    scale = spec.get("scale", 1)
    with Session(display, screen) as s:
        env = dict(s.env, GDK_SCALE=str(scale), QT_SCALE_FACTOR=str(scale), **spec.get("env", {}))
        env["HUMAIN_CAPTURE_ACTIONS"] = json.dumps(spec.get("actions", []))
        if spec.get("theme") == "dark":
            env["GTK_THEME"] = "Adwaita:dark"
        s.spawn(spec["cmd"], env, s.log)
        time.sleep(spec.get("wait", 4))
        # The AT-SPI client talks to this session's bus, so it runs in a child with its env.
        found = subprocess.run([sys.executable, __file__, "--walk", str(scale), str(screen[0]), str(screen[1])],
                               env=env, capture_output=True, text=True, timeout=120)
        if found.returncode != 0:
            raise RuntimeError(f"AT-SPI walk failed: {found.stderr[-500:]}")
        items = json.loads(found.stdout)
        img = os.path.join(out_dir, "images", f"{spec['name']}.png")
        subprocess.run(["import", "-window", "root", img], env=env, check=True, timeout=60)
    return items


def find_named(acc, name, depth=0):
    import pyatspi
    if acc is None or depth > 40:
        return None
    try:
        if (acc.name or "").strip() == name and acc.getState().contains(pyatspi.STATE_SHOWING):
            return acc
        for child in acc:
            hit = find_named(child, name, depth + 1)
            if hit is not None:
                return hit
    except Exception:
        return None
    return None


def perform_actions(desktop, names):
    """Clicks named widgets through AT-SPI (switch a tab, open a menu) before the capture."""
    for name in names:
        target = None
        for app in desktop:
            target = target or find_named(app, name)
        if target is None:
            raise RuntimeError(f"action target '{name}' not found")
        target.queryAction().doAction(0)
        time.sleep(1.5)


def walk_main(scale, w, h):
    import pyatspi
    found = {"items": [], "entries": [], "labels": [], "visited": 0}
    desktop = pyatspi.Registry.getDesktop(0)
    perform_actions(desktop, json.loads(os.environ.get("HUMAIN_CAPTURE_ACTIONS", "[]")))
    for app in desktop:
        if app is not None:
            for win in app:
                walk(win, scale, (w, h), found)
    name_entries_by_label(found, scale)
    drop_ambiguous(found)
    json.dump(found["items"], sys.stdout)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--walk":
        walk_main(float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only")
    a = ap.parse_args()
    specs = json.load(open(a.manifest))
    if a.only:
        keep = set(a.only.split(","))
        specs = [s for s in specs if s["name"] in keep]
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    for i, spec in enumerate(specs):
        items = []
        # Qt apps sometimes start before their accessibility bridge sees the AT-SPI bus and
        # never register; a fresh session usually fixes it, so an empty tree is retried.
        for attempt in range(3):
            try:
                items = capture_one(spec, 90 + i, a.out)
            except Exception as ex:
                print(f"{spec['name']}: attempt {attempt + 1} failed: {ex}", file=sys.stderr)
            if items:
                break
        icons = sum(x["uiType"] == "icon" for x in items)
        print(f"{spec['name']}: {len(items)} elements ({icons} icon)", file=sys.stderr)
        page = {"name": spec["name"], "application": spec["application"], "group": "desktop",
                "platform": "linux", "maxRows": spec.get("maxRows", 10), "img_size": spec["screen"],
                "must": spec.get("must", [])}
        # One elements and one rows file per screen, so re-capturing a few apps (--only)
        # keeps the others.
        elements = os.path.join(a.out, f"elements.desktop.{spec['name']}.json")
        with open(elements, "w") as f:
            json.dump([{"page": page, "items": items}], f, indent=1)
        subprocess.run(["node", os.path.join(HERE, "..", "common", "rows.js"), elements,
                        os.path.join(a.out, f"rows.desktop.{spec['name']}.json")], check=True)

if __name__ == "__main__":
    main()
