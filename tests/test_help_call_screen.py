""" "J'appelle une personne" on every citizen screen, and the quiet offer to a person who is stuck,
driven through the real window (issue #12)."""

from __future__ import annotations

from kiosk.store.help_call_store import HelpCallStore
from tests.conftest import FakeClock, press
from tests.test_practice import open_step


def test_a_citizen_calls_and_the_whole_room_can_see_it(qtbot, window, db, speech):
    open_step(qtbot, window, "ameli-attestation", "log-in")
    assert window.help_button.isVisible() and not window.help_band.isVisible()
    press(qtbot, window.help_button)
    assert window.help_band.isVisible() and window.help_band.height() >= 20
    assert window.help_banner.isVisible()
    assert window.help_banner.message.text() == (
        "Une personne va venir vous aider. Vous pouvez continuer en attendant."
    )
    assert "Une personne va venir vous aider." in [u.text for u in speech.sentences]
    (row,) = HelpCallStore(db).calls()
    assert (row["tutorial_id"], row["step"], row["language"], row["how"]) == (
        "ameli-attestation",
        window.player.index,
        "fr",
        "button",
    )
    assert row["answered_at"] is None and row["cancelled_at"] is None
    press(qtbot, window.player.next_button)  # the person goes on while waiting
    assert window.help_band.isVisible()


def test_annuler_takes_the_call_back(qtbot, window, db):
    press(qtbot, window.welcome.start_button)
    press(qtbot, window.help_button)
    press(qtbot, window.help_banner.cancel_button)
    assert not window.help_band.isVisible() and not window.help_banner.isVisible()
    (row,) = HelpCallStore(db).calls()
    assert row["cancelled_at"] is not None and row["tutorial_id"] is None


def test_someone_coming_is_said_in_every_language_and_a_new_call_starts_afresh(qtbot, window):
    """The desk's "J'arrive" (tests/test_room.py) turns the banner to "Une personne arrive.":
    a change of language keeps that news; a call made after it starts with "va venir"."""
    press(qtbot, window.welcome.start_button)
    press(qtbot, window.help_button)
    window.help_banner.person_coming()
    window.visit.choose_language("es")
    assert window.help_banner.message.text() == "Una persona viene."
    press(qtbot, window.help_banner.cancel_button)
    press(qtbot, window.help_button)
    assert window.help_banner.message.text().startswith("Una persona va a venir")


def test_the_end_of_the_visit_cancels_a_waiting_call(qtbot, window, db):
    press(qtbot, window.welcome.start_button)
    press(qtbot, window.help_button)
    window.end_session("idle")
    assert not window.help_band.isVisible()
    (row,) = HelpCallStore(db).calls()
    assert row["cancelled_at"] is not None
    press(qtbot, window.welcome.start_button)
    assert not window.help_band.isVisible() and not window.help_banner.isVisible()


def test_three_wrong_tries_offer_help_once(qtbot, window, db):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    row = page.rows[0]
    offer = window.stuck_offer
    for typed in ("1", "12", "123"):
        assert not offer.isVisible()
        row.edit.setText(typed)
        press(qtbot, page.submit_button)
    assert offer.isVisible()
    assert offer.question.text() == "Voulez-vous qu'une personne vienne vous aider ?"
    press(qtbot, offer.no_button)
    assert not offer.isVisible()
    for typed in ("4", "45", "456"):
        row.edit.setText(typed)
        press(qtbot, page.submit_button)
    assert not offer.isVisible()  # never twice for the same step
    assert HelpCallStore(db).calls() == []


def test_yes_to_the_offer_calls_a_person(qtbot, window, db):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    for typed in ("1", "12", "123"):
        page.rows[0].edit.setText(typed)
        press(qtbot, page.submit_button)
    press(qtbot, window.stuck_offer.yes_button)
    assert window.help_band.isVisible() and not window.stuck_offer.isVisible()
    (row,) = HelpCallStore(db).calls()
    assert row["how"] == "stuck_offer"


def test_a_long_time_on_one_step_offers_help(qtbot, window):
    clock = FakeClock()
    window.help.watch.clock = clock
    open_step(qtbot, window, "ameli-attestation", "log-in")
    assert not window.stuck_offer.isVisible()
    clock.now += window.services.settings.get("stuck_step_seconds") + 1
    window.help._arm()  # the kiosk's timer, due now on the fake clock
    qtbot.waitUntil(window.stuck_offer.isVisible)
    press(qtbot, window.player.next_button)
    assert not window.stuck_offer.isVisible()  # a new step: the question goes away
