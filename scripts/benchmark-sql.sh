#!/usr/bin/env bash
# The SQL-engine benchmark (docs/performance.md, "SQL engines (issue 19)"). For each N, the generated
# tape of scripts/benchmark-ledger.sh (.build-bench/ledger-N) is converted once to Parquet by DuckDB
# (.build-bench/ledger-N-parquet-LAYOUT: the three tables, a LedgerSchema naming the .parquet files, the
# institutions), then each of these runs under /usr/bin/time -v (wall, CPU, peak memory, loans/s):
#
#   duckdb      loancheck audit PARQUET-DIR --engine duckdb
#   anchor      DuckDB running the hand-written anchor on the same Parquet files: the tables of
#               scripts/ledger-anchor-parquet.sql (…-typed.sql), then the validation and rules of
#               scripts/ledger-anchor.sql
#   spark       loancheck audit PARQUET-DIR --engine spark (local[2]); only for N ≤ SPARK_MAX_N
#   duckdb-csv  loancheck audit CSV-DIR --engine duckdb (loancheck validates the CSV itself meanwhile)
#   stream      loancheck audit CSV-DIR --engine stream
#
# Each row: median wall time of RUNS runs, its CPU time (user + system, the engine's processes
# included), `peak` (the largest single process: loancheck or one of the engine's), `self` (loancheck's
# own high-water mark; the anchor's is DuckDB's), loans/s, exit status, the load average (1/5/15 min)
# before the runs, and `engine` wall/CPU/peak of the engine's process tree as loancheck ran it (peak of
# its largest process: DuckDB's one process, Spark's JVM). Then the ratio loancheck duckdb / anchor
# (wall and CPU) and, for each loancheck report, scripts/ledger-compare.py: the per-rule counts of the
# manifest, the report and the anchor, and every injected case among the report's findings.
#
#   scripts/benchmark-sql.sh [N...]                default: 1000000 10000000
#   RUNS=3 scripts/benchmark-sql.sh 1000000        three runs of each (median wall, highest peak)
#   ENGINES="duckdb anchor" scripts/benchmark-sql.sh      a subset (default: all five, in that order)
#   PARQUET=typed|text|both                        the Parquet layout (default text):
#       text   the canonical cells as VARCHAR columns, as in the CSV (an empty cell NULL)
#       typed  dates DATE, `secured` BOOLEAN, money DECIMAL(18,2), `apr` and `share` DECIMAL(18,10)
#              fractions (the schema maps them with `format: fraction`); loancheck casts every column
#              to text and parses it, so both layouts give the same findings
#   SPARK_MAX_N=10000000                           Spark at 10M too (default: N ≤ 1,000,000 only)
#
#   LOANCHECK_DUCKDB=… LOANCHECK_SPARK=…           engines already installed (default: those of
#                                                  scripts/ensure-sql-engines.sh, installed if missing)
#
# Needs the CSV tapes' space (≈1.4 GB at 10M) plus ≈0.4 GB of Parquet per layout at 10M under
# .build-bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh time

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
read -r -a engines <<<"${ENGINES:-duckdb anchor spark duckdb-csv stream}"
case "${PARQUET:-text}" in
  text|typed) layouts=("${PARQUET:-text}") ;;
  both) layouts=(text typed) ;;
  *) echo "PARQUET must be text, typed or both" >&2; exit 2 ;;
esac
spark_max=${SPARK_MAX_N:-1000000}
as_of=2026-11-22
. scripts/benchmark-common.sh   # root, work, runs, bin; ledger_tape, measure, engine_wrapper

