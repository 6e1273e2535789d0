#!/usr/bin/env bash
# Generates the media that examples/duc-pho/station.yaml plays, so the example
# station can be checked, planned and put on air without real recordings.
#
# Each file is a Vietnamese announcement spoken by espeak-ng ("Chuyên mục
# Chuyển đổi số thị xã Đức Phổ, tháng 12 năm 2026"), then a quiet tone bed at a
# frequency of its own per programme (so an air-check shows what played), then
# a short closing line, encoded with GStreamer to MP3 (mono, 22050 Hz,
# 32 kbit/s CBR). Files already there are left alone, so it is safe to run again
# (e.g. from cron at the start of every month).
#
# Usage: examples/make-media.sh [--month YYYY-MM] [--months N] [OUTDIR]
#   --month   first month to make media for (default: this month, station time)
#   --months  how many months (default: 2, i.e. this month and the next)
#   OUTDIR    where to write (default: examples/duc-pho/media, the station's media_root)
#
# Needs espeak-ng and gstreamer1.0-tools, -plugins-base, -plugins-good
# (scripts/install-deps.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=examples/media-work.sh
. "$here/media-work.sh"
station_tz=Asia/Ho_Chi_Minh

usage() { # the header comment above, from "Usage:" on
    awk 'NR > 1 && !/^#/ { exit } /^# Usage:/ { on = 1 } on { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
}

