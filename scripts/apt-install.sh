#!/usr/bin/env bash
# Installs the Debian packages among "$@" that dpkg does not report as installed, non-interactively
# (CI=true, no stdin). As root it uses apt-get; otherwise sudo when it needs no password. A user who
# can do neither gets the exact list and command to run, and exit 2 — before anything else runs, never
# halfway through a test.
#
#   scripts/apt-install.sh libxml2-utils chromium
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  {
    echo "loancheck: these Debian packages are needed and missing: ${missing[*]}"
    echo "  hint: install them as root, then run the command again:"
    echo "    apt-get install -y ${missing[*]}"
  } >&2
  exit 2
fi
echo "apt-install: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq </dev/null >&2
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2
