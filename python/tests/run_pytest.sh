#!/usr/bin/env bash
# CTest entry for the Python tests: pytest with the interpreter the module was built for, the
# module from the build tree. Exit 77 (CTest: skipped) with the reason when something is missing.
# Usage: run_pytest.sh PYTHON BUILD_DIR SOURCE_DIR [pytest args]
set -uo pipefail
py=$1 build=$2 src=$3
shift 3
if [ "$py" = "none" ]; then
  echo "SKIP: the Python module is not built (needs pybind11-dev and python3-dev; or -DHUMAIN_PYTHON=OFF / a sanitizer build)"
  exit 77
fi
for mod in pytest numpy PIL; do
  "$py" -c "import $mod" 2>/dev/null || { echo "SKIP: $py has no $mod (Debian: python3-pytest python3-numpy python3-pil)"; exit 77; }
done
export PYTHONPATH=$build/python${PYTHONPATH:+:$PYTHONPATH} HUMAIN_SOURCE_DIR=$src HUMAIN_CLI=$build/humain
exec "$py" -m pytest -q -p no:cacheprovider "$src/python/tests" "$@"
