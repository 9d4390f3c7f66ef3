#!/usr/bin/env bash
# Runs one tiny query on each SQL engine that is available and prints its version: DuckDB, PostgreSQL
# (a throwaway cluster, scripts/pg-test-cluster.sh, stopped again if this script started it), Spark
# (scripts/spark-sql-runner.py, local[2]) and, for Trino, a parse with sqlglot. An engine that is not
# installed is skipped; `--install` installs them first (scripts/ensure-sql-engines.sh all).
#
#   scripts/sql-engines-smoke.sh [--install] [duckdb|postgres|spark|trino]...
#
# The query checks the semantics the ledger SQL relies on, in each dialect: integer division truncating
# toward zero (7 / 2 = 3, -7 / 2 = -3), an exact DECIMAL(38, s) product (123.45 × 0.3 = 37.035000000000,
# never rounded or turned into a DOUBLE), text in byte order ('L10' < 'L2', 'B' < 'b', 'z' < '中') and
# Kleene logic (NULL AND FALSE is false). Closes with "N passed, N failed, N skipped"; exit 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

install=
engines=()
for a in "$@"; do
  case "$a" in
    --install) install=1 ;;
    duckdb|postgres|spark|trino) engines+=("$a") ;;
    *) echo "usage: scripts/sql-engines-smoke.sh [--install] [duckdb|postgres|spark|trino]..." >&2; exit 2 ;;
  esac
