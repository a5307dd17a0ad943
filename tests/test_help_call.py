"""The help call's life (ask, answer, cancel) in a real SQLite file, and the quiet stuck offer."""

from __future__ import annotations

import pytest

from kiosk.core.help_call import HelpCalls, StuckWatch
from kiosk.core.settings import SETTINGS
from kiosk.store.activity_store import ActivityStore
from kiosk.store.help_call_store import HelpCallStore
from tests.conftest import FakeClock, written_id

T0 = 1_800_000_000.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def visit_id(db) -> int:
    return written_id(db, ActivityStore(db).start_session("ar"))


def test_a_call_is_asked_then_answered_and_stored_with_where_and_when(db, clock, visit_id):
    store = HelpCallStore(db)
    calls = HelpCalls(store, clock)
    seen = []
    calls.add_listener(seen.append)
    call = calls.ask(visit_id, "ameli-attestation", 2, "ar")
    assert call.is_open and calls.open_call(visit_id) == call
    clock.now += 95
    again = calls.ask(visit_id, "ameli-attestation", 3, "ar")  # pressed again: the same call
    assert again == call and calls.waiting() == [call]
    answered = calls.answer(visit_id)
    assert answered is not None and answered.answered_at == T0 + 95
    assert calls.open_call(visit_id) is None and calls.answer(visit_id) is None
    assert [c.is_open for c in seen] == [True, False]
    (row,) = store.calls(visit_id)
    assert row == {
        "id": row["id"],
        "session_id": visit_id,
        "tutorial_id": "ameli-attestation",
        "step": 2,
        "language": "ar",
        "asked_at": "2027-01-15T08:00:00+00:00",
        "answered_at": "2027-01-15T08:01:35+00:00",
        "cancelled_at": None,
        "how": "button",
    }


def test_a_cancelled_call_can_be_followed_by_a_new_one(db, clock, visit_id):
    store = HelpCallStore(db)
    calls = HelpCalls(store, clock)
    calls.ask(visit_id, None, None, "fr")
    clock.now += 10
    assert calls.cancel(visit_id).cancelled_at == T0 + 10
    clock.now += 50
    calls.ask(visit_id, "impots-connexion", 0, "fr", how="stuck_offer")
    calls.visit_ended(visit_id)  # idle time: nobody left to help
    rows = store.calls(visit_id)
    assert [(r["how"], r["cancelled_at"], r["answered_at"]) for r in rows] == [
        ("button", "2027-01-15T08:00:10+00:00", None),
        ("stuck_offer", "2027-01-15T08:01:00+00:00", None),
    ]
    assert rows[0]["tutorial_id"] is None and rows[1]["step"] == 0


def test_one_visits_call_does_not_close_anothers(db, clock):
    activity = ActivityStore(db)
    first = written_id(db, activity.start_session("fr"))
    second = written_id(db, activity.start_session("uk"))
    calls = HelpCalls(HelpCallStore(db), clock)
    calls.ask(first, None, None, "fr")
    clock.now += 1
    calls.ask(second, None, None, "uk")
    calls.answer(second)
    assert [c.visit_id for c in calls.waiting()] == [first]


def test_a_call_never_holds_anything_typed(db):
    columns = [row["name"] for row in db.query("PRAGMA table_info(help_calls)")]
    assert columns == [
        "id",
        "session_id",
        "tutorial_id",
        "step",
        "language",
        "asked_at",
        "answered_at",
        "cancelled_at",
        "how",
    ]


def test_an_unknown_way_of_calling_is_refused(db, visit_id):
    with pytest.raises(ValueError, match="unknown way"):
        HelpCalls(HelpCallStore(db)).ask(visit_id, None, None, "fr", how="typed")


def test_stuck_step_seconds_is_a_setting_of_four_minutes():
    setting = SETTINGS["stuck_step_seconds"]
    assert setting.default == 240 and setting.parse("90") == 90
    with pytest.raises(ValueError):
        setting.parse("5")


def test_a_long_time_on_one_step_offers_help_once(clock):
    watch = StuckWatch(240, clock)
    assert watch.due() is None and watch.seconds_until_due() is None  # no step yet
    watch.step_shown("ameli-attestation", 3)
    clock.now += 200
    watch.step_shown("ameli-attestation", 3)  # shown again (language change): same time
    assert watch.seconds_until_due() == 40 and watch.due() is None
    clock.now += 40
    offer = watch.due()
    assert offer is not None and (offer.reason, offer.tutorial_id, offer.step) == (
        "long_step",
        "ameli-attestation",
        3,
    )
    clock.now += 1000
    assert watch.due() is None and watch.seconds_until_due() is None  # never twice


def test_three_wrong_tries_offer_help_once_per_step(clock):
    watch = StuckWatch(240, clock)
    watch.step_shown("caf-connexion", 4)
    assert watch.wrong_try() is None and watch.wrong_try() is None
    offer = watch.wrong_try()
    assert offer is not None and offer.reason == "wrong_tries" and offer.step == 4
    assert watch.wrong_try() is None
    clock.now += 500
    assert watch.due() is None  # the step had its offer
    watch.step_shown("caf-connexion", 5)
    clock.now += 240
    assert watch.due().step == 5
    watch.step_shown("caf-connexion", 4)  # back to a step already offered
    for _ in range(5):
        assert watch.wrong_try() is None


def test_wrong_tries_are_counted_per_step(clock):
    watch = StuckWatch(240, clock)
    watch.step_shown("caf-connexion", 1)
    watch.wrong_try()
    watch.wrong_try()
    watch.step_shown("caf-connexion", 2)
    assert watch.wrong_try() is None and watch.wrong_try() is None
    assert watch.wrong_try() is not None


def test_no_offer_while_a_call_waits_or_off_the_steps(clock):
    watch = StuckWatch(60, clock)
    watch.step_shown("caf-connexion", 1)
    watch.call_open()
    clock.now += 600
    assert watch.due() is None and watch.seconds_until_due() is None
    for _ in range(3):
        assert watch.wrong_try() is None
    watch.call_closed()
    assert watch.due() is not None
    watch.left_tutorial()
    assert watch.wrong_try() is None and watch.due() is None


def test_the_next_person_may_be_offered_help_on_the_same_step(clock):
    watch = StuckWatch(60, clock)
    watch.step_shown("caf-connexion", 1)
    clock.now += 60
    assert watch.due() is not None
    watch.forget()
    watch.step_shown("caf-connexion", 1)
    assert watch.due() is None
    clock.now += 60
    assert watch.due() is not None
