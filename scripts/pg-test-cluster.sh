#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the SQL-engine tests, beside (never instead of) a system cluster.
#
#   scripts/pg-test-cluster.sh start   create the cluster if missing, start it, create role + database
#                                      `loancheck`, print the connection as KEY=VALUE lines
#   scripts/pg-test-cluster.sh env     print PGHOST, PGPORT, PGUSER, PGDATABASE (no side effect)
#   scripts/pg-test-cluster.sh stop    stop it (idempotent; the data stays for the next start)
#   scripts/pg-test-cluster.sh drop    stop it and delete it (pg_dropcluster)
#
# It is a Debian cluster of its own (`pg_createcluster MAJOR loancheck`, port 54329 unless
# LOANCHECK_PG_PORT says otherwise), started by hand only (start.conf = manual, so the system's
# postgresql service never starts it), with trust authentication and no TCP listener: clients reach it
# through the Unix socket in /var/run/postgresql. The `main` cluster and its port are left alone.
# Settings favour speed over durability (fsync off): it holds test data only.
# Needs root (or the postgres user) and the `postgresql` package (scripts/ensure-sql-engines.sh postgres).
set -euo pipefail

name=${LOANCHECK_PG_CLUSTER:-loancheck}
port=${LOANCHECK_PG_PORT:-54329}
socketdir=/var/run/postgresql
db=loancheck
role=loancheck

major() {
  # The newest PostgreSQL server installed (Debian installs each major under /usr/lib/postgresql/N).
  local v
  v=$(ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -1 || true)
  if [ -z "$v" ] || [ ! -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
    echo "pg-test-cluster: no PostgreSQL server installed (run scripts/ensure-sql-engines.sh postgres)" >&2
    exit 2
  fi
  echo "$v"
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

print_env() {
  echo "PGHOST=$socketdir"
  echo "PGPORT=$port"
  echo "PGUSER=$role"
  echo "PGDATABASE=$db"
}

status() {  # prints online / down / missing
  local s
  s=$(pg_lsclusters --no-header 2>/dev/null | awk -v v="$1" -v n="$name" '$1 == v && $2 == n {print $4}')
  echo "${s:-missing}"
}

cmd=${1:-}
case "$cmd" in
  env)
    print_env
    ;;
  start)
    v=$(major)
    if [ "$(status "$v")" = missing ]; then
      # A port already taken by another cluster would make pg_createcluster pick another one silently.
      if pg_lsclusters --no-header 2>/dev/null | awk '{print $3}' | grep -qx "$port"; then
        echo "pg-test-cluster: port $port is used by another cluster (set LOANCHECK_PG_PORT)" >&2
        exit 2
      fi
      pg_createcluster "$v" "$name" -p "$port" --start-conf=manual --socketdir="$socketdir" \
        -o listen_addresses= -o fsync=off -o synchronous_commit=off -o full_page_writes=off \
        -o max_connections=20 -o shared_buffers=64MB \
        -- --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    mkdir -p "$socketdir" && chown postgres:postgres "$socketdir" 2>/dev/null || true
    if [ "$(status "$v")" != online ]; then
      pg_ctlcluster "$v" "$name" start
    fi
    # Role and database, idempotently (the superuser connects over the socket as postgres).
    psql_su=(as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$socketdir" -p "$port" -d postgres)
    if [ "$("${psql_su[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
      "${psql_su[@]}" -c "CREATE ROLE $role LOGIN"
    fi
    if [ "$("${psql_su[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
      "${psql_su[@]}" -c "CREATE DATABASE $db OWNER $role ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
    fi
    print_env
    ;;
  stop)
    v=$(major)
    if [ "$(status "$v")" = online ]; then
      pg_ctlcluster "$v" "$name" stop -m fast
    fi
    ;;
  drop)
    v=$(major)
    if [ "$(status "$v")" != missing ]; then
      pg_dropcluster --stop "$v" "$name"
    fi
    ;;
  *)
    echo "usage: scripts/pg-test-cluster.sh start|stop|env|drop" >&2
    exit 2
    ;;
esac