done
[ ${#engines[@]} -gt 0 ] || engines=(duckdb postgres spark trino)
venv=${LOANCHECK_SQL_VENV:-$root/.build/venv-sql}
if [ -n "$install" ]; then
  scripts/ensure-sql-engines.sh all >/dev/null || exit 2
fi

expected='3,-3,37.035000000000,yes,yes'
passed=0 failed=0 skipped=0
report() {  # engine version status detail
  printf '%-9s %-44s %s%s\n' "$1" "$2" "$3" "${4:+  ($4)}"
  case "$3" in PASS) passed=$((passed + 1)) ;; FAIL) failed=$((failed + 1)) ;; *) skipped=$((skipped + 1)) ;; esac
}
check() {  # engine version output
  local got
  got=$(printf '%s' "$3" | tr -d '\r' | tail -n 1)
  if [ "$got" = "$expected" ]; then report "$1" "$2" PASS; else report "$1" "$2" FAIL "got '$got', expected '$expected'"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for engine in "${engines[@]}"; do
  case "$engine" in
    duckdb)
      duckdb=${LOANCHECK_DUCKDB:-$venv/bin/duckdb}
      [ -x "$duckdb" ] || duckdb=$(command -v duckdb || true)
      if [ -z "$duckdb" ]; then report duckdb - SKIP "not installed"; continue; fi
      version=$("$duckdb" --version 2>/dev/null | awk '{print $1}')
      out=$("$duckdb" -bail -csv -noheader -c "SELECT 7 // 2, -7 // 2,
          CAST(CAST('123.45' AS DECIMAL(18,2)) AS DECIMAL(38,2)) * CAST(CAST('0.3' AS DECIMAL(16,10)) AS DECIMAL(38,10)),
          CASE WHEN 'L10' < 'L2' AND 'B' < 'b' AND 'z' < '中' THEN 'yes' ELSE 'no' END,
          CASE WHEN (CAST(NULL AS BOOLEAN) AND FALSE) = FALSE THEN 'yes' ELSE 'no' END" 2>&1)
      check duckdb "duckdb $version" "$out"
      ;;
    postgres)
      if ! command -v psql >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        report postgres - SKIP "not installed"; continue
      fi
      started=
      if ! scripts/pg-test-cluster.sh env >/dev/null 2>&1 || [ "$(pg_lsclusters --no-header 2>/dev/null | awk '$2 == "'"${LOANCHECK_PG_CLUSTER:-loancheck}"'" {print $4}')" != online ]; then
        started=1
      fi
      if ! conn=$(scripts/pg-test-cluster.sh start 2>"$tmp/pg.err"); then
        report postgres - FAIL "cluster: $(head -c 200 "$tmp/pg.err")"; continue
      fi
      out=$(env $conn psql -X -q -v ON_ERROR_STOP=1 --csv -t -c "SELECT 7 / 2, -7 / 2,
          CAST(CAST('123.45' AS NUMERIC(18,2)) AS NUMERIC(38,2)) * CAST(CAST('0.3' AS NUMERIC(16,10)) AS NUMERIC(38,10)),
          CASE WHEN 'L10' < 'L2' COLLATE \"C\" AND 'B' < 'b' COLLATE \"C\" AND 'z' < '中' COLLATE \"C\" THEN 'yes' ELSE 'no' END,
          CASE WHEN (CAST(NULL AS BOOLEAN) AND FALSE) = FALSE THEN 'yes' ELSE 'no' END" 2>&1)
      version=$(env $conn psql -X -q -t -A -c "SHOW server_version" 2>/dev/null | awk '{print $1}')
      check postgres "postgresql $version" "$out"
      [ -z "$started" ] || scripts/pg-test-cluster.sh stop >/dev/null 2>&1
      ;;
    spark)
      spark=${LOANCHECK_SPARK:-$venv/bin/loancheck-spark-submit}
      if [ ! -x "$spark" ] || ! command -v java >/dev/null 2>&1; then report spark - SKIP "not installed"; continue; fi
      version=$("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null)
      cat >"$tmp/smoke.sql" <<'EOF'
SELECT 7 div 2 AS a, -7 div 2 AS b,
  CAST(CAST('123.45' AS DECIMAL(18,2)) AS DECIMAL(38,2)) * CAST(CAST('0.3' AS DECIMAL(16,10)) AS DECIMAL(38,10)) AS c,
  CASE WHEN 'L10' < 'L2' AND 'B' < 'b' AND 'z' < '中' THEN 'yes' ELSE 'no' END AS d,
  CASE WHEN (CAST(NULL AS BOOLEAN) AND FALSE) = FALSE THEN 'yes' ELSE 'no' END AS e
EOF
      start=$(date +%s.%N)
      if "$spark" scripts/spark-sql-runner.py --output "$tmp/spark.csv" "$tmp/smoke.sql" >"$tmp/spark.log" 2>&1; then
        secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
        out=$(cat "$tmp/spark.csv")
        got=$(printf '%s' "$out" | tail -n 1)
        if [ "$got" = "$expected" ]; then report spark "pyspark $version (local[2], ${secs}s)" PASS
        else report spark "pyspark $version" FAIL "got '$got', expected '$expected'"; fi
      else
        report spark "pyspark $version" FAIL "$(grep -v '^WARNING: Using incubator' "$tmp/spark.log" | head -c 300)"
      fi
      ;;
    trino)
      py=${LOANCHECK_SQLGLOT_PYTHON:-$venv/bin/python}
      if [ ! -x "$py" ] || ! "$py" -c 'import sqlglot' 2>/dev/null; then report trino - SKIP "sqlglot not installed"; continue; fi
      version=$("$py" -c 'import sqlglot; print(sqlglot.__version__)')
      if msg=$("$py" - 2>&1 <<'EOF'
import sqlglot
from sqlglot import exp, ErrorLevel
sql = """SELECT 7 / 2, -7 / 2,
  CAST(CAST('123.45' AS DECIMAL(18,2)) AS DECIMAL(38,2)) * CAST(CAST('0.3' AS DECIMAL(16,10)) AS DECIMAL(38,10)),
  CASE WHEN 'L10' < 'L2' AND 'B' < 'b' AND 'z' < '中' THEN 'yes' ELSE 'no' END,
  CASE WHEN (CAST(NULL AS BOOLEAN) AND FALSE) = FALSE THEN 'yes' ELSE 'no' END"""
tree = sqlglot.parse_one(sql, read="trino", error_level=ErrorLevel.RAISE)
unknown = [f.name for f in tree.find_all(exp.Anonymous)]
assert not unknown, "functions sqlglot does not know: %s" % unknown
tree.sql(dialect="trino", unsupported_level=ErrorLevel.RAISE)
print("parsed")
EOF
      ); then report trino "sqlglot $version (parse only)" PASS
      else report trino "sqlglot $version" FAIL "$(printf '%s' "$msg" | tail -n 1)"; fi
      ;;
  esac
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
