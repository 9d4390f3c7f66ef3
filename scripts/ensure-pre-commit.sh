#!/usr/bin/env bash
# Installs pre-commit (PyPI) into its own virtual environment, .build/venv-pre-commit
# (LOANCHECK_PRE_COMMIT_VENV overrides), only when it is missing or another version, and prints the
# path of its `pre-commit` on stdout (progress on stderr). Never touches the system Python.
#
#   PRE_COMMIT=$(scripts/ensure-pre-commit.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
PRE_COMMIT_VERSION=4.7.0
venv=${LOANCHECK_PRE_COMMIT_VENV:-$PWD/.build/venv-pre-commit}
case "$venv" in /*) ;; *) venv=$PWD/$venv ;; esac

log() { echo "ensure-pre-commit: $*" >&2; }

if [ -x "$venv/bin/pre-commit" ] && [ "$("$venv/bin/pre-commit" --version 2>/dev/null)" = "pre-commit $PRE_COMMIT_VERSION" ]; then
  echo "$venv/bin/pre-commit"
  exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1; then
  log "installing python3-venv"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
fi
mkdir -p "$(dirname "$venv")"
[ -x "$venv/bin/pip" ] || { log "creating $venv"; python3 -m venv "$venv"; }
log "installing pre-commit $PRE_COMMIT_VERSION"
"$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION" >&2
echo "$venv/bin/pre-commit"
