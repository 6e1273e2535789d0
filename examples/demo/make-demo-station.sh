#!/usr/bin/env bash
# Writes the demo station's file (scripts/demo.sh): one window of a few minutes
# starting at --start, with a fixed bulletin, a packed programme, a relay of a
# local stream with a fallback recording, a fixed ward programme and filler,
# recorded to an Ogg air-check. The media come from make-demo-media.sh.
#
# Usage: examples/demo/make-demo-station.sh DIR --start HH:MM:SS --relay URL
#                                           [--minutes N] [--timezone ZONE]
#   DIR         where station.yaml is written (its media/ folder beside it)
#   --start     the window's start, local time in ZONE
#   --relay     the stream the relay plays, e.g. http://127.0.0.1:8000/tinh.mp3
#   --minutes   the window's length, 3 to 60 (default 3)
#   --timezone  the station's time zone (default Asia/Ho_Chi_Minh)
#
# The airings, in seconds from the window's start:
#     0  ban-tin     fixed (daily at the window's start), 20 s
#    20  chuyen-muc  packed into the window right after it, 20 s
#    40  filler
#    60  tinh        relay for 45 s, fallback media/tinh-du-phong.mp3
#   105  filler
#   115  phuong      fixed, 30 s (scripts/demo.sh cuts it with an emergency alert)
#   145  filler to the window's end
set -euo pipefail

usage() { # the header comment above, from "Usage:" on
    awk 'NR > 1 && !/^#/ { exit } /^# Usage:/ { on = 1 } on { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
}

dir='' start='' relay='' minutes=3 zone=Asia/Ho_Chi_Minh
while [ $# -gt 0 ]; do
    case $1 in
        --start) start=${2:?--start needs HH:MM:SS}; shift 2 ;;
        --relay) relay=${2:?--relay needs a URL}; shift 2 ;;
        --minutes) minutes=${2:?--minutes needs a number}; shift 2 ;;
        --timezone) zone=${2:?--timezone needs a zone}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "make-demo-station: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) dir=$1; shift ;;
    esac
done
if [ -z "$dir" ] || [ -z "$relay" ] || ! [[ $start =~ ^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$ ]]; then
    usage >&2
    exit 2
fi
if ! [[ $minutes =~ ^[0-9]+$ ]] || ((minutes < 3 || minutes > 60)); then
    echo "make-demo-station: --minutes must be a number from 3 to 60 (got '$minutes')" >&2
    exit 2
fi

IFS=: read -r h m s <<<"$start"
start_s=$((10#$h * 3600 + 10#$m * 60 + 10#$s))
end_s=$((start_s + minutes * 60))
if ((end_s >= 86400)); then
    echo "make-demo-station: a window from $start for $minutes min would cross midnight" >&2
    exit 2
fi
at() { # at OFFSET: the local time OFFSET seconds after the start, HH:MM:SS
    local t=$((start_s + $1))
    printf '%02d:%02d:%02d' $((t / 3600)) $((t / 60 % 60)) $((t % 60))
}

mkdir -p "$dir"
cat >"$dir/station.yaml" <<EOF
# The onair demo station (written by examples/demo/make-demo-station.sh).
# One window of $minutes minutes from $start; every time is local time in $zone.
station:
  name: "Đài Truyền thanh thị xã Đức Phổ (demo)"
  timezone: $zone
  relay_tolerance: 3s # a relay that fails for 3 s is replaced by its fallback

media_root: media

windows:
  demo: { start: "$(at 0)", end: "$(at $((minutes * 60)))" }

# Between and after the programmes: three short tracks, shuffled.
filler: { folder: filler, title: "Nhạc nền" }

outputs:
  # The air-check: everything that went on air, one Ogg/Vorbis file per day.
  - { type: file, path: "aircheck/%Y-%m-%d.ogg" }

log: { database: onair.db }

# onair status / insert / skip find the running daemon here.
control: { socket: onair.sock }

programmes:
  - id: ban-tin
    title: "Bản tin thời sự"
    category: thoi-su
    source: { file: ban-tin.mp3 }
    max_duration: 1m
    daily: { at: "$(at 0)" }

  # No fixed time: packed into the window right after the bulletin.
  - id: chuyen-muc
    title: "Chuyên mục Chuyển đổi số"
    category: chuyen-doi-so
    source: { file: chuyen-muc.mp3 }
    max_duration: 1m
    daily: { window: demo }

  # The provincial programme, relayed from a stream; if the stream cannot be
  # reached (or drops) the recording plays instead.
  - id: tinh
    title: "Tiếp sóng Đài PT-TH tỉnh Quảng Ngãi"
    category: chuyen-doi-so
    source: { relay: "$relay", fallback: tinh-du-phong.mp3 }
    duration: 45s
    daily: { at: "$(at 60)" }

  - id: phuong
    title: "Chương trình phường Phổ Ninh"
    category: xa-phuong
    source: { file: phuong.mp3 }
    max_duration: 1m
    daily: { at: "$(at 115)" }
EOF
echo "make-demo-station: wrote $dir/station.yaml (window $(at 0)–$(at $((minutes * 60))) $zone)"
