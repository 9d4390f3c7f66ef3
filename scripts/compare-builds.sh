#!/usr/bin/env bash
# Compares two loancheck binaries on one corpus in alternating runs (A B A B …), so that load from
# other work on a shared machine falls on both alike; prints the minimum and median wall time, the
# median CPU time and the highest peak memory of each, and whether their JSON reports are identical.
#
#   scripts/compare-builds.sh OLD_BINARY NEW_BINARY [RUNS=11] [CORPUS=.build-bench/corpus-10000-files]
#
# Build the old binary from another worktree, e.g.:
#   git worktree add /tmp/base HEAD~1 && (cd /tmp/base && swift build -c release --product loancheck)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n 2,9p "$0" >&2; exit 2; }
old=$1 new=$2 runs=${3:-11} corpus=${4:-.build-bench/corpus-10000-files}
[ -x /usr/bin/time ] || scripts/ensure-deps.sh time
[ -d "$corpus" ] || { echo "no corpus $corpus (scripts/benchmark.sh generates it)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$runs"); do
  for side in A B; do
    bin=$old; [ $side = B ] && bin=$new
    /usr/bin/time -f "$side %e %U %S %M" -o "$work/time" "$bin" audit "$corpus" --as-of 2026-11-22 \
      --format json --output "$work/report-$side.json" >/dev/null 2>&1 || true
    tail -1 "$work/time" >> "$work/times"
  done
done
awk '
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4); if ($5 > rss[$1]) rss[$1] = $5 }
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  function minimum(list,   n, v, i, m) { n = split(list, v, " "); m = v[1]; for (i = 2; i <= n; i++) if (v[i] < m) m = v[i]; return m }
  END {
    split("A B", sides, " ")
    for (k = 1; k <= 2; k++) { s = sides[k]
      printf "%s %-8s wall min %.3f s  median %.3f s   cpu median %.3f s   peak %d MiB\n", s, (s == "A" ? "old" : "new"),
        minimum(wall[s]), median(wall[s]), median(cpu[s]), rss[s] / 1024 }
  }' "$work/times"
if cmp -s "$work/report-A.json" "$work/report-B.json"; then echo "reports: identical"; else echo "reports: DIFFERENT"; fi
