#!/usr/bin/env bash
# Prints the path of check-jsonschema (PyPI), installing it into a virtual environment under .build/
# when it is missing (pinned: the corpus results must not move with a new release). Never installs
# into the system python.
#
# Usage: scripts/ensure-check-jsonschema.sh [--no-system-packages]
#   --no-system-packages  do not apt-get python3-venv when the venv module is missing (for tests).
# Exit status: 0 a path was printed; 3 the virtual environment could not be created or filled (no
# python3, no venv module, no network for pip: the reason is on stderr, callers may skip); 2 a usage error.
set -euo pipefail

version=0.39.0
system_packages=yes
case "${1:-}" in
  "") ;;
  --no-system-packages) system_packages=no ;;
  *) echo "usage: scripts/ensure-check-jsonschema.sh [--no-system-packages]" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.build/check-jsonschema"
bin="$venv/bin/check-jsonschema"
unavailable() { echo "ensure-check-jsonschema: $*" >&2; exit 3; }

if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "$version"; then
  echo "$bin"
  exit 0
fi
command -v python3 >/dev/null 2>&1 || unavailable "python3 is required to create the virtual environment"
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  [ "$system_packages" = yes ] || unavailable "python3 has no venv/ensurepip module (install python3-venv)"
  "$root/scripts/ensure-deps.sh" venv >&2 || unavailable "could not install python3-venv"
fi
echo "ensure-check-jsonschema: installing check-jsonschema $version into $venv" >&2
rm -rf "$venv"
python3 -m venv "$venv" >&2 || { rm -rf "$venv"; unavailable "python3 -m venv $venv failed"; }
"$venv/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$version" >&2 \
  || { rm -rf "$venv"; unavailable "pip could not install check-jsonschema $version (offline?)"; }
echo "$bin"
