#!/usr/bin/env bash
# The audit benchmark (docs/performance.md): for each N, a synthetic corpus of N products as one file
# each and as one multi-document file; the libyaml-only floor on the same files; the end-to-end
# `loancheck audit` (median wall and CPU time of three runs, their ratios to the floor, highest peak
# memory); the in-process time of each phase.
#
#   scripts/benchmark.sh [N...]                default: 1000 10000 100000
#   LOANCHECK=path/to/loancheck scripts/benchmark.sh …   measure another build on the same corpora
#   scripts/benchmark.sh institutions [N...]   default: 100000 — N institutions linked by `affiliates` as one
#                                              chain, one star and not at all, one file each and one file
#
# Corpora and build products go to .build-bench/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh time cc

mode=products
if [ "${1:-}" = institutions ]; then mode=institutions; shift; fi
sizes=("$@")
work=.build-bench
mkdir -p "$work"

swift build -c release --product loancheck >/dev/null
swift build -c release --product AuditBenchmark >/dev/null
bin=$(swift build -c release --show-bin-path)
# LOANCHECK=path measures another build (e.g. one built with `--traits Mimalloc`) on the same corpora.
loancheck=${LOANCHECK:-$bin/loancheck}

if [ "$mode" = institutions ]; then
  # Affiliate groups at scale: the end-to-end audit (median wall time of three runs, highest peak memory).
  [ ${#sizes[@]} -gt 0 ] || sizes=(100000)
  printf '%-8s %-6s %-7s %8s %10s %10s\n' N shape layout files audit_s peak_MB
  for n in "${sizes[@]}"; do
    for shape in chain star none; do
      for layout in files single; do
        corpus="$work/institutions-$n-$shape-$layout"
        if [ ! -d "$corpus" ]; then
          flag=(); [ "$layout" = single ] && flag=(--single-file)
          "$bin/AuditBenchmark" institutions "$n" "$corpus" --shape "$shape" "${flag[@]}" >/dev/null
        fi
        files=$(find "$corpus" -name '*.yaml' | wc -l)
        for run in 1 2 3; do
          /usr/bin/time -f '%e %M' -o "$work/time.txt" "$loancheck" audit "$corpus" --as-of 2026-11-22 \
            --format json --output "$work/report-institutions.json" >/dev/null 2>&1 || true
          tail -n 1 "$work/time.txt"
        done > "$work/runs.txt"
        audit=$(sort -n "$work/runs.txt" | awk 'NR == 2 { print $1 }')
        rss=$(sort -n -k2 "$work/runs.txt" | awk 'END { print $2 }')
        printf '%-8s %-6s %-7s %8s %10.2f %10s\n' "$n" "$shape" "$layout" "$files" "$audit" "$((rss / 1024))"
      done
    done
  done
  exit 0
fi

[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
cc -O2 -o "$work/libyaml-floor" Benchmarks/libyaml-floor/floor.c $(pkg-config --cflags --libs yaml-0.1)

seconds() { # wall seconds of a command, its output discarded
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

printf '%-8s %-7s %8s %10s %10s %8s %8s %9s %12s %10s\n' N layout files floor_s audit_s ratio cpu_s cpu_ratio products/s peak_MB
for n in "${sizes[@]}"; do
  for layout in files single; do
    corpus="$work/corpus-$n-$layout"
    if [ ! -d "$corpus" ]; then
      if [ "$layout" = single ]; then
        "$bin/AuditBenchmark" generate "$n" "$corpus" --single-file >/dev/null
      else
        "$bin/AuditBenchmark" generate "$n" "$corpus" >/dev/null
      fi
    fi
    find "$corpus" -name '*.yaml' | sort > "$work/list-$n-$layout.txt"
    files=$(wc -l < "$work/list-$n-$layout.txt")
    "$work/libyaml-floor" --list "$work/list-$n-$layout.txt" >/dev/null   # warm the page cache
    floor=$(for run in 1 2 3; do seconds "$work/libyaml-floor" --list "$work/list-$n-$layout.txt"; echo; done | sort -n | sed -n 2p)
    # Three runs: the median wall time (the shared machine is noisy) and the highest peak memory.
    for run in 1 2 3; do
      /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$loancheck" audit "$corpus" --as-of 2026-11-22 \
        --format json --output "$work/report-$n-$layout.json" >/dev/null 2>&1 || true
      tail -n 1 "$work/time.txt"
    done > "$work/runs.txt"
    audit=$(sort -n "$work/runs.txt" | awk 'NR == 2 { print $1 }')
    rss=$(sort -n -k2 "$work/runs.txt" | awk 'END { print $2 }')
    cpu=$(awk '{ print $3 + $4 }' "$work/runs.txt" | sort -n | sed -n 2p)
    ratio=$(awk -v a="$audit" -v f="$floor" 'BEGIN { printf "%.1f", a / f }')
    cpu_ratio=$(awk -v c="$cpu" -v f="$floor" 'BEGIN { printf "%.1f", c / f }')
    rate=$(awk -v n="$n" -v a="$audit" 'BEGIN { printf "%d", n / a }')
    printf '%-8s %-7s %8s %10.3f %10.2f %8s %8.2f %9s %12s %10s\n' "$n" "$layout" "$files" "$floor" "$audit" "${ratio}x" \
      "$cpu" "${cpu_ratio}x" "$rate" "$((rss / 1024))"
  done
  echo "phases, N=$n (one file per product):"
  "$bin/AuditBenchmark" phases "$work/corpus-$n-files" | sed 's/^/  /'
done
