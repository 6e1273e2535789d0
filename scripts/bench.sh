#!/usr/bin/env bash
# Runs the benchmarks (see bench/README.md).
#
# Usage: scripts/bench.sh check
#   Every benchmark in a short form (about 6 minutes), each target with its
#   figure and PASS or MISS, then a table of them all; exits 1 naming each
#   missed target. Not part of CI or ctest: the machines there are noisy.
#     plan a year <= 100 ms          record_start <= 5 ms        CSV 1 M rows <= 2 s
#     HTML year <= 1 s               simulate a month <= 1 s     start error <= 1 sample
#     gaps 0                         relay fallback <= 2 s       CPU <= 3 % of a core
#     RSS <= 70 MB
#
# Usage: scripts/bench.sh [plan|airlog|report|playout|NAME|all] [ARGS for that benchmark]
#   One benchmark in full, printing its figures:
#   plan    a year's plan for a 200-programme station (median of 20 runs)
#   airlog  1 M-row as-aired log: on-air row insert, reads
#   report  CSV of 1 M rows, HTML of a year
#   start_accuracy  playout start error and gaps over 40 items
#   relay_fallback  fault to fallback audio for a stalled and a closed relay
#   air_resources   CPU and peak RSS for 10 minutes of air with file + Icecast outputs
#   playout = start_accuracy relay_fallback air_resources; all = everything (about 15 min)
#
# Builds a Release tree in build-release/ (kept apart from build/); with
# ONAIR_BENCH_BUILD=DIR it uses that tree instead, which must be Release or
# RelWithDebInfo. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

which=${1:-all}
[ $# -gt 0 ] && shift
case $which in
    plan | airlog | report | start_accuracy | relay_fallback | air_resources) targets=("$which") ;;
    playout) targets=(start_accuracy relay_fallback air_resources) ;;
    all | check) targets=(plan airlog report start_accuracy relay_fallback air_resources) ;;
    *) echo "bench: unknown benchmark '$which' (check, plan, airlog, report, start_accuracy, relay_fallback, air_resources, playout or all)" >&2; exit 2 ;;
esac
programs=()
for t in "${targets[@]}"; do programs+=("onair_${t}_bench"); done
[ "$which" = check ] && programs+=(onair)

build=${ONAIR_BENCH_BUILD:-build-release}
if [ -n "${ONAIR_BENCH_BUILD:-}" ]; then
    type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
    case $type in
        Release | RelWithDebInfo) ;;
        *) echo "bench: $build is a '$type' build; the benchmarks need Release or RelWithDebInfo" >&2; exit 2 ;;
    esac
else
    bash scripts/install-deps.sh
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DONAIR_BUILD_TESTS=OFF >/dev/null
fi
if [ "$which" = check ]; then
    # Quiet unless it fails: the output is the figures.
    build_log=$(mktemp)
    cmake --build "$build" -j"$(nproc)" --target "${programs[@]}" >"$build_log" 2>&1 ||
        { cat "$build_log"; rm -f "$build_log"; exit 1; }
    rm -f "$build_log"
else
    cmake --build "$build" -j"$(nproc)" --target "${programs[@]}"
fi

if [ "$which" != check ]; then
    for t in "${targets[@]}"; do
        echo "== onair_${t}_bench"
        "$build"/bench/onair_"${t}"_bench "$@"
    done
    exit 0
fi

# --- check -------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/onair-bench-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
verdicts=()

# verdict WHAT FIGURE UNIT TARGET: prints the target line, as bench/TargetLine.hpp
# does, and keeps it for the summary (fields split by tabs).
verdict() {
    local what=$1 figure=$2 unit=$3 target=$4 result=MISS
    if [ -n "$figure" ] && awk -v f="$figure" -v t="$target" 'BEGIN { exit !(f + 0 <= t + 0) }'; then
        result=PASS
    fi
    local shown="no figure" limit="-"
    [ -n "$figure" ] && shown="$figure $unit"
    [ -n "$target" ] && limit="<= $target $unit"
    echo "$result  $what: $shown, target $limit"
    verdicts+=("$result"$'\t'"$what"$'\t'"$shown"$'\t'"$limit")
}

