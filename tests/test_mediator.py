"""The mediator at the kiosk (issue #12), through the real window: the discreet way in, the PIN
pad (its lock-out on a fake clock), answering a call, helping on the spot, preparing a tutorial
for someone, where people get stuck, and the activity summary of a helped visit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.core.pins import PinBook
from kiosk.store.activity_report_store import ActivityReportStore
from kiosk.store.help_call_store import HelpCallStore
from kiosk.store.pin_store import PinStore
from tests.conftest import FakeClock, press
from tests.test_practice import open_step

PIN = "2580"


@pytest.fixture
def with_pin(db):
    PinBook(PinStore(db)).set_pin("mediator", PIN, by="test")


def secret_gesture(qtbot, window) -> None:
    """Three taps on the empty part of the toolbar: the middle of its widest gap between buttons,
    on the row of a visible button (the welcome screen shows fewer buttons than the others)."""
    toolbar = window.toolbar
    y = window.display_button.geometry().center().y()
    if toolbar.rows == 2:  # the second row starts with empty space
        y = window.finish_button.geometry().center().y()
    empty = [x for x in range(0, toolbar.width(), 4) if toolbar.childAt(QPoint(x, y)) is None]
    gaps: list[list[int]] = []
    for x in empty:
        if gaps and x - gaps[-1][-1] == 4:
            gaps[-1].append(x)
        else:
            gaps.append([x])
    widest = max(gaps, key=len)
    spot = QPoint(widest[len(widest) // 2], y)
    assert toolbar.childAt(spot) is None, "the taps must land on the toolbar itself"
    for _ in range(3):
        qtbot.mouseClick(toolbar, Qt.MouseButton.LeftButton, pos=spot)


def type_pin(qtbot, window, pin: str) -> None:
    pad = window.overlay_shelf.built("pin_pad")
    for digit in pin:
        press(qtbot, pad.keys[digit])
    press(qtbot, pad.ok_button)


def test_a_citizen_calls_and_the_mediator_answers_with_the_pin(qtbot, window, db, with_pin):
    open_step(qtbot, window, "ameli-attestation", "log-in")
    press(qtbot, window.help_button)
    assert window.help_band.isVisible()
    secret_gesture(qtbot, window)
    pad = window.overlay_shelf.built("pin_pad")
    assert pad.isVisible() and pad.shown.text() == "—"
    type_pin(qtbot, window, PIN)
    panel = window.mediator_panel
    qtbot.waitUntil(panel.isVisible)
    assert "Une personne attend depuis" in panel.status.text()
    assert "étape" in panel.status.text()
    press(qtbot, panel.answer_button)
    assert not window.help_band.isVisible() and not window.help_banner.isVisible()
    (row,) = HelpCallStore(db).calls()
    assert row["answered_at"] is not None
    press(qtbot, panel.leave_button)
    assert window.current_screen() is window.player  # the person's place is untouched


def test_a_stray_tap_on_the_toolbar_opens_nothing(qtbot, window):
    press(qtbot, window.welcome.start_button)
    toolbar = window.toolbar
    spot = QPoint(
        (window.display_button.geometry().right() + window.help_button.geometry().left()) // 2,
        window.display_button.geometry().center().y(),
    )
    for _ in range(2):
        qtbot.mouseClick(toolbar, Qt.MouseButton.LeftButton, pos=spot)
    pad = window.overlay_shelf.built("pin_pad")
    assert pad is None or not pad.isVisible()


def test_wrong_pins_lock_the_pad_out_then_it_opens_again(qtbot, window, db, with_pin):
    press(qtbot, window.welcome.start_button)
    window.open_pin_pad()
    pad = window.overlay_shelf.built("pin_pad")
    clock = FakeClock()
    pad.book.clock = clock
    for tries_left in (4, 3, 2, 1):
        type_pin(qtbot, window, "1357")
        qtbot.waitUntil(lambda n=tries_left: f"Encore {n} essai" in pad.message.text())
    type_pin(qtbot, window, "1357")
    qtbot.waitUntil(lambda: "Trop d'essais" in pad.message.text())
    type_pin(qtbot, window, PIN)  # right, but the pad is locked: not even compared
    qtbot.waitUntil(lambda: "Trop d'essais" in pad.message.text())  # after "Vérification…"
    assert window.mediator._panel is None or not window.mediator._panel.isVisible()
    clock.now += 31
    type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.mediator_panel.isVisible())


def test_without_a_pin_the_mode_stays_closed_and_says_how_to_open_it(qtbot, window):
    press(qtbot, window.welcome.start_button)
    window.open_pin_pad()
    assert "kiosk pin set mediator" in window.overlay_shelf.built("pin_pad").message.text()


def test_prepare_for_a_person_lands_on_step_3_in_arabic(qtbot, window, with_pin):
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    panel = window.mediator_panel
    qtbot.waitUntil(panel.isVisible)
    press(qtbot, panel.tutorial_buttons["ameli-attestation"])
    press(qtbot, panel.prepare_step_buttons[2])
    press(qtbot, panel.language_buttons["ar"])
    press(qtbot, panel.hand_over_button)
    assert not panel.isVisible()
    assert window.current_screen() is window.player
    assert window.player.index == 2
    total = len(window.player.tutorial.steps)
    assert window.player.position_label.text() == f"الخطوة 3 من {total}"
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_the_mediator_jumps_to_a_step_and_shows_the_answer(qtbot, window, with_pin):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    panel = window.mediator_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.show_answer_button.isVisible()
    press(qtbot, panel.show_answer_button)
    assert page.rows[0].edit.text() == page.exercise.expected(page.rows[0].item)
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    qtbot.waitUntil(panel.isVisible)
    press(qtbot, panel.step_buttons[0])
    assert window.player.index == 0


def test_the_stuck_points_table_counts_what_visits_did(qtbot, window, with_pin):
    for _ in range(2):  # two visits give up on the same practice after wrong tries
        page = open_step(qtbot, window, "ameli-attestation", "log-in")
        for typed in ("1", "12"):
            page.rows[0].edit.setText(typed)
            press(qtbot, page.submit_button)
        window.end_session("idle")
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    panel = window.mediator_panel
    qtbot.waitUntil(panel.isVisible)
    press(qtbot, panel.period_buttons[7])
    table = panel.stuck_table
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()): r for r in range(table.rowCount())}
    steps = window.services.content.tutorial("ameli-attestation").steps
    step = next(i for i, s in enumerate(steps) if s.id == "log-in")
    r = rows[("ameli-attestation", str(step + 1))]
    assert table.item(r, 3).text() == "2"  # two abandons there
    assert table.item(r, 4).text() == "4"  # four wrong tries


def test_the_summary_of_a_helped_visit_has_its_theme_and_duration(qtbot, window, db, with_pin):
    open_step(qtbot, window, "ameli-attestation", "log-in")
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    panel = window.mediator_panel
    qtbot.waitUntil(panel.isVisible)
    press(qtbot, panel.end_visit_button)
    assert window.current_screen() is window.welcome
    assert panel.isVisible() and "Compte rendu d'activité" in panel.report.text()
    (report,) = ActivityReportStore(db).reports()
    assert "SocialSante" in report.demarche_themes
    assert report.minutes >= 0 and not report.finished
    press(qtbot, panel.leave_button)
    assert not panel.isVisible()


def test_the_summary_covers_the_whole_visit_across_a_finished_tutorial(qtbot, window, db, with_pin):
    """Finishing a tutorial closes one recorded session and the next touch opens another: the
    mediator's summary still covers the person's whole visit, even ended on "Bravo !"."""
    press(qtbot, window.welcome.start_button)
    window.start_tutorial("impots-premiere-connexion", 2)
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    qtbot.waitUntil(window.mediator_panel.isVisible)
    press(qtbot, window.mediator_panel.leave_button)
    window.citizen.on_completed("impots-premiere-connexion")
    first = list(window.session.visit_ids)
    window.start_tutorial("ameli-attestation", 1)
    window.citizen.on_completed("ameli-attestation")
    assert window.current_screen() is window.completion and window.session.id is None
    assert len(window.session.visit_ids) == 2 and window.session.visit_ids[:1] == first
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    qtbot.waitUntil(window.mediator_panel.isVisible)
    press(qtbot, window.mediator_panel.end_visit_button)
    (report,) = ActivityReportStore(db).reports()
    assert report.tutorials == ("impots-premiere-connexion", "ameli-attestation")
    assert report.finished
    assert window.session.visit_ids == []


def test_the_mediator_exports_every_compte_rendu_as_csv(qtbot, window, db, with_pin, tmp_path):
    open_step(qtbot, window, "ameli-attestation", "log-in")
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    panel = window.mediator_panel
    qtbot.waitUntil(panel.isVisible)
    press(qtbot, panel.end_visit_button)
    window.mediator.exporter.chooser = lambda parent, title, start: str(tmp_path)
    press(qtbot, panel.export_button)
    qtbot.waitUntil(panel.export_outcome.isVisible)
    (written,) = tmp_path.glob("*.csv")
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data.splitlines()[0]
    assert data.count(b"\n") == 2  # the header and the one helped visit


def test_a_help_call_after_bravo_belongs_to_the_visit(qtbot, window, db):
    open_step(qtbot, window, "ameli-attestation", "log-in")
    window.citizen.on_completed("ameli-attestation")
    press(qtbot, window.help_button)
    assert window.help_band.isVisible()
    (call,) = HelpCallStore(db).calls()
    assert call["session_id"] == window.session.visit_ids[-1].value


def test_the_mediator_prints_the_sheet_of_the_tutorial_on_screen(qtbot, window, with_pin):
    open_step(qtbot, window, "ameli-attestation", "log-in")
    window.open_pin_pad()
    type_pin(qtbot, window, PIN)
    panel = window.mediator_panel
    qtbot.waitUntil(panel.isVisible)
    printed = []
    window.sheet_printer.print_tutorial = printed.append  # the printing itself: test_sheet*
    press(qtbot, panel.print_button)
    assert printed == ["ameli-attestation"] and not panel.isVisible()
