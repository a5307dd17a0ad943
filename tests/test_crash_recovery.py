"""A fault in a slot never leaves a frozen screen: the real window goes back to the welcome
screen with a calm sentence, the visit is ended, the fault is logged, and the next person can
start. pytest-qt's own capture of slot exceptions is turned off (``qt_no_exception_capture``)
so that the kiosk's handler is the one PySide6 calls, as in a running kiosk.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from kiosk.app.crash_handler import STORM_FAULTS, CrashHandler
from kiosk.store.activity_store import ActivityStore

pytestmark = pytest.mark.qt_no_exception_capture
CALM = "Désolé, un problème est survenu. Ce n'est pas de votre faute. Vous pouvez recommencer."


@pytest.fixture
def handler(window):
    crash_handler = CrashHandler(window)
    crash_handler.install()
    yield crash_handler
    crash_handler.uninstall()


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_a_card(qtbot, window) -> None:
    click(qtbot, window.welcome.start_button)
    home = window.home
    qtbot.keyClicks(home.search_field, "impot")
    qtbot.waitUntil(lambda: any(c.objectName() == "tutorial-franceconnect" for c in home.cards))
    click(qtbot, next(c for c in home.cards if c.objectName() == "tutorial-franceconnect"))


def test_a_fault_in_a_screen_brings_the_welcome_screen_back(
    qtbot, window, handler, db, monkeypatch, caplog
):
    def broken(*_tutorial_and_place) -> None:
        raise RuntimeError("a screen that breaks")

    monkeypatch.setattr(window.overview, "show_tutorial", broken)
    with caplog.at_level(logging.ERROR, logger="kiosk.app.crash_handler"):
        open_a_card(qtbot, window)
        qtbot.waitUntil(lambda: window.current_screen() is window.welcome)

    notice = window._recovery_notice
    assert notice is not None and notice.isVisible() and notice.text() == CALM
    assert not window.finish_button.isVisible()  # a welcome screen like any other
    assert handler.faults == 1
    (record,) = [r for r in caplog.records if r.name == "kiosk.app.crash_handler"]
    assert record.exc_info and "a screen that breaks" in str(record.exc_info[1])
    (session,) = ActivityStore(db).sessions()
    assert session["end_reason"] == "error" and session["ended_at"]

    monkeypatch.undo()  # the next person finds a kiosk that answers
    open_a_card(qtbot, window)
    assert window.current_screen() is window.overview
    assert not notice.isVisible()
    assert [s["end_reason"] for s in ActivityStore(db).sessions()] == ["error", None]


def test_the_calm_sentence_is_in_the_language_of_the_kiosk(qtbot, make_window):
    window = make_window(language="en")
    handler = CrashHandler(window)
    handler.install()
    try:
        window.welcome.start_requested.connect(lambda: 1 / 0)
        click(qtbot, window.welcome.start_button)
        qtbot.waitUntil(lambda: window._recovery_notice is not None)
        assert window._recovery_notice.text() == (
            "Sorry, something went wrong. It is not your fault. You can start again."
        )
    finally:
        handler.uninstall()


def test_faults_that_keep_coming_get_a_new_window(qtbot, window, make_window, monkeypatch):
    """A screen that raises at every turn: going back to welcome is not enough."""
    built = []

    def rebuild():
        new = make_window()
        built.append(new)
        return new

    handler = CrashHandler(window, rebuild_window=rebuild, clock=lambda: 100.0)
    handler.install()
    try:
        monkeypatch.setattr(window, "recover_from_error", lambda _message: 1 / 0)
        for _ in range(STORM_FAULTS):
            handler.handle(RuntimeError, RuntimeError("again"), None)
        qtbot.waitUntil(lambda: len(built) == 1)
        assert handler.window is built[0]
        qtbot.waitUntil(lambda: built[0]._recovery_notice is not None)
        assert built[0].current_screen() is built[0].welcome
    finally:
        handler.uninstall()


def test_a_damaged_file_found_while_running_asks_for_a_fresh_one(qtbot, window, tmp_path):
    """SQLite's own "malformed" error, from a really damaged file, raised in a slot."""
    from tests.test_damaged_database import damaged_copy, error_reading

    folder = tmp_path / "damaged"
    folder.mkdir()
    error = error_reading(damaged_copy(folder, "tutorials"))
    asked = []
    handler = CrashHandler(window, on_damaged_database=asked.append)
    handler.install()
    try:
        window.welcome.start_requested.connect(lambda: (_ for _ in ()).throw(error))
        click(qtbot, window.welcome.start_button)
        qtbot.waitUntil(lambda: asked == [error])
    finally:
        handler.uninstall()


def test_a_fault_in_another_thread_is_logged(window, caplog):
    import threading

    handler = CrashHandler(window)
    handler.install()
    try:
        with caplog.at_level(logging.ERROR, logger="kiosk.app.crash_handler"):
            worker = threading.Thread(target=lambda: 1 / 0, name="a-worker")
            worker.start()
            worker.join()
    finally:
        handler.uninstall()
    (record,) = caplog.records
    assert "a-worker" in record.getMessage() and record.exc_info[0] is ZeroDivisionError
    assert window.current_screen() is window.welcome  # threads never touch the screens


def test_when_nothing_recovers_the_kiosk_exits_for_its_service_to_restart_it(
    qtbot, window, monkeypatch
):
    """Welcome screen and a new window both fail: exit code 70 (EX_SOFTWARE), not a freeze."""
    from kiosk.app import crash_handler

    exits = []
    monkeypatch.setattr(crash_handler.QApplication, "exit", staticmethod(exits.append))
    monkeypatch.setattr(window, "recover_from_error", lambda _message: 1 / 0)

    def rebuild():
        raise RuntimeError("no window can be built")

    handler = CrashHandler(window, rebuild_window=rebuild, clock=lambda: 5.0)
    handler.install()
    try:
        for _ in range(STORM_FAULTS):
            handler.handle(RuntimeError, RuntimeError("again"), None)
        qtbot.waitUntil(lambda: exits == [crash_handler.EXIT_FAULT])
    finally:
        handler.uninstall()
