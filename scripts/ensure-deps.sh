#!/usr/bin/env bash
# Installs the system packages loancheck builds against, only when they are missing.
# libyaml is a system dependency (not vendored): SwiftPM finds it through pkg-config; mimalloc (the
# allocator the executables link on Linux) is found by the linker.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists yaml-0.1 2>/dev/null; then
  missing+=(libyaml-dev)
fi
# The executables link mimalloc on Linux (Package.swift); it ships no pkg-config file, so look for
# the library the linker needs.
if [ "$(uname -s)" = Linux ] && ! compgen -G "/usr/lib/*/libmimalloc.so" >/dev/null && ! compgen -G "/usr/lib/libmimalloc.so" >/dev/null; then
  missing+=(libmimalloc-dev)
fi
for extra in "$@"; do
  case "$extra" in
    xmllint) command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils) ;;
    chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    time) [ -x /usr/bin/time ] || missing+=(time) ;;
    cc) command -v cc >/dev/null 2>&1 || missing+=(gcc) ;;
    venv) python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv) ;;
    *) echo "ensure-deps: unknown extra '$extra'" >&2; exit 2 ;;
  esac
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
