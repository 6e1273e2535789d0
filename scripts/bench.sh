#!/usr/bin/env bash
# Plans a year for a 200-programme station and prints the time (target: median
# <= 100 ms on one core). Builds a Release tree in build-release/ (kept apart
# from build/, which is RelWithDebInfo). Extra arguments go to the benchmark,
# e.g. scripts/bench.sh --runs 50. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DONAIR_BUILD_TESTS=OFF
cmake --build build-release -j"$(nproc)" --target onair_plan_bench
build-release/bench/onair_plan_bench "$@"
