#!/usr/bin/env bash
# The SQL engines' conformance suite, as `make test` runs it: installs what is missing
# (scripts/ensure-sql-engines.sh: duckdb-cli, PostgreSQL, Java 17 + pyspark, sqlglot — Python packages in
# .build/venv-sql), starts a throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh; stopped again on
# exit, whatever happens), and runs the suites that drive the engines through the built binary:
# SQLConformanceTests (stream = DuckDB = PostgreSQL = Spark local[2] on the same tapes; Trino parsed by
# sqlglot) and SQLFailClosedTests. Without an engine those tests are skipped by `swift test`; here each
# is required.
#
#   scripts/sql-conformance.sh            (make check-sql; the tests must be built: swift build --build-tests)
#   LOANCHECK_SKIP_SPARK=1 scripts/sql-conformance.sh     leaves Spark out (about 2 minutes less)
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
engines=(duckdb postgres sqlglot)
[ "${LOANCHECK_SKIP_SPARK:-}" = 1 ] || engines+=(spark)

# Only KEY=VALUE lines are taken from the helpers' output.
export_lines() { local line; while IFS= read -r line; do [[ $line =~ ^[A-Z_][A-Z0-9_]*= ]] && export "${line?}"; done; return 0; }
export_lines < <(scripts/ensure-sql-engines.sh "${engines[@]}")
[ "${LOANCHECK_SKIP_SPARK:-}" = 1 ] || export LOANCHECK_SPARK_CONFORMANCE=1

trap 'scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true' EXIT
export_lines < <(scripts/pg-test-cluster.sh start)
[ -n "${PGHOST:-}" ] || { echo "sql-conformance: the PostgreSQL test cluster did not start" >&2; exit 2; }

required=(LOANCHECK_DUCKDB LOANCHECK_PSQL LOANCHECK_SQLGLOT_PYTHON)
[ "${LOANCHECK_SKIP_SPARK:-}" = 1 ] || required+=(LOANCHECK_SPARK)
for variable in "${required[@]}"; do
  [ -x "${!variable:-}" ] || { echo "sql-conformance: $variable is not an executable ('${!variable:-}')" >&2; exit 2; }
done
echo "sql-conformance: engines ${engines[*]}; PostgreSQL at $PGHOST:$PGPORT" >&2
"$SWIFT" test --skip-build --filter 'SQLConformanceTests|SQLFailClosedTests|SQLDriverFailureTests'
