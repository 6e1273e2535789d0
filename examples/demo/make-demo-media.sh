#!/usr/bin/env bash
# Generates the media of the demo station (scripts/demo.sh) in a few seconds:
# short Vietnamese announcements spoken by espeak-ng's Vietnamese voice, each
# joined with a tone of its own frequency (so the air-check shows what played),
# encoded with GStreamer to MP3 (mono, 22050 Hz, 32 kbit/s CBR), as
# examples/make-media.sh does for the full example station.
#
# Usage: examples/demo/make-demo-media.sh DIR
# Writes into DIR:
#   media/ban-tin.mp3          the bulletin, 20 s (speech, then a 587 Hz bed)
#   media/chuyen-muc.mp3       the town's programme, 20 s (440 Hz)
#   media/phuong.mp3           a ward's programme, 30 s (494 Hz)
#   media/tinh-du-phong.mp3    the relay's fallback recording, 50 s (330 Hz)
#   media/filler/*.mp3         three filler tracks, 15 s each (262, 349, 523 Hz)
#   khan-cap.mp3               an emergency alert, about 7 s (1 kHz beeps, speech)
#   relay-loop.raw             what the local "provincial" stream plays in a loop:
#                              speech then 6 s of a 659 Hz tone (about 10 s),
#                              S16LE mono 22050 Hz
#
# Needs espeak-ng and gstreamer1.0-tools, -plugins-base, -plugins-good
# (scripts/install-deps.sh installs them).
set -euo pipefail

# shellcheck source=examples/media-work.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/media-work.sh"

dir=${1:?usage: make-demo-media.sh DIR}
require_media_tools make-demo-media
mkdir -p "$dir/media/filler"
dir=$(cd "$dir" && pwd)
make_work_dir "$dir" make-demo-media

wav_seconds_x10() { # espeak-ng writes 16-bit mono PCM at 22050 Hz after a 44-byte header
    echo $((($(stat -c %s "$1") - 44) * 10 / (2 * rate)))
}

# make_audio OUT TITLE PART... writes OUT (.mp3 with a title tag, or .raw PCM),
# the parts one after the other:
#   say:TEXT         TEXT spoken by espeak-ng's Vietnamese voice
#   tone:HZ:TENTHS   a quiet sine of HZ for TENTHS tenths of a second
#   beep:HZ:TENTHS   a loud one (for the alert)
#   gap:TENTHS       silence
#   bed:HZ:SECONDS   a quiet sine filling the file up to SECONDS in all
make_audio() {
    local out=$1 title=$2
    shift 2
    local name
    name=$(basename "$out")
    local -a branches=()
    local tenths=0 n=0 part
    for part in "$@"; do
        n=$((n + 1))
        local kind=${part%%:*} arg=${part#*:}
        case $kind in
            say)
                espeak-ng -v vi -w "$work/$name.$n.wav" "$arg"
                tenths=$((tenths + $(wav_seconds_x10 "$work/$name.$n.wav")))
                branches+=(filesrc "location=$work/$name.$n.wav" ! wavparse ! audioconvert
                    ! audioresample ! "$raw" ! c.)
                ;;
            tone | beep | gap | bed)
                local freq=0 length volume=0.1 wave=sine
                case $kind in
                    gap) length=$arg wave=silence ;;
                    bed) freq=${arg%%:*} length=$((${arg#*:} * 10 - tenths)) ;;
                    beep) freq=${arg%%:*} length=${arg#*:} volume=0.5 ;;
                    tone) freq=${arg%%:*} length=${arg#*:} ;;
                esac
                ((length > 0)) || length=1
                tenths=$((tenths + length))
                branches+=(audiotestsrc "wave=$wave" "freq=$freq" "volume=$volume"
                    samplesperbuffer=$((rate / 10)) "num-buffers=$length" ! "$raw" ! c.)
                ;;
            *)
                echo "make-demo-media: unknown part $part" >&2
                return 1
                ;;
        esac
    done
    local -a sink
    if [[ $out == *.raw ]]; then
        sink=(filesink "location=$work/$name")
    else
        sink=(taginject "tags=\"title=\\\"$title\\\",artist=\\\"$station_name\\\"\""
            ! lamemp3enc target=bitrate bitrate=32 cbr=true encoding-engine-quality=fast
            ! id3v2mux ! filesink "location=$work/$name")
    fi
    gst-launch-1.0 -q concat name=c ! audioconvert ! "$raw" ! "${sink[@]}" "${branches[@]}" >/dev/null
    mv "$work/$name" "$out"
    printf 'make-demo-media: %-30s %3d.%d s  %s\n' "${out#"$dir"/}" $((tenths / 10)) $((tenths % 10)) "$title"
}

m=$dir/media
jobs=(
    "$m/ban-tin.mp3|Bản tin thời sự|tone:880:3|gap:2|say:$station_name. Bản tin thời sự. Thị xã tiếp tục đưa dịch vụ công trực tuyến đến từng khu dân cư.|bed:587:20"
    "$m/chuyen-muc.mp3|Chuyên mục Chuyển đổi số|say:Chuyên mục Chuyển đổi số. Hướng dẫn bà con cài đặt ứng dụng định danh điện tử.|bed:440:20"
    "$m/phuong.mp3|Chương trình phường Phổ Ninh|say:Chương trình phường Phổ Ninh. Phường hoàn thành chuyển đổi số trong quý bốn.|bed:494:30"
    "$m/tinh-du-phong.mp3|Tiếp sóng tỉnh (bản ghi dự phòng)|say:Chuyển đổi số, tiếp sóng Đài Phát thanh và Truyền hình tỉnh Quảng Ngãi. Bản ghi dự phòng.|bed:330:50"
    "$m/filler/nhac-nen-01.mp3|Nhạc nền 1|say:Nhạc nền, bài số một.|bed:262:15"
    "$m/filler/nhac-nen-02.mp3|Nhạc nền 2|say:Nhạc nền, bài số hai.|bed:349:15"
    "$m/filler/nhac-nen-03.mp3|Nhạc nền 3|say:Nhạc nền, bài số ba.|bed:523:15"
    "$dir/khan-cap.mp3|Thông báo khẩn cấp|beep:1000:3|gap:2|beep:1000:3|gap:2|beep:1000:3|gap:3|say:Thông báo khẩn cấp. Bão số chín đang vào bờ biển Quảng Ngãi. Đề nghị bà con không ra khơi."
    "$dir/relay-loop.raw|Đài tỉnh|say:Đây là Đài Phát thanh và Truyền hình tỉnh Quảng Ngãi, tiếp sóng trực tiếp.|tone:659:60"
)

pids=()
for job in "${jobs[@]}"; do
    IFS='|' read -r -a fields <<<"$job"
    while (($(jobs -rp | wc -l) >= $(nproc))); do wait -n || true; done
    make_audio "${fields[@]}" &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
    wait "$pid" || failed=$((failed + 1))
done
if ((failed > 0)); then
    echo "make-demo-media: $failed file(s) could not be made" >&2
    exit 1
fi
