"""The counts behind ``kiosk.core.stuck_points``: one query per kind of trouble, over a period.

Times in the tables are ISO 8601 UTC strings of one shape, so a period is a string comparison
and uses no function per row. Over months of events this runs off the UI thread.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.core.practice.exercise import HINT_AFTER_ERRORS
from kiosk.core.stuck_points import StuckPoint
from kiosk.store.database import Database
from kiosk.store.thread_connection import own_connection

_HELP_CALLS = """
    SELECT tutorial_id, step, count(*) FROM help_calls
    WHERE asked_at >= :since AND tutorial_id IS NOT NULL AND step IS NOT NULL
    GROUP BY tutorial_id, step
"""
# A visit that ended by "Terminer" or idle time (not "completed") with a step last on screen,
# and that tutorial not done after it. Outcomes "ok" and "shown" ("Montrez-moi") are not wrong.
_ABANDONS = """
    WITH last_step AS (
        SELECT e.id, e.session_id, e.tutorial_id, e.step,
               row_number() OVER (PARTITION BY e.session_id ORDER BY e.id DESC) AS rank
        FROM events e JOIN sessions s ON s.id = e.session_id
        WHERE e.kind = 'step_viewed' AND s.ended_at >= :since
          AND s.end_reason IN ('finished', 'idle')
    )
    SELECT tutorial_id, step, count(*) FROM last_step
    WHERE rank = 1 AND tutorial_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM events done WHERE done.session_id = last_step.session_id
        AND done.kind = 'tutorial_completed' AND done.tutorial_id = last_step.tutorial_id
        AND done.id > last_step.id
    )
    GROUP BY tutorial_id, step
"""
_WRONG_TRIES = """
    SELECT tutorial_id, step, outcome, count(*) FROM practice_attempts
    WHERE at >= :since AND outcome NOT IN ('ok', 'shown')
    GROUP BY tutorial_id, step, outcome
"""
# A hint appears at the HINT_AFTER_ERRORS-th wrong try of a form field (kiosk.core.practice.
# exercise); choices ("wrong_choice") have none.
_HINTS = """
    SELECT tutorial_id, step, count(*) FROM (
        SELECT tutorial_id, step FROM practice_attempts
        WHERE at >= :since
        GROUP BY session_id, tutorial_id, step, field
        HAVING sum(outcome NOT IN ('ok', 'shown', 'wrong_choice')) >= :hint_after
            OR max(hint_used) = 1
    ) GROUP BY tutorial_id, step
"""
_SHOWN = """
    SELECT tutorial_id, step, count(*) FROM practice_attempts
    WHERE at >= :since AND outcome = 'shown'
    GROUP BY tutorial_id, step
"""


def since_iso(days: int, now: float) -> str:
    """The start of a period of ``days`` days ending at ``now`` (seconds since the epoch)."""
    start = datetime.fromtimestamp(now, UTC) - timedelta(days=days)
    return start.isoformat(timespec="seconds")


class StuckPointsQuery:
    """``kiosk.core.stuck_points.StuckPointsSource`` over the database; any thread may call it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def stuck_points(self, days: int, now: float) -> list[StuckPoint]:
        """Every step with at least one count over the last ``days`` days, by tutorial and
        step. Waits for events still being written first. ``now``: seconds since the epoch."""
        self.db.flush()
        values = {"since": since_iso(days, now), "hint_after": HINT_AFTER_ERRORS}
        counts: dict[tuple[str, int], dict] = {}

        def entry(tutorial_id: str, step: int) -> dict:
            return counts.setdefault(
                (tutorial_id, step),
                {"help_calls": 0, "abandons": 0, "hints": 0, "shown": 0, "wrong": {}},
            )

        with own_connection(self.db) as connection:
            for name, sql in (
                ("help_calls", _HELP_CALLS),
                ("abandons", _ABANDONS),
                ("hints", _HINTS),
                ("shown", _SHOWN),
            ):
                for tutorial_id, step, count in connection.execute(sql, values):
                    entry(tutorial_id, step)[name] = count
            for tutorial_id, step, outcome, count in connection.execute(_WRONG_TRIES, values):
                entry(tutorial_id, step)["wrong"][outcome] = count
        return [
            StuckPoint(
                tutorial_id,
                step,
                help_calls=c["help_calls"],
                abandons=c["abandons"],
                wrong_by_kind=c["wrong"],
                hints=c["hints"],
                shown=c["shown"],
            )
            for (tutorial_id, step), c in sorted(counts.items())
        ]
