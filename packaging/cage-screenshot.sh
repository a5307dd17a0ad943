#!/bin/sh
# Takes docs/screenshots/30-kiosk-in-cage.png: the installed package's kiosk session in a
# headless cage (wlroots' headless backend, pixman renderer), as the kiosk user, and grim.
# Usage (root, with the package installed): sh packaging/cage-screenshot.sh OUTPUT.png
set -eu
OUTPUT=$(realpath "$1")
RUNTIME=$(mktemp -d /tmp/pas-a-pas-cage.XXXXXX)
chown kiosk:kiosk "$RUNTIME"
chmod 0700 "$RUNTIME"
as_kiosk() {
    runuser -u kiosk -- env -i PATH=/usr/bin:/bin HOME=/var/lib/pas-a-pas \
        XDG_RUNTIME_DIR="$RUNTIME" KIOSK_STATUS_DIR="$RUNTIME" WLR_BACKENDS=headless \
        WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 "$@"
}
as_kiosk /usr/lib/pas-a-pas/kiosk-session >"$RUNTIME/session.log" 2>&1 &
SESSION=$!
sleep "${SECONDS_TO_WAIT:-8}"  # the kiosk gives no sign outside: wait for its first frames
as_kiosk WAYLAND_DISPLAY=wayland-0 grim "$RUNTIME/shot.png"
cp "$RUNTIME/shot.png" "$OUTPUT"
kill -TERM "$SESSION" || true  # runuser passes it on to the session, then to cage
wait "$SESSION" || true
rm -rf "$RUNTIME"
echo "$OUTPUT"