# run NAME COMMAND...: runs a benchmark, its output on the terminal and in $work/NAME.log.
run() {
    local name=$1 status=0
    shift
    echo
    echo "== $name: ${*#"$build"/}"
    "$@" 2>&1 | tee "$work/$name.log" || status=$?
    [ "$status" -eq 0 ] || echo "(exit status $status)" | tee -a "$work/$name.log"
}

# keep_own_verdicts NAME COUNT: the COUNT target lines a benchmark printed
# itself, for the summary; a missing one is a miss.
keep_own_verdicts() {
    local line found=0
    while IFS= read -r line; do
        verdicts+=("$(sed -E 's/^(PASS|MISS)  (.*): (.*), target (.*)$/\1\t\2\t\3\t\4/' <<<"$line")")
        found=$((found + 1))
    done < <(grep -E '^(PASS|MISS)  ' "$work/$1.log" || true)
    [ "$found" -ge "$2" ] || verdict "$1: $(($2 - found)) of its target lines not printed" "" "" ""
}

run plan "$build"/bench/onair_plan_bench --runs 10
keep_own_verdicts plan 1
run airlog "$build"/bench/onair_airlog_bench --rows 200000 --starts 200
keep_own_verdicts airlog 1
run report "$build"/bench/onair_report_bench --rows 1000000
keep_own_verdicts report 2

# simulate: the example station's December 2026, with the media
# examples/make-media.sh makes (kept in the build tree: made once, not timed).
media=$(cd "$build" && pwd)/bench-simulate-media
mkdir -p "$work/simulate"
sed "s|^media_root: .*|media_root: $media|" examples/duc-pho/station.yaml >"$work/simulate/station.yaml"
echo
echo "== simulate: the example station's media for 2026-12 in $media"
examples/make-media.sh --month 2026-12 --months 1 "$media" 2>&1 | tail -1
run simulate "$build"/onair simulate "$work/simulate/station.yaml" --month 2026-12 \
    --db "$work/simulate/simulate.db"
verdict "simulate a month (after probing the media)" \
    "$(sed -n 's/.* s (\([0-9.]*\) s after probing the media).*/\1/p' "$work/simulate.log")" s 1

run start_accuracy "$build"/bench/onair_start_accuracy_bench
verdict "start error (max over the items)" \
    "$(sed -n 's/^start error: .*, max \([0-9-]*\) samples.*/\1/p' "$work/start_accuracy.log")" samples 1
verdict "gaps between back-to-back items (max)" \
    "$(sed -n 's/^gaps between .*: max \([0-9]*\) samples (start.*, max \([0-9]*\) samples of inserted.*/\1 \2/p' \
        "$work/start_accuracy.log" | awk '{ print ($1 > $2 ? $1 : $2) }')" samples 0

run relay_fallback "$build"/bench/onair_relay_fallback_bench --runs 2
for fault in stall close; do
    verdict "relay fallback, $fault (max of 2 runs)" \
        "$(sed -n "s/^$fault *fault -> fallback audio: .*, max \([0-9]*\) ms over.*/\1/p" "$work/relay_fallback.log")" ms 2000
done

run air_resources "$build"/bench/onair_air_resources_bench --minutes 2
verdict "air CPU (2 minutes, file + Icecast)" \
    "$(sed -n 's/^CPU: .* = \([0-9.]*\) % of one core.*/\1/p' "$work/air_resources.log")" "% of a core" 3
verdict "air peak RSS (2 minutes, file + Icecast)" \
    "$(sed -n 's/^RSS: peak \([0-9.]*\) MB.*/\1/p' "$work/air_resources.log")" MB 70

echo
echo "== summary ($build, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
missed=()
printf '%-6s %-46s %-18s %s\n' result target figure limit
for line in "${verdicts[@]}"; do
    IFS=$'\t' read -r result what figure limit <<<"$line"
    printf '%-6s %-46s %-18s %s\n' "$result" "$what" "$figure" "$limit"
    [ "$result" = PASS ] || missed+=("$what ($figure, target $limit)")
done
if [ ${#missed[@]} -gt 0 ]; then
    echo
    echo "bench: ${#missed[@]} target(s) missed:" >&2
    for m in "${missed[@]}"; do echo "  $m" >&2; done
    exit 1
fi
echo
echo "bench: every target met"
