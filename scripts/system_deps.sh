#!/bin/sh
# Debian packages the product and its tests need: Chromium (browser tests, run headless),
# CJK fonts (Korean/Japanese in PDF briefings) and poppler-utils (the PDF test renders pages).
# Installs only what is missing; needs root or passwordless sudo the first time.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || missing="$missing fonts-noto-cjk"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
