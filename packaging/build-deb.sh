#!/bin/sh
# Builds the Debian package of Pas à pas with dpkg-deb: the app's dependencies in a virtual
# environment under /opt/pas-a-pas/venv, the app itself (code, built-in content, lexicons,
# compiled translations) in /opt/pas-a-pas/app, found through a .pth file.
#
# Usage: sh packaging/build-deb.sh [OUTPUT_DIR]   (default: dist/)
# Environment: PYTHON_FOR_PIP (a pip ≥ 22.3, default .venv/bin/python),
#   DEB_COMPRESSION (dpkg-deb -Z, default xz), DEB_LEVEL (dpkg-deb -z, default 6),
#   DEB_CACHE (where the dependencies' environment is kept between builds, default build/deb).
# The dependencies' environment is rebuilt only when pyproject.toml changes, so a second build
# takes seconds; the package is built by fakeroot, so every file belongs to root.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-dist}
PIP_PYTHON=${PYTHON_FOR_PIP:-.venv/bin/python}
CACHE=${DEB_CACHE:-build/deb}
TARGET_PYTHON=/usr/bin/python3  # Debian's Python: the environment's python links to it
VERSION=$($PIP_PYTHON -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
KEY=$(sha256sum < pyproject.toml | cut -c1-16)-$($TARGET_PYTHON -c 'import sys; print("%d.%d" % sys.version_info[:2])')
ENV_CACHE="$CACHE/venv-$KEY"

mkdir -p "$CACHE" "$OUT"
if [ ! -d "$ENV_CACHE" ]; then
    echo "Building the dependencies' environment ($ENV_CACHE)…"
    rm -rf "$CACHE"/venv-*  # an older environment, or one interrupted half-way
    $TARGET_PYTHON -m venv --without-pip "$ENV_CACHE.tmp"
    DEPS=$($PIP_PYTHON -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))')
    echo "$DEPS" > "$CACHE/requirements.txt"
    $PIP_PYTHON -m pip --python "$ENV_CACHE.tmp/bin/python" install --quiet --no-compile \
        -r "$CACHE/requirements.txt"
    # Byte-compiled now: /opt is read-only for the kiosk user, which would otherwise compile
    # every module at every start. A few test files of dependencies do not compile: ignored.
    "$ENV_CACHE.tmp/bin/python" -m compileall -q -j 0 "$ENV_CACHE.tmp/lib" >/dev/null || true
    rm -rf "$ENV_CACHE.tmp/bin/Activate.ps1" "$ENV_CACHE.tmp/include"
    mv "$ENV_CACHE.tmp" "$ENV_CACHE"
fi

ROOT="$CACHE/root"
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt/pas-a-pas/app" "$ROOT/usr/bin" "$ROOT/usr/lib/pas-a-pas" \
    "$ROOT/lib/systemd/system" "$ROOT/etc/pam.d" "$ROOT/usr/share/applications" \
    "$ROOT/usr/share/icons/hicolor/scalable/apps" "$ROOT/usr/share/doc/pas-a-pas-kiosk"
# Hard links: the environment is not copied (250 MB), and fakeroot gives the files to root.
cp -al "$ENV_CACHE" "$ROOT/opt/pas-a-pas/venv"
# The scripts of the environment name the cache in their first line: point them at /opt.
for script in "$ROOT"/opt/pas-a-pas/venv/bin/*; do
    [ -L "$script" ] && continue
    if head -c 2 "$script" | grep -q '#!'; then
        sed "1s|^#!.*/bin/python.*|#!/opt/pas-a-pas/venv/bin/python|" "$script" > "$script.new"
        chmod 0755 "$script.new"
        mv "$script.new" "$script"
    fi
done
sed -i "s|^command = .*|command = $TARGET_PYTHON -m venv /opt/pas-a-pas/venv|" \
    "$ROOT/opt/pas-a-pas/venv/pyvenv.cfg"
SITE=$(cd "$ROOT/opt/pas-a-pas/venv" && echo lib/python3*/site-packages)
echo /opt/pas-a-pas/app > "$ROOT/opt/pas-a-pas/venv/$SITE/pas-a-pas.pth"

# The app: its code, the built-in content, the lexicons, the icons and compiled translations.
tar --exclude=__pycache__ -cf - kiosk assets translations/*/LC_MESSAGES/kiosk.mo LICENSE |
    tar -xf - -C "$ROOT/opt/pas-a-pas/app"
for mo in translations/*/LC_MESSAGES/kiosk.po; do
    [ -f "${mo%.po}.mo" ] || { echo "missing ${mo%.po}.mo: run make translations" >&2; exit 1; }
done
$TARGET_PYTHON -m compileall -q -j 0 -d /opt/pas-a-pas/app/kiosk \
    "$ROOT/opt/pas-a-pas/app/kiosk" >/dev/null

install -m 0755 packaging/deb/kiosk "$ROOT/usr/bin/kiosk"
install -m 0755 packaging/deb/kiosk-session "$ROOT/usr/lib/pas-a-pas/kiosk-session"
install -m 0644 packaging/deb/pas-a-pas-kiosk.service "$ROOT/lib/systemd/system/"
install -m 0644 packaging/deb/pam-pas-a-pas-kiosk "$ROOT/etc/pam.d/pas-a-pas-kiosk"
install -m 0644 packaging/deb/pas-a-pas.desktop "$ROOT/usr/share/applications/"
install -m 0644 packaging/deb/pas-a-pas.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/"
install -m 0644 packaging/deb/README.Debian "$ROOT/usr/share/doc/pas-a-pas-kiosk/"
install -m 0644 LICENSE "$ROOT/usr/share/doc/pas-a-pas-kiosk/copyright"
# The room's broker (docs/room.md): examples for the desk's PC, never installed as its config.
install -d "$ROOT/usr/share/doc/pas-a-pas-kiosk/mosquitto"
install -m 0644 packaging/mosquitto/pas-a-pas.conf packaging/mosquitto/pas-a-pas.acl \
    packaging/mosquitto/pas-a-pas-tls.conf.example "$ROOT/usr/share/doc/pas-a-pas-kiosk/mosquitto/"
for script in postinst prerm postrm; do
    install -m 0755 "packaging/deb/$script" "$ROOT/DEBIAN/$script"
done
echo /etc/pam.d/pas-a-pas-kiosk > "$ROOT/DEBIAN/conffiles"
SIZE=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE@/$SIZE/" packaging/deb/control.in \
    > "$ROOT/DEBIAN/control"

DEB="$OUT/pas-a-pas-kiosk_${VERSION}_amd64.deb"
fakeroot dpkg-deb -Z"${DEB_COMPRESSION:-xz}" -z"${DEB_LEVEL:-6}" --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
