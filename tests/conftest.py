"""Shared fixtures: a fresh SQLite file per test, the built-in pack, real speech, the window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.builtin_content import BUILTIN_PACK, ensure_builtin_content
from kiosk.core import i18n
from kiosk.store.activity_store import ActivityStore
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database
from kiosk.store.settings_store import SettingsStore

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def collectable_again():
    """A window's warm-up sets its objects aside from Python's collections (gc.freeze): each
    test gives them back, so that what one test left behind is still collected."""
    yield
    import gc

    gc.unfreeze()


@pytest.fixture(autouse=True)
def french_interface():
    """Each test starts in French, whatever the previous one chose."""
    i18n.install("fr")
    yield
    i18n.install("fr")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.db"


@pytest.fixture
def db(db_path: Path):
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def content(db) -> ContentStore:
    store = ContentStore(db)
    ensure_builtin_content(store)
    return store


@pytest.fixture
def builtin_pack_dir() -> Path:
    return BUILTIN_PACK


@pytest.fixture
def speech(qapp):
    from kiosk.speech.service import SpeechService

    service = SpeechService(rate=200)
    yield service
    service.shutdown()


@pytest.fixture
def make_window(qtbot, db, content, speech):
    """Build the real main window on the test database; ``settings`` may be adjusted first."""
    from kiosk.ui.main_window import MainWindow, Services

    settings = SettingsStore(db)

    def build(**setting_values) -> MainWindow:
        for key, value in setting_values.items():
            settings.set(key, value)
        services = Services(content, ActivityStore(db), settings, speech)
        window = MainWindow(services)
        window.tap_guard.clock = PatientClock()
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


@pytest.fixture
def window(make_window):
    return make_window()


class PatientClock:
    """A clock for the second-tap guard: each look at it is a second later.

    Tests act as a person who waits between presses; the tests of double taps give the
    window a clock of their own.
    """

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def press(qtbot, button) -> None:
    """Press a button as a finger would: it must be in sight and enabled."""
    from PySide6.QtCore import Qt

    assert button.isVisible() and button.isEnabled(), button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def set_text_size(qtbot, window, presses: int, button_name: str = "bigger_button") -> None:
    """Open "Voir mieux", press "Plus grand" (or another of its buttons), close the panel."""
    press(qtbot, window.display_button)
    for _ in range(presses):
        press(qtbot, getattr(window.display_panel, button_name))
    press(qtbot, window.display_panel.close_button)


def written_id(db, row_id) -> int:
    """The id SQLite gave a row the background writer inserts (a ``RowId``), once written."""
    db.flush()
    return row_id.value


class FakeClock:
    """Time that moves only when a test says so: ``now`` in seconds since the epoch."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
