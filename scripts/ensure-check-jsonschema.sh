#!/usr/bin/env bash
# Prints the path of check-jsonschema (PyPI, pinned: the corpus results must not move with a new
# release), installed when missing into the virtual environment .build/venv-check-jsonschema through
# ensure-venv.sh. Never installs into the system python.
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
unavailable() { echo "ensure-check-jsonschema: $*" >&2; exit 3; }

command -v python3 >/dev/null 2>&1 || unavailable "python3 is required to create the virtual environment"
if [ "$system_packages" = no ] && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  unavailable "python3 has no venv/ensurepip module (install python3-venv)"
fi
bin="$("$root/scripts/ensure-venv.sh" check-jsonschema "check-jsonschema==$version")" \
  || unavailable "could not install check-jsonschema $version into .build/venv-check-jsonschema (offline?)"
echo "$bin/check-jsonschema"