# The engines: LOANCHECK_DUCKDB / LOANCHECK_SPARK when set, else scripts/ensure-sql-engines.sh's.
wanted=()
[ -n "${LOANCHECK_DUCKDB:-}" ] || wanted+=(duckdb)
for e in "${engines[@]}"; do [ "$e" = spark ] && [ -z "${LOANCHECK_SPARK:-}" ] && wanted+=(spark); done
[ ${#wanted[@]} -eq 0 ] || eval "$(scripts/ensure-sql-engines.sh "${wanted[@]}" | sed 's/^/export /')"
duckdb=$LOANCHECK_DUCKDB
# loancheck runs each engine through a wrapper that times it, so its share of a run is seen.
duckdb_timed=$(engine_wrapper duckdb-timed "$duckdb")
spark_timed=$(engine_wrapper spark-timed "${LOANCHECK_SPARK:-spark-submit}")
echo "$("$duckdb" --version | awk '{print "DuckDB " $1}'); loancheck $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo +changes); load $(load_average)"

# The Parquet copy of the CSV tape DIR in LAYOUT, made once (again when the tape is newer).
parquet_tape() {
  local dir=$1 layout=$2 out="$1-parquet-$2"
  if [ -f "$out/ledger.yaml" ] && [ "$out/ledger.yaml" -nt "$dir/expected.json" ]; then echo "$out"; return; fi
  rm -rf "$out" && mkdir -p "$out"
  local text="header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"'"
  local loans="SELECT * FROM read_csv('$dir/loans.csv', $text, columns = {'loan_id': 'VARCHAR', 'lender': 'VARCHAR',
      'product': 'VARCHAR', 'borrower_id': 'VARCHAR', 'borrower_type': 'VARCHAR', 'purpose': 'VARCHAR',
      'secured': 'VARCHAR', 'contract_date': 'VARCHAR', 'disbursed_on': 'VARCHAR', 'principal': 'VARCHAR',
      'balance': 'VARCHAR', 'credit_line': 'VARCHAR', 'apr': 'VARCHAR', 'region': 'VARCHAR'})"
  local fundings="SELECT * FROM read_csv('$dir/fundings.csv', $text,
      columns = {'loan_id': 'VARCHAR', 'institution': 'VARCHAR', 'share': 'VARCHAR'})"
  local groups="SELECT * FROM read_csv('$dir/borrower-groups.csv', $text, columns = {'borrower_id': 'VARCHAR', 'group': 'VARCHAR'})"
  if [ "$layout" = typed ]; then
    # A percentage × 0.01 exactly (the tape spells at most 4 decimals of a percent).
    local fraction="CAST(CAST(rtrim(%s, '%%') AS DECIMAL(18,8)) * 0.01 AS DECIMAL(18,10))"
    loans="SELECT loan_id, lender, product, borrower_id, borrower_type, purpose, CAST(secured AS BOOLEAN) AS secured,
        CAST(contract_date AS DATE) AS contract_date, CAST(disbursed_on AS DATE) AS disbursed_on,
        CAST(principal AS DECIMAL(18,2)) AS principal, CAST(balance AS DECIMAL(18,2)) AS balance,
        CAST(credit_line AS DECIMAL(18,2)) AS credit_line, $(printf "$fraction" apr) AS apr, region FROM ($loans)"
    fundings="SELECT loan_id, institution, $(printf "$fraction" share) AS share FROM ($fundings)"
  fi
  /usr/bin/time -f "converted $dir to Parquet ($layout) in %e s (peak %M KiB)" "$duckdb" -bail -c "
    COPY ($loans) TO '$out/loans.parquet' (FORMAT parquet);
    COPY ($fundings) TO '$out/fundings.parquet' (FORMAT parquet);
    COPY ($groups) TO '$out/borrower-groups.parquet' (FORMAT parquet);" >/dev/null
  cp -r "$dir/institutions.yaml" "$dir/anchor" "$out/"
  local apr="" share=""
  if [ "$layout" = typed ]; then
    apr=$'\ncolumns: {apr: {column: apr, format: fraction}}'
    share=", columns: {share: {column: share, format: fraction}}"
  fi
  cat >"$out/ledger.yaml" <<EOF
# The Parquet copy ($layout columns) of the tape in $dir, made by scripts/benchmark-sql.sh.
kind: LedgerSchema
id: bench-tape-parquet
as_of: $(awk '/^as_of:/ { print $2 }' "$dir/ledger.yaml")
loans: {files: [loans.parquet]}$apr
fundings: {files: [fundings.parquet]$share}
borrower_groups: {files: [borrower-groups.parquet]}
EOF
  echo "$out"
}

opts=(--as-of "$as_of" --format json --fail-on never)

