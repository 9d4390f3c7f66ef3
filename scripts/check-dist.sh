#!/usr/bin/env bash
# Checks a release tarball as a user without a Swift toolchain would meet it: unpacked into an empty
# directory, its binary must need no toolchain library (ldd: only glibc, the C++ runtime and libyaml),
# find its own Rules/, and audit a copy of Examples/ with an empty environment (env -i, PATH without
# the toolchain) giving the documented result; the man pages and completions must be there.
#
#   scripts/check-dist.sh dist/loancheck-VERSION-linux-ARCH.tar.gz
set -euo pipefail
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: scripts/check-dist.sh TARBALL" >&2; exit 2; }
cd "$(dirname "$0")/.."
repo=$PWD
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/loancheck-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "check-dist: $*" >&2; exit 1; }

tar -C "$work" -xzf "$tarball"
top=$(find "$work" -mindepth 1 -maxdepth 1 -type d)
[ "$(echo "$top" | wc -l)" -eq 1 ] || fail "the tarball must hold one top directory"
binary=$top/bin/loancheck
[ -x "$binary" ] || fail "no bin/loancheck in the tarball"

# Shared libraries: the base system and libyaml only — no libswift*, Foundation, ICU or dispatch.
libraries=$(ldd "$binary" | awk '{print $1}')
unexpected=$(echo "$libraries" | grep -Ev '^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|/lib/ld-linux-aarch64\.so\.1|ld-linux.*|libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libutil\.so\.1|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libyaml-0\.so\.2)$' || true)
[ -z "$unexpected" ] || fail "the binary needs libraries beyond glibc, the C++ runtime and libyaml: $unexpected"
if ldd "$binary" | grep -q 'not found'; then fail "a library is not found: $(ldd "$binary" | grep 'not found')"; fi

# An empty environment and a PATH without the toolchain: the binary alone.
cp -R Examples "$work/examples"
run() { (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$binary" "$@"); }
version=$(run --version)
echo "$version" | grep -qx "rules: $top/share/loancheck/Rules" || fail "the binary does not use the tarball's Rules/: $version"
status=0
run audit examples --as-of 2026-11-22 --no-config --format json --output "$work/report.json" || status=$?
[ "$status" -eq 1 ] || fail "audit of the examples exited $status (expected 1: their deliberate violations)"
expected=$("$repo/.build/debug/loancheck" audit Examples --as-of 2026-11-22 --no-config --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"])' || true)
actual=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$work/report.json")
[ -z "$expected" ] || [ "$expected" = "$actual" ] || fail "the summary differs from the checkout's build: $actual vs $expected"
run test >/dev/null || fail "loancheck test (the packs' own cases) fails with the tarball's Rules/"

for f in share/man/man1/loancheck.1 share/man/man1/loancheck.audit.1 share/bash-completion/completions/loancheck \
         share/zsh/site-functions/_loancheck share/fish/vendor_completions.d/loancheck.fish; do
  [ -s "$top/$f" ] || fail "missing $f"
done
echo "check-dist: $(basename "$tarball"): runs without the toolchain ($(echo "$libraries" | grep -c .) shared objects: glibc, C++ runtime, libyaml); audit and pack tests as in the checkout"
