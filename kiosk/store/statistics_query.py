"""The daily figures behind ``kiosk.core.statistics``, from the detailed tables and from the
daily totals that retention folded old details into.

Recent visits are read in ``sessions``, ``events``, ``practice_attempts`` and ``help_calls``;
older ones in ``daily_totals`` (``kiosk.store.retention``). Retention folds whole UTC days and
counts the same things in the same way (``VISIT_FIGURES`` is run by both), so a period's
numbers do not change when its details are folded; a test checks it.

A "visit that started a tutorial" is counted once a day however many times it went back and
forth: the counts of tutorials and steps are distinct visits per day. Times are ISO 8601 UTC
strings of one shape, so a period is a string comparison on an indexed column. Over months
this runs off the UI thread, on a connection of the calling thread's own.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from kiosk.core.statistics import Figure, Period, Statistics, summarize
from kiosk.store.database import Database
from kiosk.store.thread_connection import own_connection

# Each query gives (day, measure, subject, detail, count) for times in [:start, :end).
_TUTORIAL_FIGURES = """
    SELECT {day} AS day,
           CASE kind WHEN 'tutorial_opened' THEN 'tutorial_opened'
                     WHEN 'tutorial_completed' THEN 'tutorial_finished'
                     ELSE 'tutorial_started' END AS measure,
           tutorial_id, '', count(DISTINCT substr(at, 1, 10) || ' ' || session_id)
    FROM events
    WHERE at >= :start AND at < :end AND tutorial_id IS NOT NULL
      AND kind IN ('tutorial_opened', 'step_viewed', 'tutorial_completed')
    GROUP BY {groups} measure, tutorial_id
    UNION ALL
    SELECT {day} AS day, 'step_reached', tutorial_id, CAST(step AS TEXT),
           count(DISTINCT substr(at, 1, 10) || ' ' || session_id)
    FROM events
    WHERE at >= :start AND at < :end AND tutorial_id IS NOT NULL AND step IS NOT NULL
      AND kind = 'step_viewed'
    GROUP BY {groups} tutorial_id, step
"""
VISIT_FIGURES = _TUTORIAL_FIGURES.format(day="substr(at, 1, 10)", groups="day,")
"""Tutorials opened, started and finished, and steps reached: distinct visits per day."""
_PERIOD_TUTORIAL_FIGURES = _TUTORIAL_FIGURES.format(day=":start", groups="")
"""The same summed over the whole period, dated its first day: a visit still counts once a
day (distinct day and visit), but SQLite sorts 600 groups instead of 100,000 (a busy kiosk's
year: 3 times faster)."""

HELP_CALL_FIGURES = """
    SELECT substr(asked_at, 1, 10), 'help_call', '',
           CASE WHEN answered_at IS NOT NULL THEN 'answered'
                WHEN cancelled_at IS NOT NULL THEN 'cancelled'
                ELSE 'unanswered' END AS outcome,
           count(*)
    FROM help_calls WHERE asked_at >= :start AND asked_at < :end
    GROUP BY 1, outcome
"""
"""Help calls asked per day, by how they ended."""

_SESSIONS_AND_ERRORS = (
    """
    SELECT substr(started_at, 1, 10), 'visits', '', '', count(*) FROM sessions
    WHERE started_at >= :start AND started_at < :end GROUP BY 1
    """,
    """
    SELECT substr(started_at, 1, 10), 'language', language, '', count(*) FROM sessions
    WHERE started_at >= :start AND started_at < :end GROUP BY 1, language
    """,
    HELP_CALL_FIGURES,
    """
    SELECT substr(at, 1, 10), 'practice_error', '', outcome, count(*) FROM practice_attempts
    WHERE at >= :start AND at < :end AND outcome NOT IN ('ok', 'shown') GROUP BY 1, outcome
    """,
)
# Days are compared as ISO dates: day >= :start and day < :end (an ISO date too).
_FOLDED = (
    """
    SELECT day, 'visits', '', '', sum(count) FROM daily_totals
    WHERE measure = 'session' AND day >= :start AND day < :end GROUP BY day
    """,
    """
    SELECT day, 'language', language, '', sum(count) FROM daily_totals
    WHERE measure = 'session' AND day >= :start AND day < :end GROUP BY day, language
    """,
    """
    SELECT day, measure, tutorial_id, detail, sum(count) FROM daily_totals
    WHERE measure IN ('tutorial_opened', 'tutorial_started', 'tutorial_finished',
                      'step_reached', 'help_call')
      AND day >= :start AND day < :end
    GROUP BY day, measure, tutorial_id, detail
    """,
    """
    SELECT day, 'practice_error', '', detail, sum(count) FROM daily_totals
    WHERE measure = 'attempt' AND detail NOT IN ('ok', 'shown')
      AND day >= :start AND day < :end
    GROUP BY day, detail
    """,
)


def daily_figures(
    connection: sqlite3.Connection, start: str, end: str, per_day: bool = True
) -> list[Figure]:
    """Every figure of the days from ``start`` (included) to ``end`` (excluded), ISO dates
    (``""`` for "from the first"), detailed and folded added up, by day then measure.

    ``per_day`` False: the detailed tutorial and step figures come summed over the period,
    dated ``start`` (for the screen, which sums them anyway). Raises sqlite3.Error.
    """
    bounds = {"start": start, "end": end}
    tutorials = VISIT_FIGURES if per_day else _PERIOD_TUTORIAL_FIGURES
    sums: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for sql in (*_SESSIONS_AND_ERRORS, tutorials, *_FOLDED):
        for day, measure, subject, detail, count in connection.execute(sql, bounds):
            sums[(day, measure, subject or "", detail or "")] += count
    return [Figure(*key, count) for key, count in sorted(sums.items()) if count]


class StatisticsQuery:
    """The admin's statistics over a period; any thread may call it (its own connection)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def figures(self, period: Period, per_day: bool = True) -> list[Figure]:
        """The daily figures of ``period``, once the writes still pending are in
        (``per_day``: see ``daily_figures``)."""
        self.db.flush()
        with own_connection(self.db) as connection:
            return daily_figures(connection, period.first, period.end, per_day)

    def statistics(self, period: Period) -> Statistics:
        """``period``'s figures summed for charts and tables (``kiosk.core.statistics``)."""
        return summarize(self.figures(period, per_day=False), period)

    def all_figures(self) -> list[Figure]:
        """Every figure the kiosk holds, from its first day to today (for an export)."""
        self.db.flush()
        with own_connection(self.db) as connection:
            return daily_figures(connection, "", "9999-12-31")
