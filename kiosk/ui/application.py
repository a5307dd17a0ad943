"""Building the QApplication and the kiosk window from the stores."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.speech.service import SpeechService
from kiosk.store.activity_store import ActivityStore
from kiosk.store.content_store import ContentStore
from kiosk.store.settings_store import SettingsStore
from kiosk.ui.main_window import MainWindow, Services
from kiosk.ui.theme import BODY_PT, FONT_FAMILY


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Pas à pas")
    app.setDesktopFileName("pas-a-pas")
    app.setFont(QFont(FONT_FAMILY, BODY_PT))
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
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    return window
