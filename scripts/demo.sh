#!/usr/bin/env bash
# The example station, end to end: installs what is missing (Debian 12, as root),
# builds build/onair, generates the example's media for this month and the next
# (speech + tones, examples/make-media.sh), then checks the station file and
# prints this month's plan. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

station=examples/duc-pho/station.yaml
month=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m)

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
bash examples/make-media.sh

echo
echo "== onair check $station"
build/onair check "$station"
echo
echo "== onair plan $station --month $month"
build/onair plan "$station" --month "$month"
