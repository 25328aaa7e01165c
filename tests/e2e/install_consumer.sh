#!/usr/bin/env bash
# `cmake --install` to a scratch prefix, then a program outside the tree builds against it three
# ways (find_package with libhumain.so, find_package with libhumain.a, pkg-config) and grounds
# "click Sign in" on the bundled login screenshot, reading the icon bank from the install.
set -euo pipefail
humain=$1
src=$2
build=$(dirname "$humain")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log"

for f in bin/humain lib/cmake/humain/humainConfig.cmake lib/cmake/humain/humainConfigVersion.cmake \
         include/humain/grounder.h include/humain/version.h share/humain/icons/bank.png \
         share/humain/models/catalog.yaml share/humain/samples/login.png \
         share/humain/models/icon_net.onnx share/humain/models/icon_net.labels; do
  [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; cat "$work/install.log"; exit 1; }
done
libdir=$(dirname "$(find "$prefix" -name 'libhumain.so' | head -n1)")
[ -f "$libdir/libhumain.a" ] || { echo "FAIL: libhumain.a not next to libhumain.so ($libdir)"; exit 1; }
[ -f "$libdir/pkgconfig/humain.pc" ] || { echo "FAIL: humain.pc not installed"; exit 1; }

# The consumer must not see the source tree: no HUMAIN_DATA_DIR, run from an unrelated folder.
unset HUMAIN_DATA_DIR
shot=$prefix/share/humain/samples/login.png
in_sign_in() {  # "humain 0.1.0: X Y" inside the Sign in button [450,411,830,450]
  awk '{ x = $3; y = $4; exit !(x >= 450 && x <= 830 && y >= 411 && y <= 450) }' <<<"$1"
}

cmake -S "$src/tests/packaging/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; echo "FAIL: find_package"; exit 1; }
cmake --build "$work/consumer" -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "FAIL: consumer build"; exit 1; }
for exe in consumer consumer_static; do
  out=$(cd "$work" && "$work/consumer/$exe" "$shot" "click Sign in")
  echo "$exe: $out"
  in_sign_in "$out" || { echo "FAIL: $exe did not find Sign in"; exit 1; }
done
ldd "$work/consumer/consumer" | grep -q "$libdir/libhumain.so" || { echo "FAIL: consumer not linked to the installed libhumain.so"; exit 1; }

# pkg-config: compile flags and libraries come from the installed humain.pc alone.
export PKG_CONFIG_PATH=$libdir/pkgconfig
flags=$(pkg-config --cflags --libs humain)
echo "pkg-config: $flags"
g++ -std=c++20 -Wall -Wextra -Werror "$src/tests/packaging/consumer/main.cpp" -o "$work/consumer_pc" $flags -Wl,-rpath,"$libdir"
out=$(cd "$work" && "$work/consumer_pc" "$shot" "click Sign in")
echo "consumer_pc: $out"
in_sign_in "$out" || { echo "FAIL: pkg-config consumer did not find Sign in"; exit 1; }

# The installed CLI runs from the prefix (its data: share/humain next to bin/).
"$prefix/bin/humain" ground --image "$shot" --instruction "click Sign in" --json | tee "$work/ground.json"
grep -q '"point":\[' "$work/ground.json" || { echo "FAIL: installed CLI found nothing"; exit 1; }
# The installed Python package (when the module is built) finds the data of its own install.
if [ -d "$prefix/lib/python3/dist-packages/humain" ]; then
  (cd "$work" && PYTHONPATH=$prefix/lib/python3/dist-packages /usr/bin/python3 - "$prefix" "$shot" <<'PY'
import os, sys
import humain
prefix, shot = sys.argv[1], sys.argv[2]
assert humain.__file__.startswith(prefix), humain.__file__
assert humain._humain.data_dirs()[0] == os.path.join(prefix, "share", "humain"), humain._humain.data_dirs()
x, y = humain.Grounder().find_element(shot, "click Sign in").point
assert 450 <= x <= 830 and 411 <= y <= 450, (x, y)
print("installed python package:", humain.__file__, (x, y))
PY
  ) || { echo "FAIL: the installed Python package"; exit 1; }
fi
echo "PASS"
