#!/usr/bin/env bash
# Debian packages the capture tools need (NOT needed by CI: CI uses the committed data).
# Usage (as root): tools/capture/install-capture-deps.sh
# Lines: browser + fonts; X server, D-Bus and AT-SPI; image tools; GTK apps; Qt apps;
# packages whose HTML docs under /usr/share/doc are captured as third-party pages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  chromium nodejs npm fonts-dejavu fonts-liberation fonts-noto-core \
  xvfb x11-utils dbus-x11 at-spi2-core python3-pyatspi \
  imagemagick optipng \
  gtk-3-examples zenity mousepad galculator gucharmap adwaita-icon-theme gnome-themes-extra \
  speedcrunch featherpad qpdfview pcmanfm-qt keepassxc \
  libxslt1-dev nettle-dev libffi-dev libjs-underscore ninja-build python3-dev shared-mime-info
# playwright-core drives the Debian chromium above; it never downloads a browser.
cd "$(dirname "$0")" && npm install --no-audit --no-fund
