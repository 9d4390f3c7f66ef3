#!/usr/bin/env bash
# Installs a built loancheck binary under PREFIX: bin/loancheck, share/loancheck/Rules (where the binary
# looks for its packs), the man pages (swift-argument-parser's generate-manual plugin) and the bash, zsh
# and fish completions the binary writes itself. Used by `make install` and `make dist`.
#
#   scripts/install-tree.sh BINARY PREFIX [SCRATCH]
#
# SCRATCH is a build directory (default .build) for swift-argument-parser's manual generator: the tool
# behind its generate-manual plugin, run on the built binary directly (the plugin itself would build
# loancheck once more).
set -euo pipefail
[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: scripts/install-tree.sh BINARY PREFIX [SCRATCH]" >&2; exit 2; }
binary=$1
prefix=$2
scratch=${3:-.build}
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}

install -d "$prefix/bin" "$prefix/share/loancheck" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$binary" "$prefix/bin/loancheck"
rm -rf "$prefix/share/loancheck/Rules" && cp -R Rules "$prefix/share/loancheck/Rules"

# The manual: one page per command (loancheck.1, loancheck.audit.1, …).
"$SWIFT" build --scratch-path "$scratch" --product generate-manual >&2
generator="$("$SWIFT" build --scratch-path "$scratch" --show-bin-path)/generate-manual"
manuals=$scratch/manual
rm -rf "$manuals" && mkdir -p "$manuals"
"$generator" "$binary" --multi-page --date "$(date -u +%Y-%m-%d)" --output-directory "$manuals" >&2
pages=$(find "$manuals" -name '*.1' | sort)
[ -n "$pages" ] || { echo "install-tree: generate-manual wrote no page" >&2; exit 2; }
install -m 644 $pages "$prefix/share/man/man1/"

"$binary" --generate-completion-script bash >"$prefix/share/bash-completion/completions/loancheck"
"$binary" --generate-completion-script zsh >"$prefix/share/zsh/site-functions/_loancheck"
"$binary" --generate-completion-script fish >"$prefix/share/fish/vendor_completions.d/loancheck.fish"
