#!/usr/bin/env bash
# Builds and runs loancheck's libFuzzer targets (docs/robustness.md, Fuzz/README.md).
#
#   scripts/fuzz.sh build                      build .build-fuzz/loancheck-fuzz (ASan + libFuzzer)
#   scripts/fuzz.sh TARGET SECONDS [FLAG…]     fuzz TARGET for SECONDS (0 = until a crash) with extra libFuzzer flags
#   scripts/fuzz.sh TARGET replay FILE…        run the given inputs once (e.g. a crash file)
#   scripts/fuzz.sh TARGET minimize CRASH      minimize a crashing input (writes CRASH.min)
#   scripts/fuzz.sh TARGET merge               shrink the work corpus to the inputs that add coverage
#
# TARGET is yaml | expression | units | documents. The work corpus is .build-fuzz/corpus/TARGET,
# seeded from Fuzz/corpus/TARGET (committed); crashes go to .build-fuzz/crashes/TARGET. Nothing
# under .build-fuzz is committed. Set FUZZ_NO_BUILD=1 to skip the (incremental) rebuild, FUZZ_JOBS=N
# to run N fuzzing processes, FUZZ_SANITIZE to change `fuzzer,address`, FUZZ_OPT to change `-O`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/.build-fuzz
BIN=$OUT/loancheck-fuzz
SANITIZE=${FUZZ_SANITIZE:-fuzzer,address}
OPT=${FUZZ_OPT:--O}
TARGETS="yaml expression units documents"

build() {
    mkdir -p "$OUT/modules"
    local flags=(-sanitize="$SANITIZE" -parse-as-library -swift-version 6 "$OPT" -g -I "$OUT/modules")
    local cyaml=(-Xcc -fmodule-map-file="$ROOT/Sources/CYAML/module.modulemap" -I "$ROOT/Sources/CYAML")
    local objects=() stale=0
    # The library modules in dependency order, each compiled whole-module into one object file; a
    # module is rebuilt when one of its sources changed or a module before it was rebuilt.
    for module in Diagnostics YAML RuleLanguage LoanDomain Compliance; do
        local sources
        mapfile -t sources < <(find "$ROOT/Sources/$module" -name '*.swift' | sort)
        local object=$OUT/modules/$module.o
        if [[ $stale == 1 || ! -f $object || -n $(find "$ROOT/Sources/$module" -name '*.swift' -newer "$object" | head -1) ]]; then
            stale=1
            echo "fuzz build: $module" >&2
            swiftc "${flags[@]}" "${cyaml[@]}" -module-name "$module" -wmo -emit-module \
                -emit-module-path "$OUT/modules/$module.swiftmodule" -c -o "$object" "${sources[@]}"
        fi
        objects+=("$object")
    done
    echo "fuzz build: loancheck-fuzz" >&2
    swiftc "${flags[@]}" "${cyaml[@]}" -module-name LoanCheckFuzz -wmo \
        "$ROOT/Fuzz/FuzzMain.swift" "$ROOT/Tests/RobustnessTests/FuzzHarness.swift" "${objects[@]}" \
        -lyaml -o "$BIN.new" 2> >(grep -v 'Cannot export local symbol' >&2)
    mv -f "$BIN.new" "$BIN"  # a new file, so running fuzzers keep their binary
}

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[[ $# -ge 1 ]] || usage
if [[ $1 == build ]]; then build; exit 0; fi
target=$1
[[ " $TARGETS " == *" $target "* ]] || usage
[[ $# -ge 2 ]] || usage
[[ ${FUZZ_NO_BUILD:-} == 1 && -x $BIN ]] || build

export LOANCHECK_FUZZ_TARGET=$target LOANCHECK_ROOT=$ROOT
# The Swift backtracer would catch the crash first (and trips ASan); let libFuzzer handle it.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
corpus=$OUT/corpus/$target
crashes=$OUT/crashes/$target
mkdir -p "$corpus" "$crashes"
common=(-timeout=30 -rss_limit_mb=3072 -max_len=65536 -artifact_prefix="$crashes/" -print_final_stats=1)
if [[ -f Fuzz/dictionaries/$target.dict ]]; then common+=(-dict="Fuzz/dictionaries/$target.dict"); fi

case $2 in
replay)
    shift 2
    exec "$BIN" "${common[@]}" -runs=1 "$@" ;;
minimize)
    exec "$BIN" "${common[@]}" -minimize_crash=1 -max_total_time=60 -exact_artifact_path="$3.min" "$3" ;;
merge)
    mkdir -p "$corpus.merged"
    "$BIN" "${common[@]}" -merge=1 "$corpus.merged" "$corpus" "Fuzz/corpus/$target"
    rm -rf "$corpus" && mv "$corpus.merged" "$corpus" ;;
*)
    seconds=$2
    shift 2
    jobs=${FUZZ_JOBS:-1}
    if [[ $jobs -gt 1 ]]; then common+=(-fork="$jobs" -ignore_crashes=1); fi
    exec "$BIN" "${common[@]}" -max_total_time="$seconds" "$@" "$corpus" "Fuzz/corpus/$target" ;;
esac
