#!/usr/bin/env bash
# The on-air demo, end to end (Debian 12, as root; about 4 minutes once built).
#
# Installs what is missing, builds build/onair, then puts a small station on
# the air in a temporary folder: Vietnamese speech (espeak-ng) and tones, a
# window that opens 20 s from now, a fixed bulletin, a packed programme, a relay
# of a "provincial" stream served by a private icecast2 on 127.0.0.1 (with a
# fallback recording), a ward programme and filler. While `onair run` plays it
# (recording an Ogg air-check), it shows `onair status` and puts an emergency
# alert on air with `onair insert --priority emergency`. When the window is over
# it stops the daemon (SIGTERM), prints the as-aired log, writes the HTML
# report, and says where the recording and the report are. The folder stays.
#
# Usage: bash scripts/demo.sh [--minutes N]
#   --minutes  the window's length, 3 to 60 (default 3)
#
# Nothing is left running: the daemon, icecast2 and the stream's feeder are
# stopped on exit, also on Ctrl-C or an error. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

usage() { # the header comment above, from "Usage:" on
    awk 'NR > 1 && !/^#/ { exit } /^# Usage:/ { on = 1 } on { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
}
minutes=3
while [ $# -gt 0 ]; do
    case $1 in
        --minutes) minutes=${2:?--minutes needs a number}; shift 2 ;;
        --minutes=*) minutes=${1#*=}; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "demo: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
if ! [[ $minutes =~ ^[0-9]+$ ]] || ((minutes < 3 || minutes > 60)); then
    echo "demo: --minutes must be a number from 3 to 60 (got '$minutes')" >&2
    exit 2
fi

readonly zone=Asia/Ho_Chi_Minh # the station's time zone; every time printed is in it
readonly lead=20                # seconds from writing the station file to the window's start
began=$(date +%s)

step() { printf '\n== %s\n' "$*"; }
clock() { TZ=$zone date -d "@$1" +%H:%M:%S; }
now_text() { TZ=$zone date +%H:%M:%S; }

step "install and build"
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target onair
onair=$repo/build/onair

dir=$(mktemp -d /tmp/onair-demo-XXXXXX)
chmod 755 "$dir"
station=$dir/station.yaml

# Everything started in the background is stopped here, whatever happens.
daemon_pid='' feeder_pid='' icecast_pid=''
stop_daemon() {
    [ -n "$daemon_pid" ] || return 0
    kill -TERM "$daemon_pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$daemon_pid" 2>/dev/null && ((waited < 150)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    kill -KILL "$daemon_pid" 2>/dev/null || true
    daemon_status=0
    wait "$daemon_pid" 2>/dev/null || daemon_status=$?
    daemon_pid=
}
stop_relay_source() {
    local pid
    for pid in $feeder_pid $icecast_pid; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    feeder_pid='' icecast_pid=''
}
cleanup() {
    local status=$?
    stop_daemon
    stop_relay_source
    ((status == 0)) || echo "demo: stopped (status $status); what it made so far is in $dir" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "media: Vietnamese speech (espeak-ng -v vi) and tones, in $dir"
bash examples/demo/make-demo-media.sh "$dir"

# --- The "provincial" stream: a private icecast2 on 127.0.0.1, fed in a loop.
step "the provincial stream: icecast2 on 127.0.0.1, fed by gst-launch-1.0"
# http_get PORT PATH: the server's answer, or nothing (bash's /dev/tcp; no curl).
http_get() {
    local reply
    reply=$(
        exec 2>/dev/null
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
        printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
        timeout 2 cat <&3
    ) || true
    printf '%s' "$reply"
}
port=
for _ in $(seq 20); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
[ -n "$port" ] || { echo "demo: found no free port on 127.0.0.1" >&2; exit 1; }
readonly password=onair-demo-source
mkdir -p "$dir/icecast"
security="<chroot>0</chroot>"
if [ "$(id -u)" -eq 0 ]; then
    # icecast2 refuses to run as root: it becomes the Debian package's user,
    # which must be able to write its logs.
    security+="<changeowner><user>icecast2</user><group>$(id -gn icecast2)</group></changeowner>"
    chown icecast2: "$dir/icecast"
fi
cat >"$dir/icecast/icecast.xml" <<EOF
<icecast>
  <location>onair demo</location><admin>demo@localhost</admin>
  <limits><clients>20</clients><sources>4</sources><queue-size>524288</queue-size>
    <client-timeout>30</client-timeout><header-timeout>5</header-timeout>
    <source-timeout>5</source-timeout><burst-on-connect>1</burst-on-connect>
    <burst-size>16384</burst-size></limits>
  <authentication><source-password>$password</source-password>
    <relay-password>onair-demo-relay</relay-password>
    <admin-user>admin</admin-user><admin-password>onair-demo-admin</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>$port</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>$dir/icecast</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel></logging>
  <security>$security</security>
</icecast>
EOF
icecast2 -c "$dir/icecast/icecast.xml" >"$dir/icecast/stdout.log" 2>&1 &
icecast_pid=$!
for _ in $(seq 100); do
    [[ $(http_get "$port" /status-json.xsl) == "HTTP/1.0 200"* ]] && break
    kill -0 "$icecast_pid" 2>/dev/null || break
    sleep 0.1
done
if ! [[ $(http_get "$port" /status-json.xsl) == "HTTP/1.0 200"* ]]; then
    echo "demo: icecast2 did not start on port $port:" >&2
    cat "$dir/icecast/stdout.log" "$dir/icecast/error.log" >&2 2>/dev/null || true
    exit 1
fi
# The stream: speech, then a 659 Hz tone, again and again, as MP3 (paced by
# shout2send's clock like a live source).
gst-launch-1.0 -q multifilesrc "location=$dir/relay-loop.raw" loop=true \
    ! rawaudioparse format=pcm pcm-format=s16le sample-rate=22050 num-channels=1 \
    ! audioconvert ! audioresample ! audio/x-raw,rate=44100,channels=2 \
    ! lamemp3enc target=bitrate bitrate=64 cbr=true \
    ! shout2send ip=127.0.0.1 "port=$port" mount=/tinh.mp3 "password=$password" \
    >"$dir/icecast/feeder.log" 2>&1 &
feeder_pid=$!
relay_url=http://127.0.0.1:$port/tinh.mp3
for _ in $(seq 100); do
    http_get "$port" /status-json.xsl | grep -q "\"listenurl\":\"$relay_url\"" && break
    sleep 0.1
done
if http_get "$port" /status-json.xsl | grep -q "\"listenurl\":\"$relay_url\""; then
    echo "streaming $relay_url (icecast2 pid $icecast_pid, feeder pid $feeder_pid)"
else
    echo "demo: warning: the feeder did not reach icecast2; the relay will play its fallback" >&2
    cat "$dir/icecast/feeder.log" >&2 || true
fi

# --- The station: its window opens `lead` seconds from now (or just after
# midnight, when the window would cross it: windows never do).
start=$(($(date +%s) + lead))
start_of_day=$(TZ=$zone date -d "$(TZ=$zone date -d "@$start" +%F) 00:00" +%s)
if ((start + minutes * 60 >= start_of_day + 86400)); then
    start=$((start_of_day + 86400 + lead))
    echo "the window would cross midnight ($zone): it starts at $(clock "$start") instead"
fi
end=$((start + minutes * 60))
day=$(TZ=$zone date -d "@$start" +%F)
bash examples/demo/make-demo-station.sh "$dir" --start "$(clock "$start")" \
    --minutes "$minutes" --relay "$relay_url" --timezone "$zone"

step "onair check $station"
"$onair" check "$station"
step "onair plan (today, $zone)"
"$onair" plan "$station" --from "$day" --to "$day"

step "onair run $station   (in the background; what it logs is shown as it comes)"
# TZ: the daemon's log stamps its lines in local time; make that the station's.
TZ=$zone "$onair" run "$station" >"$dir/onair.log" 2>&1 &
daemon_pid=$!
launched=$(date +%s)
echo "$(now_text)  daemon pid $daemon_pid; the window opens at $(clock "$start") and closes at $(clock "$end")"

# follow_until EPOCH: shows the daemon's new log lines until that second, and
# stops the demo (with the log) if the daemon stops by itself.
shown=0
follow_until() {
    while :; do
        local lines
        lines=$(wc -l <"$dir/onair.log")
        if ((lines > shown)); then
            sed -n "$((shown + 1)),${lines}p" "$dir/onair.log" |
                sed 's/^\[[0-9-]* \([0-9:.]*\)\] \[\([a-z]*\)\] \[\([a-z]*\)\] /\1  [\2] \3: /; s/ info: / /'
            shown=$lines
        fi
        if [ -n "$daemon_pid" ] && ! kill -0 "$daemon_pid" 2>/dev/null; then
            echo "demo: onair run stopped by itself; see $dir/onair.log" >&2
            daemon_pid=''
            exit 1
        fi
        (($(date +%s) < $1)) || return 0
        sleep 0.5
    done
}
status_at() { # status_at EPOCH WHY
    follow_until "$1"
    step "$(now_text)  onair status   ($2)"
    "$onair" status "$station" || echo "demo: onair status failed ($?)" >&2
    echo
}

status_at $((start + 75)) "during the relay of $relay_url"
follow_until $((start + 125))
step "$(now_text)  onair insert $dir/khan-cap.mp3 --priority emergency   (pre-empts the ward programme)"
"$onair" insert "$station" "$dir/khan-cap.mp3" --priority emergency ||
    echo "demo: onair insert failed ($?)" >&2
echo
status_at $((start + 128)) "the alert on air"
follow_until $((end + 2))

step "$(now_text)  the window is over: stopping the daemon (SIGTERM)"
stop_daemon
follow_until 0
echo "onair run exited with status $daemon_status"
stop_relay_source

# --- What went on air.
step "the as-aired log, $day (onair report --format csv, abridged)"
"$onair" report "$station" --from "$day" --to "$day" --format csv --output "$dir/as-aired.csv"
# A compact table from the operator's CSV (RFC 4180: quoted fields may hold
# commas and doubled quotes); plain awk, so mawk does.
awk '
function split_csv(line, f,    n, i, c, field, quoted) {
    n = 0; field = ""; quoted = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (quoted) {
            if (c == "\"" && substr(line, i + 1, 1) == "\"") { field = field c; i++ }
            else if (c == "\"") quoted = 0
            else field = field c
        } else if (c == "\"") quoted = 1
        else if (c == ",") { f[++n] = field; field = "" }
        else field = field c
    }
    f[++n] = field
    return n
}
{ sub(/\r$/, ""); if (NR == 1) sub(/^\357\273\277/, "") }
NR == 1 { n = split_csv($0, head); for (i = 1; i <= n; i++) col[head[i]] = i; next }
{
    split_csv($0, f)
    printf "%-12s %-12s %7s  %-11s %-9s %-11s %s\n", substr(f[col["actual_start"]], 12, 12),
        substr(f[col["actual_end"]], 12, 12), f[col["duration_s"]], f[col["programme"]],
        f[col["role"]], f[col["status"]], f[col["note"]]
}' "$dir/as-aired.csv" | {
    printf '%-12s %-12s %7s  %-11s %-9s %-11s %s\n' start end seconds programme role status note
    cat
}
"$onair" report "$station" --from "$day" --to "$day" --format html --output "$dir/report.html"

# --- The air-check: decoded to 8 kHz mono, each second is sound when its RMS
# is above -50 dBFS. The recording runs from the daemon's start to its stop;
# the window is [start - launched, end - launched) in it (a second's margin).
recording=$dir/aircheck/$day.ogg
step "the air-check recording"
if [ -s "$recording" ]; then
    gst-launch-1.0 -q filesrc "location=$recording" ! decodebin ! audioconvert ! audioresample \
        ! audio/x-raw,format=S16LE,channels=1,rate=8000 ! fdsink fd=1 2>/dev/null |
        od -An -v -td2 -w2 |
        awk -v from=$((start - launched + 1)) -v to=$((end - launched - 1)) '
            { sum += $1 * $1; n++ }
            n % 8000 == 0 {
                second = n / 8000 - 1
                if (second >= from && second < to) { inside++; if (sum / 8000 < 104 * 104) dead++ }
                sum = 0
            }
            END { s = int(n / 8000)
                  printf "%dm%02ds recorded; in the window: %d s checked, %d s of them silent\n",
                         s / 60, s % 60, inside, dead }' |
        sed "s|^|$recording: |"
else
    echo "demo: no air-check recording at $recording" >&2
fi

took=$(($(date +%s) - began))
step "done in $((took / 60))m$(printf %02d $((took % 60)))s; everything is in $dir"
cat <<EOF
  air-check recording  $recording
  as-aired report      $dir/report.html  (open it in a browser)
  as-aired log (CSV)   $dir/as-aired.csv
  station file         $station
  daemon's log         $dir/onair.log
EOF
