#!/usr/bin/env bash
# Prints the path of a Chromium that can run headless (chromium, chromium-browser or google-chrome),
# installing Debian's `chromium` through ensure-deps.sh only when none is found (about 100 MB).
# Exit status: 0 a path was printed, 2 none could be found or installed.
set -euo pipefail

bin="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$bin" ]; then
  echo "find-chromium: installing chromium (Debian package, about 100 MB)" >&2
  "$(dirname "$0")/ensure-deps.sh" chromium >&2 \
    || { echo "find-chromium: could not install chromium; install it and run again" >&2; exit 2; }
  bin="$(command -v chromium || true)"
  [ -n "$bin" ] || { echo "find-chromium: chromium is still not on PATH after installing it" >&2; exit 2; }
fi
echo "$bin"
