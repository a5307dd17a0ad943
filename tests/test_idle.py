"""Idle time: a spoken warning with a countdown, then a full reset for the next person."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.store.activity_store import ActivityStore
from tests.conftest import set_text_size


def short_idle(window, countdown: int = 1) -> None:
    """Shorten the product's delays (3 min, 30 s) so the test runs in a second."""
    window.idle.watcher.set_seconds(0.2)
    window.idle_warning.seconds = countdown
    window.idle.watcher.start()


def test_the_product_delays_are_long_enough(make_window):
    window = make_window()
    assert window.idle.watcher._timer.interval() == 180_000
    assert window.idle_warning.seconds >= 20


def test_idle_resets_everything(qtbot, make_window, db, speech):
    window = make_window()
    qtbot.mouseClick(window.welcome.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.home.search_field, "vitale")
    set_text_size(qtbot, window, 1)
    window.open_tutorial("ameli-attestation")
    qtbot.mouseClick(window.overview.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.player.next_button, Qt.MouseButton.LeftButton)
    assert window.text_scale == 1.25

    short_idle(window, countdown=2)
    with qtbot.waitSignal(speech.started, timeout=3000):
        qtbot.waitUntil(lambda: window.idle_warning.isVisible(), timeout=3000)
    assert window.idle_warning.title.text() == "Are you still there?"
    assert "2" in window.idle_warning.countdown.text()
    assert window.idle_warning.button.text() == "I am still here"

    qtbot.waitUntil(lambda: window.current_screen() is window.welcome, timeout=5000)
    assert not window.idle_warning.isVisible()
    assert window.text_scale == 1.0
    assert window.welcome.start_button.text() == "Touchez l'écran pour commencer"
    assert window.home.search_field.text() == ""
    assert window.player.tutorial is None and window.player.title.text() == ""
    assert window.overview.tutorial is None
    assert not speech.speaking
    (session,) = ActivityStore(db).sessions()
    assert session["end_reason"] == "idle"
    assert not window.session.active


def test_still_here_keeps_the_session(qtbot, make_window, db):
    window = make_window()
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.home.search_field, "vitale")
    short_idle(window, countdown=30)
    qtbot.waitUntil(lambda: window.idle_warning.isVisible(), timeout=3000)
    qtbot.mouseClick(window.idle_warning.button, Qt.MouseButton.LeftButton)
    assert not window.idle_warning.isVisible()
    assert window.current_screen() is window.home
    assert window.home.search_field.text() == "vitale"
    assert window.idle.watcher.running
    (session,) = ActivityStore(db).sessions()
    assert session["ended_at"] is None


def test_nothing_happens_when_nobody_started(qtbot, make_window):
    window = make_window()
    window.idle.watcher.set_seconds(0.05)
    window.idle.watcher.start()
    qtbot.wait(200)  # no signal to wait for: we check that nothing appears
    assert not window.idle_warning.isVisible()
