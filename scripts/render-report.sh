#!/usr/bin/env bash
# Renders an `onair report --format html` page to a PNG with headless Chromium,
# so a person can look at it (or a reviewer can, in docs/). Not part of the test
# suite: Chromium is heavy.
#
#   scripts/render-report.sh REPORT.html OUT.png [WIDTH [HEIGHT]]
#       renders REPORT.html (default window 1200x2000).
#   scripts/render-report.sh --example [YYYY-MM]
#       makes the example in docs/: builds onair and the example log generator
#       (in $ONAIR_BUILD_DIR, default build-release/), makes the example
#       station's media for the month (examples/make-media.sh; default: last
#       month, so that every airing is due), fills a log for examples/duc-pho
#       over that month (bench/report_example.cpp: the plan as the scheduler
#       makes it, with a missed morning, a failed rerun, a relay that dropped,
#       a late join...), writes docs/report-example.html with `onair report`
#       and renders docs/report-example.png.
#
# Installs Debian's chromium when it is missing (as root; needs the Debian
# package mirror). Chromium runs with no network of its own and a throw-away
# profile; the page has no scripts and loads nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() {
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-2}"
}

install_chromium() {
  command -v chromium >/dev/null 2>&1 && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "render-report: chromium is missing; run as root or: sudo apt-get install chromium" >&2
    exit 1
  fi
  echo "render-report: installing chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium
}

render() {
  local html=$1 png=$2 width=${3:-1200} height=${4:-2000}
  [ -f "$html" ] || { echo "render-report: no such file: $html" >&2; exit 1; }
  install_chromium
  local absolute out
  absolute=$(realpath "$html")
  out=$(realpath -m "$png")
  rm -f "$out"
  # A subshell, so the throw-away profile goes whatever happens.
  (
    profile=$(mktemp -d)
    trap 'rm -rf "$profile"' EXIT
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --hide-scrollbars --user-data-dir="$profile" \
      --screenshot="$out" --window-size="$width,$height" \
      "file://$absolute" 2>/dev/null
  )
  [ -s "$out" ] || { echo "render-report: chromium wrote no $png" >&2; exit 1; }
  echo "render-report: wrote $png (${width}x${height})"
}

example() {
  local station=examples/duc-pho/station.yaml
  local build=${ONAIR_BUILD_DIR:-build-release}
  local month=${1:-$(TZ=Asia/Ho_Chi_Minh date -d "$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-15) -1 month" +%Y-%m)}
  # Global, not local: the EXIT trap runs after this function has returned.
  example_db=$(mktemp --suffix=.db)
  trap 'rm -f "$example_db" "$example_db-wal" "$example_db-shm"' EXIT
  bash scripts/install-deps.sh
  bash examples/make-media.sh --month "$month" --months 1
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DONAIR_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)" --target onair onair_report_example
  rm -f "$example_db"
  "$build"/bench/onair_report_example "$station" --month "$month" --db "$example_db"
  "$build"/onair report "$station" --month "$month" --format html --db "$example_db" \
    --output docs/report-example.html
  render docs/report-example.html docs/report-example.png 1200 2900
}

case "${1:-}" in
  --example) shift; example "$@" ;;
  -h | --help) usage 0 ;;
  "") usage >&2 ;;
  *) [ $# -ge 2 ] || usage >&2; render "$@" ;;
esac
