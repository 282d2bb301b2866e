#!/bin/sh
# Debian packages the product and its tests need: Chromium (browser tests, run headless),
# CJK fonts (Korean/Japanese in PDF briefings), Pango/HarfBuzz (WeasyPrint lays out the PDF) and
# poppler-utils (the PDF test renders pages).
# Installs only what is missing; needs root or passwordless sudo the first time.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || missing="$missing fonts-noto-cjk"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
  dpkg -s "$lib" >/dev/null 2>&1 || missing="$missing $lib"
done
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
