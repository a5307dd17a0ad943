#!/bin/sh
# Installs the Debian packages that Qt (xcb/offscreen), espeak-ng and clip playback (aplay) need,
# and those of the sheet to take home: libcups2 (Qt's CUPS plug-in) and cups (the print server,
# its filters), fonts-noto-ui-core (Noto Sans Arabic for the Arabic sheet); for its tests:
# poppler-utils (pdftotext, pdffonts, pdftoppm), zbar-tools (libzbar0, read by pyzbar) and
# printer-driver-cups-pdf (a CUPS queue that prints into a PDF file); for the Debian package and
# its tests: fakeroot, fontconfig (fc-list, read by kiosk doctor), the Wayland client libraries
# of Qt's wayland plug-in, cage and xwayland (the kiosk session), grim (its screenshot); for the
# signed packs' tests: minisign (the reference tool: its keys and signatures are ours); for the
# room (docs/room.md): mosquitto, the MQTT broker of the mediator's desk (its tests start one).
# Does nothing where they are already installed or where apt-get does not exist.
set -eu
PACKAGES="espeak-ng libespeak-ng1 libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 \
libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
libxcb-xfixes0 libxcb-sync1 libxrender1 libxi6 libsm6 libice6 libpulse0 libasound2 alsa-utils \
fonts-dejavu-core xvfb xauth imagemagick xclip xdotool \
libcups2 cups fonts-noto-ui-core poppler-utils zbar-tools printer-driver-cups-pdf \
fakeroot fontconfig libwayland-client0 libwayland-cursor0 libwayland-egl1 cage xwayland grim \
minisign mosquitto"

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get not found: install the equivalent of these packages yourself: $PACKAGES" >&2
    exit 0
fi
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Debian packages:$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
