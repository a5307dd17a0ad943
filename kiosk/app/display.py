"""Is there a screen to open a window on? Asked before Qt, which aborts when there is none.

With ``DISPLAY`` naming an X server that is gone (a stopped Xvfb, a closed session), Qt's xcb
plugin calls ``qFatal`` and the process aborts (exit code 134, a core dump, no sentence). So
the kiosk first connects to the display's socket itself, as Xlib would: for ``:N`` the local
socket ``/tmp/.X11-unix/XN`` (abstract, then the file), for ``host:N`` TCP port 6000 + N
(X Window System protocol, "Connection Setup"; Xlib's ``XOpenDisplay``). A Wayland display is
the socket ``$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY``. Only connecting tells: a socket file stays
behind when its server is killed.

The check uses the C module ``_socket``, imported only when a display is to be checked:
importing ``socket`` costs 3.5 ms of every start, and offscreen runs need no check.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

X_TCP_BASE_PORT = 6000
X_SOCKET_FOLDER = "/tmp/.X11-unix"
TIMEOUT_SECONDS = 1.0
NO_DISPLAY = (
    "Aucun écran n'est disponible (ni DISPLAY ni WAYLAND_DISPLAY). Lancez Pas à pas depuis "
    "une session graphique, ou sous Xvfb : xvfb-run kiosk."
)


def _connects(family: int, address: str | tuple[str, int]) -> bool:
    import _socket

    connection = _socket.socket(family, _socket.SOCK_STREAM)
    try:
        connection.settimeout(TIMEOUT_SECONDS)
        connection.connect(address)
    except OSError:
        return False
    finally:
        connection.close()
    return True


def x_display_answers(display: str) -> bool:
    """True when an X server accepts a connection at ``display`` (``:0``, ``host:1.0``…)."""
    host, colon, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not colon or not number.isdigit():
        return False
    import _socket

    if host in ("", "unix"):
        path = f"{X_SOCKET_FOLDER}/X{number}"
        return _connects(_socket.AF_UNIX, "\0" + path) or _connects(_socket.AF_UNIX, path)
    if host.startswith("/"):  # a socket path, as launchd gives
        return _connects(_socket.AF_UNIX, host)
    try:
        return _connects(_socket.AF_INET, (host, X_TCP_BASE_PORT + int(number)))
    except OSError:  # the host name cannot be resolved
        return False


def wayland_display_answers(display: str, runtime_dir: str | None) -> bool:
    """True when a Wayland compositor accepts a connection at ``display``."""
    import _socket

    path = display if display.startswith("/") else f"{runtime_dir or ''}/{display}"
    return _connects(_socket.AF_UNIX, path)


def display_problem(environ: Mapping[str, str]) -> str | None:
    """Why Qt could not open a window here, as a sentence; None when a display answers.

    Only for Linux's two windowing systems; any other platform asked for with
    ``QT_QPA_PLATFORM`` (offscreen, eglfs, vnc…) is left to Qt. ``QT_QPA_PLATFORM`` may list
    platforms to try in turn, ``wayland;xcb`` (the kiosk session's): a display of any of them
    will do (a list of platforms tried in order since Qt 5.11: qtbase commit 093d853,
    QTBUG-59762).
    """
    if sys.platform != "linux":
        return None
    asked = environ.get("QT_QPA_PLATFORM", "")
    platforms = {name.split(":")[0] for name in asked.split(";")} - {""}
    if not platforms <= {"xcb", "wayland"}:
        return None
    x_display = environ.get("DISPLAY", "") if not platforms or "xcb" in platforms else ""
    wayland = environ.get("WAYLAND_DISPLAY", "") if not platforms or "wayland" in platforms else ""
    if not x_display and not wayland:
        return NO_DISPLAY
    if wayland and wayland_display_answers(wayland, environ.get("XDG_RUNTIME_DIR")):
        return None
    if x_display and x_display_answers(x_display):
        return None
    named = " et ".join(
        f"{name}={value}"
        for name, value in (("WAYLAND_DISPLAY", wayland), ("DISPLAY", x_display))
        if value
    )
    return (
        f"L'écran indiqué ({named}) ne répond pas : son serveur graphique est arrêté. "
        "Démarrez la session graphique, ou lancez Pas à pas sous Xvfb : xvfb-run kiosk."
    )
