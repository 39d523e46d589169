#!/usr/bin/env bash
# Installs the Debian packages the tests and exports read with: Chromium for the
# browser tests, GDAL's ogrinfo and LibreCAD for DXF, rsvg-convert for SVG,
# pdfinfo/pdftoppm for PDF. Does nothing when they are all there.
# With "venv", installs only what Debian's Python needs to make a virtual environment.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || need+=(python3-venv)
if [ "${1:-}" != "venv" ]; then
command -v chromium >/dev/null || need+=(chromium)
command -v ogrinfo >/dev/null || need+=(gdal-bin)
command -v librecad >/dev/null || need+=(librecad)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
fi
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
