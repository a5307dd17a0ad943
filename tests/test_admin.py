"""The admin at the kiosk (issues #12 and #13), through the real window: the admin's PIN, the
settings generated from the declarative list applying at once, the codes, idle time in the
mode, and "Fermer la borne", the only way out of --kiosk mode."""

from __future__ import annotations

import pytest

from kiosk.core.pins import PinBook
from kiosk.core.settings import SETTINGS
from kiosk.store.audit_store import AuditStore
from kiosk.store.pin_store import PinStore
from kiosk.store.settings_store import SettingsStore
from tests.conftest import PatientClock, press
from tests.test_mediator import secret_gesture, type_pin

ADMIN_PIN = "97531"


@pytest.fixture
def admin_pin(db):
    PinBook(PinStore(db)).set_pin("admin", ADMIN_PIN, by="test")


def open_admin(qtbot, window):
    secret_gesture(qtbot, window)
    pad = window.pin_pad
    press(qtbot, pad.role_buttons["admin"])
    assert pad.title.text() == "Code de l'administrateur"
    type_pin(qtbot, window, ADMIN_PIN)
    screen = window.mode("admin").screen
    qtbot.waitUntil(screen.isVisible)
    return screen


def test_without_an_admin_pin_the_pad_says_how_to_choose_one(qtbot, window):
    window.open_pin_pad()
    press(qtbot, window.pin_pad.role_buttons["admin"])
    assert "kiosk pin set admin" in window.pin_pad.message.text()


def test_the_mediators_pin_does_not_open_the_admin_screen(qtbot, window, db, admin_pin):
    PinBook(PinStore(db)).set_pin("mediator", "2580", by="test")
    window.open_pin_pad()
    press(qtbot, window.pin_pad.role_buttons["admin"])
    type_pin(qtbot, window, "2580")
    qtbot.waitUntil(lambda: "pas le bon code" in window.pin_pad.message.text())
    assert window.showing_mode() is None


def test_a_new_idle_time_applies_at_once_and_is_audited(qtbot, window, db, admin_pin):
    screen = open_admin(qtbot, window)
    row = screen.pages["settings"].rows["idle_seconds"]
    assert row.shown.text() == "180" and not row.save_button.isEnabled()
    for _ in range(3):
        press(qtbot, row.plus_button)
    assert row.shown.text() == "210"
    press(qtbot, row.save_button)
    assert "Enregistré" in row.outcome.text()
    assert SettingsStore(db).get("idle_seconds") == 210
    assert window.idle.watcher._timer.interval() == 210_000
    entry = AuditStore(db).entries()[0]
    assert (entry["role"], entry["detail"]) == ("admin", "idle_seconds = 210")


def test_the_idle_time_cannot_go_below_what_slow_readers_need(qtbot, window, admin_pin):
    row = open_admin(qtbot, window).pages["settings"].rows["idle_seconds"]
    for _ in range(30):
        press(qtbot, row.minus_button)
    assert row.shown.text() == str(SETTINGS["idle_seconds"].minimum)


def test_a_new_default_language_greets_the_next_person(qtbot, window, db, admin_pin):
    screen = open_admin(qtbot, window)
    row = screen.pages["settings"].rows["language"]
    press(qtbot, row.choice_buttons["uk"])
    press(qtbot, row.save_button)
    press(qtbot, screen.leave_button)
    assert not screen.isVisible() and window.current_screen() is window.welcome
    press(qtbot, window.welcome.start_button)
    window.end_session("finished")
    assert window.visit.language == "uk"
    assert window.home_button.text() != "Accueil"


def test_the_admin_gives_the_mediator_a_code(qtbot, window, db, admin_pin):
    screen = open_admin(qtbot, window)
    press(qtbot, screen.section_buttons["codes"])
    row = screen.pages["codes"].rows["mediator"]
    qtbot.keyClicks(row.first, "4826")
    qtbot.keyClicks(row.second, "4827")
    press(qtbot, row.save_button)
    assert "pas les mêmes" in row.outcome.text()
    row.second.clear()
    qtbot.keyClicks(row.second, "4826")
    press(qtbot, row.save_button)
    qtbot.waitUntil(lambda: row.outcome.text() == "Le code est enregistré.")
    assert PinBook(PinStore(db)).check("mediator", "4826").ok
    assert AuditStore(db).entries()[0]["role"] == "admin"


