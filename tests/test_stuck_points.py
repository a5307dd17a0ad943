"""Where people get stuck: a scripted set of visits in a real SQLite file, counted per step."""

from __future__ import annotations

import time

import pytest

from kiosk.core.help_call import HelpCalls
from kiosk.core.stuck_points import SORT_KEYS, StuckPoint, sort_points
from kiosk.store.activity_store import ActivityStore
from kiosk.store.help_call_store import HelpCallStore
from kiosk.store.stuck_points_query import StuckPointsQuery

IMPOTS = "impots-premiere-connexion"


def age_visit(db, visit: int, days: int) -> None:
    """Move a visit's rows ``days`` days back in time, as if it had happened then."""
    db.flush()
    shift = f"-{days} days"
    for table, columns, key in (
        ("sessions", ("started_at", "ended_at"), "id"),
        ("events", ("at",), "session_id"),
        ("practice_attempts", ("at",), "session_id"),
        ("help_calls", ("asked_at", "answered_at", "cancelled_at"), "session_id"),
    ):
        sets = ", ".join(
            f"{c} = strftime('%Y-%m-%dT%H:%M:%S+00:00', {c}, '{shift}')" for c in columns
        )
        db.execute(f"UPDATE {table} SET {sets} WHERE {key} = ?", [visit])


@pytest.fixture
def scripted_visits(db):
    """Five visits: what they did is what the counts must say."""
    activity = ActivityStore(db)
    calls = HelpCalls(HelpCallStore(db))

    # A: stuck on step 2 of the impots tutorial: two wrong numbers (a hint), a third, then
    # "Montrez-moi"; calls someone; leaves by idle time there.
    a = activity.start_session("fr")
    activity.record(a, "tutorial_opened", IMPOTS)
    for step in (0, 1, 2):
        activity.record(a, "step_viewed", IMPOTS, step)
    for outcome, hint in (("too_short", False), ("too_short", False), ("not_digits", True)):
        activity.record_attempt(a, IMPOTS, 2, "numero-fiscal", outcome, hint)
    activity.record_attempt(a, IMPOTS, 2, "numero-fiscal", "shown", True)
    calls.ask(a, IMPOTS, 2, "fr", how="stuck_offer")
    calls.cancel(a)
    activity.end_session(a, "idle")

    # B: one wrong choice on step 2 (no hint for choices), finishes the tutorial.
    b = activity.start_session("ar")
    activity.record(b, "step_viewed", IMPOTS, 2)
    activity.record_attempt(b, IMPOTS, 2, "answer-2", "wrong_choice", False)
    activity.record_attempt(b, IMPOTS, 2, "answer-1", "ok", False)
    activity.record(b, "step_viewed", IMPOTS, 3)
    activity.record(b, "tutorial_completed", IMPOTS)
    activity.end_session(b, "completed")

    # C: opens carte-grise, presses "Terminer" on its first step.
    c = activity.start_session("uk")
    activity.record(c, "step_viewed", "carte-grise", 0)
    activity.end_session(c, "finished")

    # D: finishes the impots tutorial, then "Terminer": not an abandon.
    d = activity.start_session("fr")
    activity.record(d, "step_viewed", IMPOTS, 3)
    activity.record(d, "tutorial_completed", IMPOTS)
    activity.end_session(d, "finished")

    # E, twenty days ago: calls on step 2 of the impots tutorial, answered; leaves there.
    e = activity.start_session("fr")
    activity.record(e, "step_viewed", IMPOTS, 2)
    calls.ask(e, IMPOTS, 2, "fr")
    calls.answer(e)
    activity.end_session(e, "idle")
    age_visit(db, e, 20)

    # F, still going: nothing of it is an abandon yet.
    f = activity.start_session("fr")
    activity.record(f, "step_viewed", "carte-grise", 1)
    return db


def by_place(points: list[StuckPoint]) -> dict[tuple[str, int], StuckPoint]:
    return {(p.tutorial_id, p.step): p for p in points}


def test_the_last_seven_days(scripted_visits):
    points = by_place(StuckPointsQuery(scripted_visits).stuck_points(7, time.time()))
    assert set(points) == {(IMPOTS, 2), ("carte-grise", 0)}
    step2 = points[(IMPOTS, 2)]
    assert (step2.help_calls, step2.abandons, step2.hints, step2.shown) == (1, 1, 1, 1)
    assert step2.wrong_by_kind == {"too_short": 2, "not_digits": 1, "wrong_choice": 1}
    assert step2.wrong_tries == 4 and step2.weight == 3 * 2 + 2 + 1 + 4
    assert points[("carte-grise", 0)] == StuckPoint("carte-grise", 0, abandons=1)


def test_the_last_thirty_days_count_the_older_visit(scripted_visits):
    points = by_place(StuckPointsQuery(scripted_visits).stuck_points(30, time.time()))
    step2 = points[(IMPOTS, 2)]
    assert (step2.help_calls, step2.abandons) == (2, 2)
    assert step2.as_row()["wrong_tries"] == 4


def test_an_empty_kiosk_has_no_stuck_points(db):
    assert StuckPointsQuery(db).stuck_points(30, time.time()) == []


def test_rows_sort_by_any_column_with_ties_in_place_order():
    points = [
        StuckPoint("b", 1, help_calls=2),
        StuckPoint("a", 3, abandons=1, shown=1),
        StuckPoint("a", 1, help_calls=2, hints=4),
    ]
    assert [(p.tutorial_id, p.step) for p in sort_points(points)] == [("a", 1), ("b", 1), ("a", 3)]
    assert [p.step for p in sort_points(points, "help_calls")] == [1, 1, 3]
    assert [p.tutorial_id for p in sort_points(points, "help_calls")] == ["a", "b", "a"]
    ascending = sort_points(points, "place", descending=False)
    assert [(p.tutorial_id, p.step) for p in ascending] == [("a", 1), ("a", 3), ("b", 1)]
    assert all(sort_points(points, key) for key in SORT_KEYS)
    with pytest.raises(ValueError, match="sort key"):
        sort_points(points, "name")


def test_the_query_runs_on_a_worker_thread(scripted_visits):
    from concurrent.futures import ThreadPoolExecutor

    query = StuckPointsQuery(scripted_visits)
    with ThreadPoolExecutor(1) as worker:
        points = worker.submit(query.stuck_points, 7, time.time()).result(timeout=30)
    assert by_place(points)[("carte-grise", 0)].abandons == 1
