#!/usr/bin/env bash
# Installs the Debian 12 packages onair needs to build, test and run its demo.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config clang-format
  # libraries
  libyaml-cpp-dev libhowardhinnant-date-dev tzdata libspdlog-dev libfmt-dev
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3 libboost-dev libsystemd-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  # GStreamer elements used to probe, decode and encode media
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-tools
  # the alsa and pulse outputs (alsasink, pulsesink)
  gstreamer1.0-alsa gstreamer1.0-pulseaudio
  # the example station's speech
  espeak-ng
  # a real Icecast server on 127.0.0.1 for the relay and output tests
  icecast2
  # systemd-analyze, systemd-sysusers, systemd-tmpfiles for the unit's test
  systemd
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages; run as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
