#!/usr/bin/env bash
# Installs the system packages loancheck builds against, only when they are missing.
# libyaml is the one system dependency (not vendored): SwiftPM finds it through pkg-config.
# Extras name what other targets need (see the case below; `test` is the test command's whole list);
# `mimalloc` installs libmimalloc-dev for the opt-in `Mimalloc` build trait. Installing goes through
# apt-install.sh: as a user without root or sudo, the missing packages are listed and nothing runs.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists yaml-0.1 2>/dev/null; then
  missing+=(libyaml-dev)
fi
extras=()
for extra in "$@"; do
  # `test`: everything the README's test command installs, checked before it starts, so that a user
  # without root learns the whole list at once (ensure-sql-engines.sh checks the Java version and
  # installs the Python engines).
  if [ "$extra" = test ]; then extras+=(xmllint chromium venv git postgres java); else extras+=("$extra"); fi
done
for extra in "${extras[@]}"; do
  case "$extra" in
    xmllint) command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils) ;;
    chromium) command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
                || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium) ;;
    time) [ -x /usr/bin/time ] || missing+=(time) ;;
    cc) command -v cc >/dev/null 2>&1 || missing+=(gcc) ;;
    venv) python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv) ;;
    git) command -v git >/dev/null 2>&1 || missing+=(git) ;;
    postgres) compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql) ;;
    java) command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless) ;;
    mimalloc) compgen -G "/usr/lib/*/libmimalloc.so" >/dev/null || compgen -G "/usr/lib/libmimalloc.so" >/dev/null \
                || missing+=(libmimalloc-dev) ;;
    *) echo "ensure-deps: unknown extra '$extra'" >&2; exit 2 ;;
  esac
done

[ ${#missing[@]} -eq 0 ] || "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" "${missing[@]}"