def test_opening_the_admin_screen_ends_the_visit_under_way(qtbot, window, admin_pin):
    press(qtbot, window.welcome.start_button)
    window.open_tutorial("ameli-attestation")
    assert window.session.active
    open_admin(qtbot, window)
    assert not window.session.active


def test_idle_time_in_the_admin_screen_leads_back_to_the_welcome(qtbot, window, admin_pin):
    screen = open_admin(qtbot, window)
    assert window.idle.watcher.running
    window.idle._on_idle()
    assert window.idle_warning.isVisible()
    window.idle_warning.expired.emit()
    assert not screen.isVisible() and window.current_screen() is window.welcome
    assert not window.idle.watcher.running


@pytest.fixture
def kiosk_window(qtbot, db, content, speech):
    from kiosk.store.activity_store import ActivityStore
    from kiosk.ui.main_window import MainWindow, Services

    window = MainWindow(
        Services(content, ActivityStore(db), SettingsStore(db), speech), kiosk_mode=True
    )
    window.tap_guard.clock = PatientClock()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.admin_exit()


def test_fermer_la_borne_is_the_only_way_out_of_kiosk_mode(qtbot, kiosk_window, admin_pin):
    window = kiosk_window
    window.close()
    assert window.isVisible()  # Alt+F4 and the window manager's close do nothing
    screen = open_admin(qtbot, window)
    press(qtbot, screen.exit_button)
    assert screen.exit_question.isVisible()
    press(qtbot, screen.exit_confirm)
    assert not window.isVisible()


def test_the_admin_reads_the_statistics_and_the_audit(qtbot, window, db, admin_pin):
    """The sections of the statistics helper, reached from the admin screen: a visit made just
    before shows in the statistics; the setting just changed shows in the journal."""
    press(qtbot, window.welcome.start_button)
    window.open_tutorial("ameli-attestation")
    window.end_session("finished")
    screen = open_admin(qtbot, window)
    row = screen.pages["settings"].rows["speech_rate"]
    press(qtbot, row.plus_button)
    press(qtbot, row.save_button)
    press(qtbot, screen.section_buttons["audit"])
    audit = screen.pages["audit"]
    assert audit.table.rowCount() >= 1
    texts = [audit.table.item(0, c).text() for c in range(audit.table.columnCount())]
    assert any("150" in text for text in texts), texts
    press(qtbot, screen.section_buttons["statistics"])
    statistics = screen.pages["statistics"]
    qtbot.waitUntil(lambda: statistics.stats is not None, timeout=10_000)
    assert statistics.stats.visits >= 1


def test_a_pack_installed_from_the_admin_screen_reaches_the_mediator_and_the_citizen(
    qtbot, window, db, admin_pin, tmp_path
):
    """The packs section of the admin screen, end to end: a signed pack from a folder, its
    change list, "Installer"; then the new tutorial is in the mediator's list and findable."""
    import io

    from kiosk.core.pack_signature import read_public_key
    from kiosk.pack_command import run_keygen, run_sign
    from kiosk.store.trusted_keys_store import TrustedKeysStore
    from tests.packs import write_pack

    author = tmp_path / "auteur"
    assert run_keygen(author, "Ville de Rezé", True, False, io.StringIO()) == 0
    TrustedKeysStore(db).trust(read_public_key(author.with_suffix(".pub")), "admin")
    folder = write_pack(tmp_path / "p")
    assert run_sign(folder, author.with_suffix(".key"), False, io.StringIO()) == 0
    PinBook(PinStore(db)).set_pin("mediator", "2580", by="test")
    window.open_mode("mediator")  # built once before the pack: its list must follow
    window.leave_mode()
    screen = open_admin(qtbot, window)
    press(qtbot, screen.section_buttons["packs"])
    page = screen.pages["packs"]
    with qtbot.waitSignal(page.busy_changed, check_params_cb=lambda b: not b, timeout=20_000):
        page.open_pack(folder)
    assert "Nouveau tutoriel" in page.changes_label.text()
    with qtbot.waitSignal(page.content_changed, timeout=20_000):
        press(qtbot, page.install_button)
    assert screen.leave_button.isEnabled()
    press(qtbot, screen.leave_button)
    window.open_mode("mediator")
    assert any(t[0] == "essai" for t in window.mediator_panel.tutorials), [
        t[0] for t in window.mediator_panel.tutorials
    ]