first_month=$(TZ=$station_tz date +%Y-%m)
month_count=2
outdir=$here/duc-pho/media
while [ $# -gt 0 ]; do
    case $1 in
        --month) first_month=${2:?--month needs YYYY-MM}; shift 2 ;;
        --month=*) first_month=${1#*=}; shift ;;
        --months) month_count=${2:?--months needs a number}; shift 2 ;;
        --months=*) month_count=${1#*=}; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "make-media: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) outdir=$1; shift ;;
    esac
done
if ! [[ $first_month =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]]; then
    echo "make-media: --month must be YYYY-MM, e.g. 2026-12 (got '$first_month')" >&2
    exit 2
fi
if ! [[ $month_count =~ ^[1-9][0-9]?$ ]]; then
    echo "make-media: --months must be a number from 1 to 99 (got '$month_count')" >&2
    exit 2
fi
require_media_tools make-media

mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
make_work_dir "$outdir" make-media

# The closing line is the same for every programme: speak it once.
espeak-ng -v vi -w "$work/outro.wav" "Cảm ơn quý vị và các bạn đã theo dõi."

wav_samples() { # espeak-ng writes 16-bit mono PCM after a 44-byte header
    echo $((($(stat -c %s "$1") - 44) / 2))
}

# make_one REL SECONDS FREQ TITLE SPEECH OUTRO(yes|no)
# Writes OUTDIR/REL, about SECONDS long. Runs in the background: no shared state.
make_one() {
    local rel=$1 seconds=$2 freq=$3 title=$4 speech=$5 outro=$6
    local tmp="$work/${rel//\//_}"
    espeak-ng -v vi -w "$tmp.wav" "$speech"
    local used
    used=$(wav_samples "$tmp.wav")
    local -a tail=()
    if [ "$outro" = yes ]; then
        used=$((used + $(wav_samples "$work/outro.wav")))
        tail=(filesrc "location=$work/outro.wav" ! wavparse ! audioconvert ! audioresample ! "$raw" ! c.)
    fi
    # The tone bed in buffers of 0.1 s, filling the file up to its length.
    local buffers=$(((seconds * rate - used) / (rate / 10)))
    ((buffers > 0)) || buffers=1
    gst-launch-1.0 -q \
        concat name=c ! audioconvert \
        ! taginject "tags=\"title=\\\"$title\\\",artist=\\\"$station_name\\\"\"" \
        ! lamemp3enc target=bitrate bitrate=32 cbr=true encoding-engine-quality=fast \
        ! id3v2mux ! filesink "location=$tmp.mp3" \
        filesrc "location=$tmp.wav" ! wavparse ! audioconvert ! audioresample ! "$raw" ! c. \
        audiotestsrc wave=sine "freq=$freq" volume=0.1 samplesperbuffer=$((rate / 10)) \
        "num-buffers=$buffers" ! "$raw" ! c. \
        "${tail[@]}" >/dev/null
    mkdir -p "$(dirname "$outdir/$rel")"
    mv "$tmp.mp3" "$outdir/$rel"
    rm -f "$tmp.wav"
    printf 'make-media: made %-28s %2d:%02d  %s\n' "$rel" $((seconds / 60)) $((seconds % 60)) "$title"
}

# The list of files the station needs, longest first (it keeps both cores busy
# to the end). Fields: REL SECONDS FREQ TITLE SPEECH OUTRO, one job per line.
declare -A queued=()
jobs_list=()
kept=0
want() {
    local rel=$1
    [ -z "${queued[$rel]:-}" ] || return 0
    queued[$rel]=1
    if [ -e "$outdir/$rel" ]; then
        kept=$((kept + 1))
        return 0
    fi
    jobs_list+=("$(printf '%s\t' "$@")")
}

weekday_vi=("" "thứ Hai" "thứ Ba" "thứ Tư" "thứ Năm" "thứ Sáu" "thứ Bảy" "Chủ nhật")
declare -A ward_name=([pho-ninh]="Phổ Ninh" [pho-vinh]="Phổ Vinh"
    [nguyen-nghiem]="Nguyễn Nghiêm" [pho-quang]="Phổ Quang")
# Each ward's own tone and length (10–15 minutes, within max_duration: 15m).
declare -A ward_freq=([pho-ninh]=392 [pho-vinh]=494 [nguyen-nghiem]=523 [pho-quang]=659)
declare -A ward_seconds=([pho-ninh]=720 [pho-vinh]=630 [nguyen-nghiem]=840 [pho-quang]=660)

y=$((10#${first_month%-*}))
m=$((10#${first_month#*-}))
for ((i = 0; i < month_count; i++)); do
    yyyy=$(printf '%04d' "$y")
    mm=$(printf '%02d' "$m")

    # cds-thixa: cds/{yyyy}-{mm}.mp3, about 12 minutes (max_duration: 15m).
    want "cds/$yyyy-$mm.mp3" $((690 + (m % 3) * 30)) 440 \
        "Chuyên mục Chuyển đổi số thị xã Đức Phổ, tháng $m/$yyyy" \
        "Chuyên mục Chuyển đổi số thị xã Đức Phổ, tháng $m năm $yyyy." yes

    # The wards: xa/<ward>/{yyyy}-q{q}.mp3, one file per quarter.
    q=$(((m - 1) / 3 + 1))
    for ward in pho-ninh pho-vinh nguyen-nghiem pho-quang; do
        want "xa/$ward/$yyyy-q$q.mp3" "${ward_seconds[$ward]}" "${ward_freq[$ward]}" \
            "Chương trình phường ${ward_name[$ward]}, quý $q/$yyyy" \
            "Chương trình phường ${ward_name[$ward]}, quý $q năm $yyyy." yes
    done

    days=$(date -d "$yyyy-$mm-01 +1 month -1 day" +%d)
    for ((d = 1; d <= 10#$days; d++)); do
        read -r dow iso_year iso_week <<<"$(date -d "$yyyy-$mm-$(printf %02d "$d")" '+%u %G %V')"
        # ban-tin-sang: tin/{yyyy}-{mm}-{dd}.mp3, Monday to Saturday, about 2 minutes.
        if ((dow <= 6)); then
            dd=$(printf '%02d' "$d")
            want "tin/$yyyy-$mm-$dd.mp3" $((120 + (d % 4) * 10)) 587 \
                "Bản tin sáng ${weekday_vi[$dow]} $d/$m/$yyyy" \
                "Bản tin sáng ${weekday_vi[$dow]}, ngày $d tháng $m năm $yyyy, của $station_name." yes
        fi
        # tinh-cds: the relay's fallback tinh/{yyyy}-w{ww}.mp3 for each Saturday,
        # {yyyy} being the ISO week's year; 29 minutes (the relay slot is 30).
        if ((dow == 6)); then
            want "tinh/$iso_year-w$iso_week.mp3" 1740 330 \
                "Chuyển đổi số, tiếp sóng tỉnh, tuần $((10#$iso_week))/$iso_year (dự phòng)" \
                "Chuyển đổi số, tiếp sóng Đài Phát thanh và Truyền hình tỉnh Quảng Ngãi. Bản ghi dự phòng tuần $((10#$iso_week)) năm $iso_year." yes
        fi
    done

    m=$((m + 1))
    if ((m > 12)); then
        m=1
        y=$((y + 1))
    fi
done

# Filler: five station-identification tracks of 2–3 minutes.
filler_seconds=(150 170 135 180 160)
filler_freq=(262 294 349 440 523)
for n in 1 2 3 4 5; do
    want "filler/nhac-nen-0$n.mp3" "${filler_seconds[n - 1]}" "${filler_freq[n - 1]}" \
        "Nhạc nền $n" "$station_name. Nhạc nền, bài số $n." no
done

started=${EPOCHREALTIME/[.,]/}
mapfile -t jobs_list < <(printf '%s\n' "${jobs_list[@]+"${jobs_list[@]}"}" | grep -v '^$' |
    sort -t$'\t' -k2,2nr || true)
max_jobs=$(nproc)
pids=()
for job in "${jobs_list[@]+"${jobs_list[@]}"}"; do
    IFS=$'\t' read -r rel seconds freq title speech outro <<<"$job"
    while (($(jobs -rp | wc -l) >= max_jobs)); do wait -n || true; done
    make_one "$rel" "$seconds" "$freq" "$title" "$speech" "$outro" &
    pids+=($!)
done
failed=0
for pid in "${pids[@]+"${pids[@]}"}"; do
    wait "$pid" || failed=$((failed + 1))
done
elapsed_ms=$(((${EPOCHREALTIME/[.,]/} - started) / 1000))

made=$((${#pids[@]} - failed))
size=$(du -sh --exclude='.make-media.*' "$outdir" | cut -f1)
printf 'make-media: %d made, %d already there, %d failed; %s in %s (%d.%01d s)\n' \
    "$made" "$kept" "$failed" "$size" "$outdir" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
[ "$failed" -eq 0 ]
