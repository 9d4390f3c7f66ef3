#!/usr/bin/env bash
# Builds the portable release: a release binary with the Swift runtime and Foundation linked statically
# (--static-swift-stdlib), packed with the shipped Rules/, the man pages and the shell completions into
# dist/loancheck-VERSION-linux-ARCH.tar.gz. The binary then needs no Swift toolchain, only glibc and
# libyaml (Debian libyaml-0-2) — scripts/check-dist.sh proves it on the tarball.
#
#   scripts/dist.sh            (make dist)
#
# Layout of the tarball (one top directory):
#   loancheck-VERSION-linux-ARCH/bin/loancheck
#   loancheck-VERSION-linux-ARCH/share/loancheck/Rules/…            (found by the binary: ../share/loancheck/Rules)
#   loancheck-VERSION-linux-ARCH/share/man/man1/loancheck*.1
#   loancheck-VERSION-linux-ARCH/share/bash-completion/completions/loancheck
#   loancheck-VERSION-linux-ARCH/share/zsh/site-functions/_loancheck
#   loancheck-VERSION-linux-ARCH/share/fish/vendor_completions.d/loancheck.fish
#   loancheck-VERSION-linux-ARCH/README.md
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
scratch=.build/dist-build
"$SWIFT" build -c release --static-swift-stdlib --scratch-path "$scratch" >&2
binary="$("$SWIFT" build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/loancheck"
version=$("$binary" --version | sed -n '1s/^loancheck //p')
[ -n "$version" ] || { echo "dist: the binary printed no version" >&2; exit 2; }
name="loancheck-$version-linux-$(uname -m)"
stage=.build/dist-stage/$name
rm -rf .build/dist-stage && mkdir -p "$stage"
scripts/install-tree.sh "$binary" "$stage" "$scratch" >&2
cp README.md "$stage/"
mkdir -p dist
# Reproducible order and owners: the same inputs give the same member list.
tar --sort=name --owner=0 --group=0 --numeric-owner -C .build/dist-stage -czf "dist/$name.tar.gz" "$name"
echo "dist/$name.tar.gz"
