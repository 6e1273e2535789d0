#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (see bench/README.md):
#   plan    a year's plan for a 200-programme station (target: median <= 100 ms)
#   airlog  1 M-row as-aired log: on-air row insert (target <= 5 ms), reads
#   report  CSV of 1 M rows (target <= 2 s), HTML of a year (target <= 1 s)
#   start_accuracy  playout start error and gaps over 40 items (targets: <= 1 sample, 0)
#   relay_fallback  fault to fallback audio for a stalled and a closed relay (<= 2 s)
#   air_resources   CPU and peak RSS for 10 minutes of air with file + Icecast outputs
#                   (targets: <= 3 % of one core, <= 70 MB); `--minutes N` for fewer
# Usage: scripts/bench.sh [plan|airlog|report|playout|NAME|all] [ARGS for that benchmark]
#   playout = start_accuracy relay_fallback air_resources; all = everything (about 15 min)
# Builds a Release tree in build-release/ (kept apart from build/). Works from
# any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

which=${1:-all}
[ $# -gt 0 ] && shift
case $which in
    plan | airlog | report | start_accuracy | relay_fallback | air_resources) targets=("$which") ;;
    playout) targets=(start_accuracy relay_fallback air_resources) ;;
    all) targets=(plan airlog report start_accuracy relay_fallback air_resources) ;;
    *) echo "bench: unknown benchmark '$which' (plan, airlog, report, start_accuracy, relay_fallback, air_resources, playout or all)" >&2; exit 2 ;;
esac

bash scripts/install-deps.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DONAIR_BUILD_TESTS=OFF >/dev/null
# shellcheck disable=SC2046 # one word per target
cmake --build build-release -j"$(nproc)" --target $(printf 'onair_%s_bench ' "${targets[@]}")
for t in "${targets[@]}"; do
    echo "== onair_${t}_bench"
    build-release/bench/onair_"${t}"_bench "$@"
done
