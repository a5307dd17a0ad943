"""A scripted set of visits, made through the real stores on a real SQLite file, at times
given by a fake clock: what they did is what the statistics must say (tests/test_statistics*)."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.core.help_call import HelpCalls
from kiosk.store.activity_store import ActivityStore
from kiosk.store.help_call_store import HelpCallStore
from tests.conftest import FakeClock

IMPOTS = "impots-premiere-connexion"
CARTE_GRISE = "carte-grise"
DAY = 86_400
NOW = 1_800_000_000.0  # Friday 15 January 2027, 08:00 UTC
TODAY = datetime.fromtimestamp(NOW, UTC).date()


def make_visits(db) -> FakeClock:
    """Eight visits from 400 days ago to today; returns the clock, set back to NOW."""
    clock = FakeClock(NOW)
    activity = ActivityStore(db, clock)
    calls = HelpCalls(HelpCallStore(db), clock)
    made: list[int] = []

    def visit(
        days_ago: int,
        language: str,
        tutorial: str | None,
        steps=(),
        opened=True,
        completed=False,
        errors=(),
        call=None,
        end="finished",
    ) -> None:
        made.append(days_ago)
        clock.now = NOW - days_ago * DAY + 60 * len(made)  # a minute apart
        session = activity.start_session(language)
        if tutorial and opened:
            activity.record(session, "tutorial_opened", tutorial)
        for step in steps:
            clock.advance(5)
            activity.record(session, "step_viewed", tutorial, step)
        for step, outcome in errors:
            activity.record_attempt(session, tutorial, step, "field", outcome, False)
        if call:
            db.flush()
            calls.ask(session.value, tutorial, steps[-1] if steps else None, language)
            clock.advance(30)
            if call == "answered":
                calls.answer(session.value)
            elif call == "cancelled":
                calls.cancel(session.value)
        if completed:
            activity.record(session, "tutorial_completed", tutorial)
            end = "completed"
        activity.end_session(session, end)
        db.flush()

    # Today.
    visit(
        0,
        "fr",
        IMPOTS,
        (0, 1, 2),
        errors=[(2, "too_short"), (2, "too_short"), (2, "ok")],
        completed=True,
    )
    visit(0, "ar", IMPOTS, (0, 1, 0), call="answered", end="idle")
    visit(0, "fr", CARTE_GRISE, (0,), errors=[(0, "wrong_choice"), (0, "shown")])
    # Yesterday.
    visit(1, "uk", IMPOTS, (0, 1, 2, 3), completed=True)
    visit(1, "fr", None, call="cancelled", end="idle")
    # Twenty days ago, a hundred days ago, and four hundred (out of every period).
    visit(20, "es", IMPOTS, (0,), opened=False, call="unanswered")
    visit(100, "fr", IMPOTS, (0,))
    visit(400, "fr", IMPOTS, (0,))
    clock.now = NOW
    return clock
