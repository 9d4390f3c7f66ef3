#!/usr/bin/env bash
# Takes a PNG screenshot of the first page of an HTML report in headless Chromium.
#
# Usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]
#
# The PNG is WIDTHxHEIGHT pixels, by default 1240x1754: an A4 page at 150 dpi. The page is laid out as on
# paper (794 CSS pixels wide, A4 at 96 dpi) and drawn at the scale that gives the requested width, so
# the screenshot shows what the first printed page holds. Debian `chromium` is installed only when
# missing (apt-get, about 100 MB), and `fonts-noto-cjk` only when no font covers Chinese, so that a zh
# report does not show empty boxes. Exit status: 0 written, 1 Chromium failed, 2 a usage error.
set -euo pipefail

die() { echo "screenshot-report: $*" >&2; exit 2; }

[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]"
report="$1"
out="$2"
size="${3:-1240x1754}"
[ -f "$report" ] || die "no report at '$report' (write one with: loancheck audit … --format html --output $report)"
[[ "$size" =~ ^[0-9]+x[0-9]+$ ]] || die "the size must be WIDTHxHEIGHT, e.g. 1240x1754"

as_root() { if [ "$(id -u)" -ne 0 ]; then sudo "$@"; else "$@"; fi; }

chromium_bin="$("$(dirname "$0")/find-chromium.sh")" || die "no Chromium to run the report in"
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
  echo "screenshot-report: installing fonts-noto-cjk (no font covers Chinese)" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 \
    || echo "screenshot-report: could not install fonts-noto-cjk; Chinese text may show as boxes" >&2
fi

abs_report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
out_dir="$(dirname "$out")"
[ -d "$out_dir" ] || die "the directory of '$out' does not exist"
abs_out="$(cd "$out_dir" && pwd)/$(basename "$out")"
rm -f "$abs_out"

width="${size%x*}"
height="${size#*x}"
# CSS window of 794 px (A4 width at 96 dpi) and the height of the same aspect ratio; scale to the PNG.
scale="$(awk -v w="$width" 'BEGIN { printf "%.6f", w / 794 }')"
css_height="$(awk -v h="$height" -v s="$scale" 'BEGIN { printf "%d", h / s + 0.5 }')"
"$chromium_bin" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --hide-scrollbars \
  --force-device-scale-factor="$scale" --window-size="794,$css_height" \
  --screenshot="$abs_out" "file://$abs_report" >/dev/null 2>&1 || true
if [ ! -s "$abs_out" ]; then
  echo "screenshot-report: Chromium wrote no screenshot" >&2
  exit 1
fi
echo "$abs_out"