measure_header
for n in "${sizes[@]}"; do
  dir=$(ledger_tape "$n")
  rm -f "$work/ledger-$n-"*.json "$work/ledger-$n-anchor-"*.csv   # no stale report compared after a failed run
  reports=()
  for layout in "${layouts[@]}"; do
    pq=$(parquet_tape "$dir" "$layout")
    cat "$dir"/*.csv "$pq"/*.parquet >/dev/null   # the page cache warm for every run alike
    prelude=scripts/ledger-anchor-parquet.sql; [ "$layout" = typed ] && prelude=scripts/ledger-anchor-parquet-typed.sql
    { cat "$prelude"; sed -n '/^-- Shared with the Parquet anchor/,$p' scripts/ledger-anchor.sql; } >"$work/anchor-$layout.sql"
    anchor_csv="$work/ledger-$n-anchor-$layout.csv"
    duck= anch=
    for engine in "${engines[@]}"; do
      log="$work/ledger-$n-$engine-$layout"
      report="$work/ledger-$n-$engine-$layout.json"
      case "$engine" in
        duckdb)
          LOANCHECK_DUCKDB=$duckdb_timed measure "loancheck duckdb ($layout)" "$n" "$log" "$bin/loancheck" audit "$pq" --engine duckdb "${opts[@]}" --output "$report"; duck=$(cat "$work/last.txt") ;;
        anchor)
          (cd "$pq" && measure "hand-written duckdb ($layout)" "$n" "$log" \
              "$duckdb" -bail -cmd "SET VARIABLE as_of = DATE '$as_of'" -f "$work/anchor-$layout.sql")
          cp "$log-1.out" "$anchor_csv"; anch=$(cat "$work/last.txt") ;;
        spark)
          if [ "$n" -le "$spark_max" ]; then
            LOANCHECK_SPARK=$spark_timed measure "loancheck spark ($layout)" "$n" "$log" "$bin/loancheck" audit "$pq" --engine spark "${opts[@]}" --output "$report"
          else
            printf '%-9s %-28s %s\n' "$n" "loancheck spark ($layout)" "not run (N > SPARK_MAX_N = $spark_max)"
          fi ;;
        duckdb-csv|stream)
          [ "$layout" = "${layouts[0]}" ] || continue   # the CSV runs once per N
          report="$work/ledger-$n-$engine.json"
          LOANCHECK_DUCKDB=$duckdb_timed measure "loancheck ${engine%-csv} (CSV)" "$n" "$log" "$bin/loancheck" audit "$dir" --engine "${engine%-csv}" "${opts[@]}" --output "$report" ;;
        *) echo "unknown engine $engine (duckdb, anchor, spark, duckdb-csv, stream)" >&2; exit 2 ;;
      esac
      [ "$engine" = anchor ] || [ ! -f "$report" ] || reports+=("$report")
    done
    if [ -n "$duck" ] && [ -n "$anch" ]; then
      read -r dw dc <<<"$duck"; read -r aw ac <<<"$anch"
      awk -v dw="$dw" -v dc="$dc" -v aw="$aw" -v ac="$ac" -v l="$layout" 'BEGIN {
        printf "  ratio loancheck duckdb / hand-written duckdb (%s): wall %.2f×, CPU %.2f× (target ≤ 1.5×)\n", l, dw / aw, dc / ac }'
    fi
  done
  # Each report against the manifest and the anchor (of the first layout measured, else a blank one).
  anchor_csv="$work/ledger-$n-anchor-${layouts[0]}.csv"
  [ -f "$anchor_csv" ] || anchor_csv="$work/ledger-$n-anchor-${layouts[-1]}.csv"
  [ -f "$anchor_csv" ] || { anchor_csv="$work/no-anchor.csv"; echo "section,name,error,warning,cannot_evaluate" >"$anchor_csv"; }
  for report in "${reports[@]}"; do
    echo "  counts: $(basename "$report" .json) and $(basename "$anchor_csv" .csv)"
    python3 scripts/ledger-compare.py "$dir/expected.json" "$report" "$anchor_csv" | sed 's/^/    /' \
      || echo "    (counts differ: see above)"
  done
done
