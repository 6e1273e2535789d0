# Sourced by examples/make-media.sh and examples/demo/make-demo-media.sh: what
# both need before they make a file. The audio format every generated file is
# made in (mono, 22050 Hz, 16-bit PCM before MP3 encoding), the station name
# they tag it with, the check for the tools, and a work folder.
# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this

readonly rate=22050
readonly station_name="Đài Truyền thanh thị xã Đức Phổ"
readonly raw="audio/x-raw,format=S16LE,rate=$rate,channels=1,layout=interleaved"

# require_media_tools NAME: exits (1) when espeak-ng or gst-launch-1.0 is
# missing, saying so as NAME.
require_media_tools() {
    local tool
    for tool in espeak-ng gst-launch-1.0; do
        command -v "$tool" >/dev/null || {
            echo "$1: $tool not found; run scripts/install-deps.sh" >&2
            exit 1
        }
    done
}

# make_work_dir DIR NAME: sets `work` to a new folder inside DIR, removed on exit.
# Inside DIR (the same file system), so the final `mv` of each file is atomic:
# an interrupted run never leaves a half-written file where the station looks.
make_work_dir() {
    work=$(mktemp -d "$1/.$2.XXXXXX")
    trap 'rm -rf "$work"' EXIT
}
