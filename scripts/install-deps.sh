#!/usr/bin/env bash
# Installs the Debian 12 packages humain builds and tests with. Idempotent: safe to run twice.
set -euo pipefail
packages=(
  build-essential cmake pkg-config ninja-build
  libopencv-dev libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng
  tesseract-ocr-chi-sim  # local engine: Chinese labels, read on demand (issue 10)
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev
  libcpp-httplib-dev   # humain serve (docs/SERVE.md)
  curl python3-prometheus-client   # humain serve's e2e tests (curl; /metrics format check)
  prometheus   # humain serve: `promtool check metrics` in e2e_serve_metrics (~22 MB download, 96 MB installed)
  python3
  pybind11-dev python3-pybind11 python3-dev python3-numpy python3-pytest python3-pil  # Python module (issue 13)
  clang-14 libclang-rt-14-dev  # issue 11: the sanitizer build and its libFuzzer targets (docs/FUZZING.md)
  # humain act / bench live (issue 14): X11 capture + XTest input + AT-SPI, and the live desktop:
  # Xvfb, a D-Bus session, the AT-SPI bus and the benchmark's apps (~25 MB installed in all).
  libx11-dev libxext-dev libxtst-dev libatspi2.0-dev libdbus-1-dev
  xvfb dbus at-spi2-core galculator gtk-3-examples mousepad zenity featherpad
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# humain serve: only promtool is used; on a systemd machine the prometheus package starts its daemon.
if printf '%s\n' "${missing[@]}" | grep -qx prometheus && command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
