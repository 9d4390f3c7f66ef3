# Shared by the ledger benchmarks (scripts/benchmark-ledger.sh, scripts/benchmark-sql.sh); sourced, not
# run, from the repository root:
#
#   . scripts/benchmark-common.sh      # sets root, work (absolute), runs; builds; sets bin
#   dir=$(ledger_tape N)               # the generated tape of N loans
#   measure LABEL N LOG command...     # RUNS timed runs of the command: one row of the table
#
# Every run is measured alike: wall and CPU (user + system of the command and every process it waited
# for: an SQL engine's client included) and peak memory from /usr/bin/time -v; with BENCH_ENGINE_TIME
# set (see engine_wrapper), the engine's own share.

root=$(pwd)
work=$root/.build-bench
runs=${RUNS:-1}
mkdir -p "$work"

swift build -c release --product loancheck >/dev/null
swift build -c release --product AuditBenchmark >/dev/null
bin=$(swift build -c release --show-bin-path)

# The 1-minute load average, then the 5- and 15-minute ones: the machine is shared, so every figure is
# printed with the load it was measured under.
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# One timed run of "$@" under /usr/bin/time -v, its output in LOG.out and LOG.err. Prints
# "wall cpu peak_MiB self_MiB exit load": `peak` is /usr/bin/time's maximum resident set, that of the
# largest single process (the command or one of its children, not their sum); `self` is the command's
# own high-water mark (VmHWM, read every 0.2 s while it runs, so growth in its last 0.2 s is missed).
timed() {
  local log=$1; shift
  local status=0 hwm=0 child value
  /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err" &
  local timer=$!
  while kill -0 "$timer" 2>/dev/null; do
    child=${child:-$(pgrep -P "$timer" | head -n 1)}
    if [ -n "$child" ]; then
      value=$(awk '/^VmHWM:/ { print $2 }' "/proc/$child/status" 2>/dev/null || true)
      [ -z "$value" ] || hwm=$value
    fi
    sleep 0.2
  done
  wait "$timer" || status=$?
  awk -v status="$status" -v hwm="$hwm" -v load="$(load_average | cut -d' ' -f1)" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { peak = $2 / 1024 }
    END { printf "%.2f %.2f %d %d %d %s\n", wall, cpu, peak, hwm / 1024, status, load }' "$log.time"
}

# An executable WORK/NAME that runs ENGINE under /usr/bin/time, appending "wall cpu peak_KiB" of the
# engine's process tree (CPU of all of it, peak of its largest process) to $BENCH_ENGINE_TIME: set
# loancheck's LOANCHECK_DUCKDB or LOANCHECK_SPARK to it to see the engine's share of a run.
engine_wrapper() {  # name engine
  local wrapper=$work/$1
  printf '#!/bin/sh\nexec /usr/bin/time -a -o "${BENCH_ENGINE_TIME:-/dev/null}" -f "%%e %%U %%S %%M" %q "$@"\n' "$2" >"$wrapper"
  chmod +x "$wrapper"
  echo "$wrapper"
}

# The generated tape of N loans (`AuditBenchmark generate-ledger`), made once under .build-bench/ledger-N
# and again when the generator binary is newer; prints its directory.
ledger_tape() {
  local n=$1 dir=$work/ledger-$1
  if [ ! -f "$dir/expected.json" ] || [ "$bin/AuditBenchmark" -nt "$dir/expected.json" ]; then
    rm -rf "$dir"
    /usr/bin/time -f "generated $n loans in %e s (peak %M KiB)" "$bin/AuditBenchmark" generate-ledger "$n" "$dir" >/dev/null
  fi
  echo "$dir"
}

# The header of the table `measure` prints rows of.
measure_header() {
  printf '%-9s %-28s %7s %7s %8s %8s %9s %5s %-14s %s\n' N run wall_s cpu_s peak_MiB self_MiB loans/s exit load engine
}

# Runs the command RUNS times (LOG-1, LOG-2, … hold each run's output) and prints one row: the median
# wall time and that run's CPU time, the highest peaks, loans per second, the exit status, the load
# average before the runs and, when the command ran an engine through engine_wrapper, the engine's
# wall, CPU and peak of that run. Leaves "wall cpu" of the median run in $work/last.txt.
measure() {  # label n log command...
  local label=$1 n=$2 log=$3; shift 3
  local load run engine_log
  load=$(load_average | tr ' ' /)
  for run in $(seq "$runs"); do
    engine_log="$log-$run.engine" && rm -f "$engine_log"
    printf '%s ' "$(BENCH_ENGINE_TIME=$engine_log timed "$log-$run" "$@")"
    if [ -s "$engine_log" ]; then
      awk 'END { printf "%s/%.2f/%d", $1, $2 + $3, $4 / 1024 }' "$engine_log"
    else
      printf -- -
    fi
    echo
  done >"$work/runs.txt"
  local wall cpu peak self status _ engine rate
  read -r wall cpu peak self status _ engine < <(sort -n "$work/runs.txt" | awk -v m=$(( (runs + 1) / 2 )) 'NR == m')
  peak=$(sort -n -k3 "$work/runs.txt" | awk 'END { print $3 }')
  self=$(sort -n -k4 "$work/runs.txt" | awk 'END { print $4 }')
  rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%d", (w > 0) ? n / w : 0 }')
  printf '%-9s %-28s %7s %7s %8s %8s %9s %5s %-14s %s\n' "$n" "$label" "$wall" "$cpu" "$peak" "$self" "$rate" "$status" "$load" "$engine"
  echo "$wall $cpu" >"$work/last.txt"
  if [ "$status" != 0 ]; then
    echo "  exited $status; the end of its standard error and output:"
    tail -n 5 "$log-1.err" "$log-1.out" | sed 's/^/    /'
  fi
}
