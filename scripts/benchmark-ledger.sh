#!/usr/bin/env bash
# The ledger benchmark (docs/performance.md, "Ledger audits"): for each N, a generated loan tape of N
# loans (`AuditBenchmark generate-ledger N DIR`, cached under .build-bench/ledger-N), audited by
# `loancheck audit DIR --engine stream` and by the hand-written DuckDB anchor (scripts/ledger-anchor.sql,
# the DuckDB CLI from PyPI in .build/venv-bench), each under /usr/bin/time -v: wall, CPU, peak memory,
# rows/s. Then the counts per rule of the manifest, of loancheck and of DuckDB side by side.
#
#   scripts/benchmark-ledger.sh [N...]          default: 1000000 10000000
#   RUNS=3 scripts/benchmark-ledger.sh 1000000  three runs of each (median wall, highest peak)
#
# A 10M-row tape is ≈1.3 GB of CSV; the script needs ≈3 GB free under .build-bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh time

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
runs=${RUNS:-1}
as_of=2026-11-22
work=.build-bench
root=$(pwd)
mkdir -p "$work"

swift build -c release --product loancheck >/dev/null
swift build -c release --product AuditBenchmark >/dev/null
bin=$(swift build -c release --show-bin-path)

# The DuckDB CLI, pinned, in a virtual environment of its own (never the system Python).
venv=.build/venv-bench
duckdb_version=1.5.6
if [ ! -x "$venv/bin/duckdb" ] || [ "$("$venv/bin/duckdb" --version | awk '{print $1}')" != "v$duckdb_version" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "duckdb-cli==$duckdb_version"
fi
duckdb="$root/$venv/bin/duckdb"

# One timed run: prints "wall cpu peak_MiB exit" from /usr/bin/time -v.
timed() {
  local log=$1; shift
  local status=0
  /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err" || status=$?
  awk -v status="$status" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { peak = $2 / 1024 }
    END { printf "%.2f %.2f %d %d\n", wall, cpu, peak, status }' "$log.time"
}

printf '%-10s %-16s %8s %8s %9s %12s %5s\n' N engine wall_s cpu_s peak_MiB rows/s exit
for n in "${sizes[@]}"; do
  dir="$work/ledger-$n"
  if [ ! -f "$dir/expected.json" ] || [ "$bin/AuditBenchmark" -nt "$dir/expected.json" ]; then
    rm -rf "$dir"
    /usr/bin/time -f "generated $n loans in %e s (peak %M KiB)" "$bin/AuditBenchmark" generate-ledger "$n" "$dir" >/dev/null
  fi
  cat "$dir"/*.csv >/dev/null   # warm the page cache for both engines alike
  rm -f "$work/ledger-$n-loancheck.json" "$work/ledger-$n-duckdb.csv"
  for engine in loancheck duckdb; do
    for run in $(seq "$runs"); do
      log="$work/ledger-$n-$engine-$run"
      if [ "$engine" = loancheck ]; then
        timed "$log" "$bin/loancheck" audit "$dir" --engine stream --as-of "$as_of" --format json \
          --output "$work/ledger-$n-loancheck.json" --fail-on never
      else
        (cd "$dir" && timed "$root/$log" "$duckdb" -cmd "SET VARIABLE as_of = DATE '$as_of'" -f "$root/scripts/ledger-anchor.sql")
        cp "$log.out" "$work/ledger-$n-duckdb.csv"
      fi
    done > "$work/runs.txt"
    read -r wall cpu peak status < <(sort -n "$work/runs.txt" | awk -v m=$(( (runs + 1) / 2 )) 'NR == m')
    peak=$(sort -n -k3 "$work/runs.txt" | awk 'END { print $3 }')
    rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%d", (w > 0) ? n / w : 0 }')
    label=$engine; [ "$engine" = loancheck ] && label="loancheck stream"
    printf '%-10s %-16s %8s %8s %9s %12s %5s\n' "$n" "$label" "$wall" "$cpu" "$peak" "$rate" "$status"
    if [ "$status" != 0 ]; then
      echo "  $engine exited $status; the end of its standard error:" && tail -n 5 "$work/ledger-$n-$engine-1.err" | sed 's/^/    /'
    fi
  done
  "$venv/bin/python" scripts/ledger-compare.py "$dir/expected.json" "$work/ledger-$n-loancheck.json" \
    "$work/ledger-$n-duckdb.csv" | sed 's/^/  /' || echo "  (counts differ: see above)"
done
