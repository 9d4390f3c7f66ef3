#!/usr/bin/env bash
# Makes the Python virtual environment .build/venv-NAME with exactly the pinned PyPI packages given,
# installing only what is missing or another version, and prints its bin directory on stdout (progress
# on stderr). Never touches the system Python (Debian refuses `pip install` there: PEP 668); python3-venv
# is installed through apt-install.sh when missing. Concurrent runs are serialised by a lock.
#
#   bin=$(scripts/ensure-venv.sh tools jsonschema==4.23.0)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: scripts/ensure-venv.sh NAME PACKAGE==VERSION..." >&2; exit 2; }
name=$1
shift
venv="$root/.build/venv-$name"
log() { echo "ensure-venv: $*" >&2; }

mkdir -p "$root/.build"
exec 9>"$venv.lock"
flock 9
# A venv whose interpreter is gone (made by a Python since removed) is made again.
if [ -d "$venv" ] && ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  log "removing the broken virtual environment $venv"
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  # Debian's own python3; python3-venv brings ensurepip.
  python=/usr/bin/python3
  [ -x "$python" ] || python=$(command -v python3) || { log "python3 is required"; exit 2; }
  "$python" -c 'import venv, ensurepip' >/dev/null 2>&1 || "$root/scripts/apt-install.sh" python3-venv
  log "creating $venv"
  "$python" -m venv "$venv" >&2
fi
needed=()
for requirement in "$@"; do
  package=${requirement%%==*}
  version=${requirement#*==}
  installed=$("$venv/bin/python" -c 'import importlib.metadata as m, sys
try: print(m.version(sys.argv[1]))
except m.PackageNotFoundError: pass' "$package")
  [ "$installed" = "$version" ] || needed+=("$requirement")
done
if [ ${#needed[@]} -gt 0 ]; then
  log "installing ${needed[*]} into $venv"
  PIP_NO_INPUT=1 "$venv/bin/pip" install --quiet --disable-pip-version-check "${needed[@]}" </dev/null >&2
fi
echo "$venv/bin"
