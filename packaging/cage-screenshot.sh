#!/bin/sh
# Takes docs/screenshots/30-kiosk-in-cage.png: the installed package's kiosk session in a
# headless cage (wlroots' headless backend, pixman renderer), as the kiosk user, and grim.
# Usage (root, with the package installed): sh packaging/cage-screenshot.sh OUTPUT.png
#
# cage runs here with its output turned by 180° (-r -r; grim turns the picture back). Without
# it the picture is stale: on the headless backend cage 0.1.4 puts the kiosk's full-screen
# buffer straight on the output ("direct scan-out", which a real screen's DRM driver refuses
# for the kiosk's shared-memory buffers), and grim's capture then forces one composited frame
# in which wlroots 0.15 redraws only the damage of the last composited frame: the output shows
# the kiosk, the picture shows its first frame (docs/deploy.md). A turned output is never
# scanned out directly (cage checks that the surface's transform matches the output's).
set -eu
OUTPUT=$(realpath "$1")
RUNTIME=$(mktemp -d /tmp/pas-a-pas-cage.XXXXXX)
chown kiosk:kiosk "$RUNTIME"
chmod 0700 "$RUNTIME"
as_kiosk() {  # in a subshell: runuser replaces it
    exec runuser -u kiosk -- env -i PATH=/usr/bin:/bin HOME=/var/lib/pas-a-pas \
        XDG_RUNTIME_DIR="$RUNTIME" KIOSK_STATUS_DIR="$RUNTIME" WLR_BACKENDS=headless \
        WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 "$@"
}
# $! is runuser itself, which passes SIGTERM on to the session, and the session to cage.
(as_kiosk CAGE_OPTIONS="-r -r" /usr/lib/pas-a-pas/kiosk-session) >"$RUNTIME/session.log" 2>&1 &
SESSION=$!
sleep "${SECONDS_TO_WAIT:-8}"  # the kiosk gives no sign outside: wait for its first frames
(as_kiosk WAYLAND_DISPLAY=wayland-0 grim "$RUNTIME/shot.png")
cp "$RUNTIME/shot.png" "$OUTPUT"
kill -TERM "$SESSION" || true
wait "$SESSION" || true
grep '^kiosk-session: QT_QPA_PLATFORM' "$RUNTIME/session.log" || true
grep 'Qt platform' /var/lib/pas-a-pas/kiosk.log 2>/dev/null | tail -n 1 || true
rm -rf "$RUNTIME"
echo "$OUTPUT"
