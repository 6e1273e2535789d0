#!/usr/bin/env bash
# Installs onair into a scratch folder the way a package would (`cmake
# --install --prefix /usr` with DESTDIR) and checks what systemd will make of
# it, without a running systemd (as in a container or CI):
#   - the files land where systemd and the docs say;
#   - `systemd-analyze verify` accepts the installed unit;
#   - `systemd-analyze security` rates it OK or better (exposure below 5.0);
#   - systemd-sysusers and systemd-tmpfiles, run on the scratch root, make the
#     user, its groups and the folders with the owners and modes the unit needs;
#   - another prefix gets a unit that names the binary there.
#
# Usage: unit_test.sh BUILD_DIR [CMAKE]   (tests/CMakeLists.txt runs it from CTest)
set -euo pipefail

build=${1:?usage: unit_test.sh BUILD_DIR [CMAKE]}
cmake=${2:-cmake}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/onair-unit-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
check_file() { [ -f "$root/$1" ] || fail "not installed: /$1"; }

for tool in systemd-analyze systemd-sysusers systemd-tmpfiles; do
    command -v "$tool" >/dev/null || {
        echo "FAIL: $tool not found (Debian package systemd; scripts/install-deps.sh)" >&2
        exit 1
    }
done
# Plain text from systemd's tools, whatever the terminal.
export SYSTEMD_COLORS=0 SYSTEMD_PAGER=cat SYSTEMD_LOG_COLOR=0

echo "== cmake --install --prefix /usr into $scratch/root"
root=$scratch/root
DESTDIR=$root "$cmake" --install "$build" --prefix /usr >"$scratch/install.log"
(cd "$root" && find . -type f -o -type l | sort | sed 's|^\.||')
check_file usr/bin/onair
check_file usr/lib/systemd/system/onair.service
check_file usr/lib/sysusers.d/onair.conf
check_file usr/lib/tmpfiles.d/onair.conf
check_file usr/share/doc/onair/README.md
check_file usr/share/doc/onair/docs/install.md
check_file usr/share/doc/onair/examples/duc-pho/station.yaml
check_file usr/share/doc/onair/examples/make-media.sh
[ -x "$root/usr/bin/onair" ] || fail "/usr/bin/onair is not executable"
[ -x "$root/usr/share/doc/onair/examples/make-media.sh" ] || fail "make-media.sh is not executable"
unit=$root/usr/lib/systemd/system/onair.service
grep -qx 'ExecStart=/usr/bin/onair run %E/onair/station.yaml' "$unit" ||
    fail "the installed unit does not start /usr/bin/onair: $(grep ^ExecStart= "$unit")"

echo "== systemd-analyze verify"
# verify checks that ExecStart's binary exists: point it at the installed one.
# The copy keeps the name onair.service, which verify takes the unit name from.
mkdir "$scratch/verify"
sed "s|/usr/bin/onair|$root/usr/bin/onair|" "$unit" >"$scratch/verify/onair.service"
if ! systemd-analyze verify --man=no "$scratch/verify/onair.service" >"$scratch/verify.log" 2>&1; then
    fail "systemd-analyze verify failed"
fi
# It also prints warnings (an unknown or misspelt setting) without failing.
if [ -s "$scratch/verify.log" ]; then
    fail "systemd-analyze verify says:"
    cat "$scratch/verify.log" >&2
fi

echo "== systemd-analyze security"
# --threshold=49: exposure 4.9 (on systemd's 0-10 scale) is the highest that is
# still "OK"; 5.0 is "MEDIUM". The tool exits non-zero above the threshold.
status=0
systemd-analyze security --offline=true --threshold=49 --no-pager "$unit" \
    >"$scratch/security.log" 2>&1 || status=$?
overall=$(grep 'Overall exposure level' "$scratch/security.log" || true)
echo "${overall:-no overall exposure line}"
[ "$status" -eq 0 ] || fail "systemd-analyze security exited $status (exposure above 4.9?)"
if [[ $overall =~ :\ ([0-9]+\.[0-9])\ (PERFECT|SAFE|OK)\  ]]; then
    exposure=${BASH_REMATCH[1]}
    [ "${exposure%.*}" -lt 5 ] || fail "exposure $exposure is not below 5.0"
else
    fail "rated worse than OK: ${overall:-(no rating)}"
    cat "$scratch/security.log" >&2
fi

echo "== systemd-sysusers and systemd-tmpfiles on the installed root"
mkdir -p "$root/etc"
systemd-sysusers --root="$root" onair.conf 2>"$scratch/sysusers.log" ||
    fail "systemd-sysusers failed: $(cat "$scratch/sysusers.log")"
IFS=: read -r _ _ uid gid _ home shell < <(grep '^onair:' "$root/etc/passwd" || echo "::::::") || true
[ -n "$uid" ] || fail "no user onair in the root's /etc/passwd"
[ "$home" = /var/lib/onair ] || fail "onair's home is '$home', not /var/lib/onair"
[[ $shell == */nologin ]] || fail "onair's shell is '$shell', not nologin"
grep -q '^onair:x:'"$gid"':' "$root/etc/group" || fail "no group onair with GID $gid"
grep -Eq '^audio:x:[0-9]+:(.*,)?onair(,.*)?$' "$root/etc/group" || fail "onair is not in group audio"

if [ "$(id -u)" -eq 0 ]; then
    # Giving the folders to onair needs root, which CI and the containers are.
    systemd-tmpfiles --root="$root" --create onair.conf 2>"$scratch/tmpfiles.log" ||
        fail "systemd-tmpfiles failed: $(cat "$scratch/tmpfiles.log")"
    for expected in "var/lib/onair 770" "var/lib/onair/media 2770" "var/lib/onair/aircheck 770"; do
        read -r path mode <<<"$expected"
        actual=$(stat -c "%a %u:%g" "$root/$path" 2>/dev/null || echo missing)
        echo "/$path: $actual"
        [ "$actual" = "$mode $uid:$gid" ] || fail "/$path is '$actual', expected '$mode $uid:$gid'"
    done
else
    echo "(not root: the tmpfiles check, which gives folders to onair, is left out)"
fi

echo "== another prefix"
DESTDIR=$scratch/opt "$cmake" --install "$build" --prefix /opt/onair >/dev/null
grep -qx 'ExecStart=/opt/onair/bin/onair run %E/onair/station.yaml' \
    "$scratch/opt/opt/onair/lib/systemd/system/onair.service" ||
    fail "with prefix /opt/onair the unit does not start /opt/onair/bin/onair"
grep -qx 'Documentation=file:/opt/onair/share/doc/onair/docs/install.md' \
    "$scratch/opt/opt/onair/lib/systemd/system/onair.service" ||
    fail "with prefix /opt/onair the unit's Documentation= is not under /opt/onair"

if [ "$failures" -ne 0 ]; then
    echo "unit_test: $failures check(s) failed" >&2
    exit 1
fi
echo "unit_test: all checks passed"
