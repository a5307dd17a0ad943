"""Building the QApplication and the kiosk window from the stores."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtGui import QFont, QGuiApplication, QPixmapCache
from PySide6.QtWidgets import QApplication

from kiosk.speech.service import SpeechService
from kiosk.store.activity_store import ActivityStore
from kiosk.store.content_store import ContentStore
from kiosk.store.settings_store import SettingsStore
from kiosk.ui.main_window import MainWindow, Services
from kiosk.ui.theme import BODY_PT, FONT_FAMILY

log = logging.getLogger(__name__)

# Qt's shared cache of drawn pictures (icons at each size, the style's bevels…), in KiB. Qt's
# default is 10,240 KiB, and the kiosk filled it: walking every built-in step once grew the
# process by 21.5 MiB, 10 of them this cache, never given back (issue #19, goal: the whole
# journey within 40 MiB of a bare window). At 2,048 KiB the same walk grows by 12.4 MiB, and
# "Suivant" is as fast (p95 11.5–12.8 ms against 14.7–19.5 ms in the same hour, alternating
# runs; docs/benchmarks.md "Qt's picture cache"). 512 and 1,024 KiB save nothing more.
PIXMAP_CACHE_KIB = 2048


def create_application() -> QApplication:
    """The one QApplication (made once; the same one again after), with the kiosk's font and
    Qt's picture cache bounded to ``PIXMAP_CACHE_KIB``."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Pas à pas")
    app.setDesktopFileName("pas-a-pas")
    app.setFont(QFont(FONT_FAMILY, BODY_PT))
    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KIB)
    return app  # type: ignore[return-value]


def create_window(
    content: ContentStore,
    activity: ActivityStore,
    settings: SettingsStore,
    kiosk_mode: bool = False,
    language: str | None = None,
) -> MainWindow:
    speech = SpeechService(rate=settings.get("speech_rate"))
    window = MainWindow(
        Services(content, activity, settings, speech), kiosk_mode=kiosk_mode, language=language
    )
    if kiosk_mode:
        # The first frame at the screen's size: under Wayland the window would otherwise be
        # laid out and drawn once at its minimum size, before the compositor's first
        # configure event makes it full screen.
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
        log_platform(window)
    else:
        window.resize(1280, 800)
        window.show()
    return window


def log_platform(window: MainWindow) -> None:
    """Log (INFO, in the log file) the Qt platform that draws ``window`` and its screen's size.

    Under a Wayland compositor (``WAYLAND_DISPLAY`` set) Qt falling back to X11 through
    Xwayland (``xcb``) is a warning, on stderr and so in the journal: it means Qt's Wayland
    plug-in did not load (``kiosk doctor`` names its missing libraries).
    """
    platform = QGuiApplication.platformName()
    screen = window.screen().geometry()
    log.info("Qt platform %s, screen %d×%d", platform, screen.width(), screen.height())
    if platform == "xcb" and os.environ.get("WAYLAND_DISPLAY"):
        log.warning(
            "Qt draws the kiosk through Xwayland (xcb) although a Wayland display is there: "
            "its Wayland plug-in did not load. Run kiosk doctor."
        )
