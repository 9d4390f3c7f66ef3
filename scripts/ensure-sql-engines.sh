#!/usr/bin/env bash
# Installs the SQL engines that loancheck's SQL back ends are tested against, only what is missing, and
# prints the paths it set up as KEY=VALUE lines on stdout (progress goes to stderr):
#
#   scripts/ensure-sql-engines.sh [duckdb|postgres|spark|sqlglot|all]...     (default: all)
#   eval "$(scripts/ensure-sql-engines.sh duckdb postgres | sed 's/^/export /')"
#
#   duckdb    duckdb-cli (PyPI)                       LOANCHECK_DUCKDB
#   postgres  postgresql (Debian)                     LOANCHECK_PSQL, LOANCHECK_PG_CLUSTER (the script
#             that starts a throwaway cluster: scripts/pg-test-cluster.sh start|stop|env)
#   spark     openjdk-17-jre-headless (Debian) + pyspark (PyPI)
#                                                     LOANCHECK_SPARK (a spark-submit wrapper: SPARK_HOME,
#                                                     PYSPARK_PYTHON, SPARK_CONF_DIR=scripts/spark-conf,
#                                                     local[2]), LOANCHECK_SPARK_RUNNER, SPARK_HOME,
#                                                     PYSPARK_PYTHON, SPARK_CONF_DIR, JAVA_HOME
#   sqlglot   sqlglot (PyPI)                          LOANCHECK_SQLGLOT_PYTHON (a python that imports it)
#
# Python packages go into one virtual environment, .build/venv-sql (LOANCHECK_SQL_VENV overrides),
# never into the system Python; versions are pinned below and a different installed version is
# replaced. Debian packages are installed with apt-get only when `dpkg -s` says they are missing.
# Idempotent and non-interactive (CI=true, no stdin); runs as root (or with sudo). Concurrent runs are
# serialised by a lock on the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Measured on the 2-core machine with an empty pip cache: duckdb-cli 5 s (+58 MB), sqlglot 5 s (+7 MB),
# pyspark 18 s (a 456 MB download built into a wheel; +478 MB; the venv is ≈ 570 MB in all); a re-run
# with everything in place takes ≈ 1 s.
DUCKDB_CLI_VERSION=1.5.6
PYSPARK_VERSION=4.3.0      # runs on Java 17 (Spark 4 needs 17+); 3.5.x would be the line for Java 8/11
SQLGLOT_VERSION=30.31.0
venv=${LOANCHECK_SQL_VENV:-$root/.build/venv-sql}
case "$venv" in /*) ;; *) venv=$root/$venv ;; esac

log() { echo "ensure-sql-engines: $*" >&2; }

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(all)
for w in "${want[@]}"; do
  case "$w" in
    duckdb|postgres|spark|sqlglot) ;;
    all) want=(duckdb postgres spark sqlglot); break ;;
    *) echo "usage: scripts/ensure-sql-engines.sh [duckdb|postgres|spark|sqlglot|all]..." >&2; exit 2 ;;
  esac
done
wants() { local x; for x in "${want[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

export DEBIAN_FRONTEND=noninteractive PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
apt_updated=
apt_install() {  # installs the Debian packages among "$@" that dpkg does not report as installed
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  log "installing ${missing[*]} (apt-get)"
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq </dev/null >&2; apt_updated=1; fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2
}

# --- the virtual environment ------------------------------------------------------------------------
pip_pkgs=()
wants duckdb && pip_pkgs+=("duckdb-cli==$DUCKDB_CLI_VERSION")
wants spark && pip_pkgs+=("pyspark==$PYSPARK_VERSION")
wants sqlglot && pip_pkgs+=("sqlglot==$SQLGLOT_VERSION")

if [ ${#pip_pkgs[@]} -gt 0 ]; then
  mkdir -p "$(dirname "$venv")"
  exec 9>"$venv.lock"
  flock 9
  # A venv whose interpreter is gone (e.g. made by a Python that was removed) is made again.
  if [ -d "$venv" ] && ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    log "removing the broken virtual environment $venv"
    rm -rf "$venv"
  fi
  if [ ! -x "$venv/bin/python" ]; then
    # Debian's python3 (stable across sessions, unlike a pyenv shim); python3-venv brings ensurepip.
    py=/usr/bin/python3
    [ -x "$py" ] || { apt_install python3; }
    "$py" -c 'import ensurepip, venv' >/dev/null 2>&1 || apt_install python3-venv
    log "creating $venv"
    "$py" -m venv "$venv" >&2
  fi
  # Which pinned packages are missing or at another version (read from metadata: no pip call).
  todo=()
  for spec in "${pip_pkgs[@]}"; do
    name=${spec%%==*} version=${spec#*==}
    have=$("$venv/bin/python" -c 'import sys, importlib.metadata as m
try: print(m.version(sys.argv[1]))
except m.PackageNotFoundError: pass' "$name" 2>/dev/null || true)
    [ "$have" = "$version" ] || todo+=("$spec")
  done
  if [ ${#todo[@]} -gt 0 ]; then
    log "installing ${todo[*]} into $venv (pip)"
    "$venv/bin/pip" install --quiet --no-input "${todo[@]}" </dev/null >&2
  fi
  exec 9>&-
fi

# --- each engine --------------------------------------------------------------------------------------
if wants duckdb; then
  "$venv/bin/duckdb" -c 'SELECT 1' >/dev/null </dev/null
  echo "LOANCHECK_DUCKDB=$venv/bin/duckdb"
fi

if wants postgres; then
  apt_install postgresql
  psql=$(command -v psql || echo /usr/bin/psql)
  echo "LOANCHECK_PSQL=$psql"
  echo "LOANCHECK_PG_CLUSTER=$root/scripts/pg-test-cluster.sh"
fi

if wants spark; then
  # Spark 4 runs on Java 17 or 21: keep a Java that is already there, else Debian's 17 runtime.
  java_ok=
  if command -v java >/dev/null 2>&1; then
    jv=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
    case "$jv" in 17|2[0-9]) java_ok=1 ;; esac
  fi
  [ -n "$java_ok" ] || apt_install openjdk-17-jre-headless
  java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)")")")}
  spark_home=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
  wrapper=$venv/bin/loancheck-spark-submit
  cat >"$wrapper.tmp" <<EOF
#!/usr/bin/env bash
# spark-submit of the pyspark in this venv, with loancheck's local settings (written by
# scripts/ensure-sql-engines.sh; --master and --conf given on the command line take precedence).
export SPARK_HOME='$spark_home'
export PYSPARK_PYTHON='$venv/bin/python' PYSPARK_DRIVER_PYTHON='$venv/bin/python'
export SPARK_CONF_DIR=\${LOANCHECK_SPARK_CONF_DIR:-'$root/scripts/spark-conf'}
export SPARK_LOCAL_IP=\${SPARK_LOCAL_IP:-127.0.0.1}
export JAVA_HOME=\${JAVA_HOME:-'$java_home'}
exec "\$SPARK_HOME/bin/spark-submit" "\$@"
EOF
  chmod +x "$wrapper.tmp"
  mv -f "$wrapper.tmp" "$wrapper"
  echo "LOANCHECK_SPARK=$wrapper"
  echo "LOANCHECK_SPARK_RUNNER=$root/scripts/spark-sql-runner.py"
  echo "SPARK_HOME=$spark_home"
  echo "PYSPARK_PYTHON=$venv/bin/python"
  echo "SPARK_CONF_DIR=$root/scripts/spark-conf"
  echo "JAVA_HOME=$java_home"
fi

if wants sqlglot; then
  "$venv/bin/python" -c 'import sqlglot' </dev/null
  echo "LOANCHECK_SQLGLOT_PYTHON=$venv/bin/python"
fi
