#!/usr/bin/env bash
# CPack's .deb: its dependencies are Debian package names that exist, it unpacks (dpkg -x) into
# a scratch root, and the humain there grounds "click Sign in" on a bundled screenshot using the
# data files of that root.
set -euo pipefail
humain=$1
src=$2
build=$(dirname "$humain")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb not installed"; exit 77; }
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$work"/out/humain_*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for want in libopencv-core libtesseract libcurl tesseract-ocr-eng; do
  grep -q "$want" <<<"$depends" || { echo "FAIL: Depends lacks $want"; exit 1; }
done
# Every dependency is a Debian package name this machine's apt knows.
for name in $(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*)//; s/ //g'); do
  apt-cache show "$name" >/dev/null 2>&1 || { echo "FAIL: '$name' is not a Debian package"; exit 1; }
done

root=$work/root
dpkg -x "$deb" "$root"
for f in usr/bin/humain usr/share/humain/icons/bank.png usr/lib/cmake/humain/humainConfig.cmake; do
  [ -e "$root/$f" ] || { echo "FAIL: $f not in the package"; exit 1; }
done
unset HUMAIN_DATA_DIR
out=$(cd "$work" && "$root/usr/bin/humain" ground --image "$src/data/samples/login.png" --instruction "click Sign in" --json)
echo "$out"
/usr/bin/python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
x, y = r["point"]
assert 450 <= x <= 830 and 411 <= y <= 450, r
PY
# The packaged Python module finds the data under the same root.
py=$root/usr/lib/python3/dist-packages
if [ -d "$py/humain" ]; then
  (cd "$work" && PYTHONPATH=$py /usr/bin/python3 -c "
import humain, sys
assert humain._humain.data_dirs()[0] == '$root/usr/share/humain', humain._humain.data_dirs()
print('packaged python module:', humain.__file__)") || { echo "FAIL: the packaged Python module"; exit 1; }
fi
echo "PASS"
