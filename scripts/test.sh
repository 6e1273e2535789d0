#!/usr/bin/env bash
# Builds onair and runs the whole test suite: installs what is missing (Debian 12,
# as root), configures build/ (Release: -O2, no debug information), builds, runs CTest.
# Exits with CTest's status. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
status=0
ctest --test-dir build --output-on-failure -j2 || status=$?
exit "$status"
