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
as_of=2026-11-22
. scripts/benchmark-common.sh   # root, work, runs, bin; ledger_tape, measure

# The DuckDB CLI, pinned, in a virtual environment of its own (never the system Python).
venv=.build/venv-bench
duckdb_version=1.5.6
if [ ! -x "$venv/bin/duckdb" ] || [ "$("$venv/bin/duckdb" --version | awk '{print $1}')" != "v$duckdb_version" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "duckdb-cli==$duckdb_version"
fi
duckdb="$root/$venv/bin/duckdb"

measure_header
for n in "${sizes[@]}"; do
  dir=$(ledger_tape "$n")
  cat "$dir"/*.csv >/dev/null   # warm the page cache for both engines alike
  rm -f "$work/ledger-$n-loancheck.json" "$work/ledger-$n-duckdb.csv"
  measure "loancheck stream" "$n" "$work/ledger-$n-loancheck" "$bin/loancheck" audit "$dir" --engine stream \
    --as-of "$as_of" --format json --output "$work/ledger-$n-loancheck.json" --fail-on never
  (cd "$dir" && measure duckdb "$n" "$work/ledger-$n-duckdb" \
    "$duckdb" -cmd "SET VARIABLE as_of = DATE '$as_of'" -f "$root/scripts/ledger-anchor.sql")
  cp "$work/ledger-$n-duckdb-1.out" "$work/ledger-$n-duckdb.csv"
  "$venv/bin/python" scripts/ledger-compare.py "$dir/expected.json" "$work/ledger-$n-loancheck.json" \
    "$work/ledger-$n-duckdb.csv" | sed 's/^/  /' || echo "  (counts differ: see above)"
done
