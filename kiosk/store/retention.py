"""Old visits fade to daily totals: detailed events are kept a bounded time, then counted.

A visit leaves about 1.4 KB of rows (its session, each step seen, each answer checked). Kept
forever they fill an old kiosk's disk over the years, and they say more than statistics need.
Past the ``detailed_events_months`` setting (13 months by default), the events, practice
attempts, help calls and sessions of a day become rows of ``daily_totals`` (how many of each,
per day and tutorial; sessions per language and end reason, with their summed length; the
statistics' own figures: visits that opened, started and finished each tutorial and reached
each step, help calls by outcome), the details are deleted and their pages given back to the
file system. Whole UTC days are folded, so that a day's statistics read the same before and
after (``kiosk.store.statistics_query``).

Runs on its own connection, off the UI thread (``kiosk.app.start`` starts it a little after
the first frame, then once a day): the fold and the page reclaim hold the write lock, so the
background writer waits and retries meanwhile.
"""

from __future__ import annotations

import calendar
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from kiosk.store.statistics_query import HELP_CALL_FIGURES, VISIT_FIGURES

log = logging.getLogger(__name__)


class FoldReport(NamedTuple):
    """What one run folded into daily totals, and the file pages it gave back."""

    events: int
    attempts: int
    sessions: int
    pages_freed: int


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (31 March - 1 → 28/29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


_FOLD_EVENTS = """
    INSERT INTO daily_totals (day, measure, tutorial_id, detail, count)
    SELECT substr(at, 1, 10), 'event', coalesce(tutorial_id, ''), kind, count(*)
    FROM events WHERE at < :cutoff GROUP BY 1, 3, 4
    ON CONFLICT DO UPDATE SET count = count + excluded.count
"""
_FOLD_ATTEMPTS = """
    INSERT INTO daily_totals (day, measure, tutorial_id, detail, count)
    SELECT substr(at, 1, 10), 'attempt', tutorial_id, outcome, count(*)
    FROM practice_attempts WHERE at < :cutoff GROUP BY 1, 3, 4
    ON CONFLICT DO UPDATE SET count = count + excluded.count
"""
# The statistics' figures of the details about to go (kiosk.store.statistics_query).
_FOLD_FIGURES = [
    f"""
    INSERT INTO daily_totals (day, measure, tutorial_id, detail, count)
    SELECT * FROM ({figures}) WHERE true
    ON CONFLICT DO UPDATE SET count = count + excluded.count
    """
    for figures in (VISIT_FIGURES, HELP_CALL_FIGURES)
]
# A session is folded once nothing of it is left in events or attempts.
_OLD_SESSIONS = """
    sessions.started_at < :cutoff
    AND NOT EXISTS (SELECT 1 FROM events WHERE events.session_id = sessions.id)
    AND NOT EXISTS (SELECT 1 FROM practice_attempts p WHERE p.session_id = sessions.id)
"""
_FOLD_SESSIONS = f"""
    INSERT INTO daily_totals (day, measure, detail, language, count, seconds)
    SELECT substr(started_at, 1, 10), 'session', coalesce(end_reason, 'unended'), language,
           count(*),
           coalesce(sum(round((julianday(ended_at) - julianday(started_at)) * 86400)), 0)
    FROM sessions WHERE {_OLD_SESSIONS} GROUP BY 1, 3, 4
    ON CONFLICT DO UPDATE SET count = count + excluded.count,
                              seconds = seconds + excluded.seconds
"""


def fold_old_details(connection: sqlite3.Connection, cutoff: datetime) -> FoldReport:
    """Fold everything recorded before the UTC day of ``cutoff`` (aware) into
    ``daily_totals``, in one transaction, then reclaim the freed pages.

    ``connection`` is in autocommit mode (``isolation_level=None``). Raises sqlite3.Error
    (the transaction is then rolled back: nothing is lost, the next run tries again).
    """
    day = cutoff.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    bound = {"cutoff": day.isoformat(timespec="seconds")}
    window = {"start": "", "end": bound["cutoff"]}
    connection.execute("BEGIN IMMEDIATE")
    try:
        for fold in _FOLD_FIGURES:
            connection.execute(fold, window)
        connection.execute("DELETE FROM help_calls WHERE asked_at < :cutoff", bound)
        connection.execute(_FOLD_EVENTS, bound)
        events = connection.execute("DELETE FROM events WHERE at < :cutoff", bound).rowcount
        connection.execute(_FOLD_ATTEMPTS, bound)
        attempts = connection.execute(
            "DELETE FROM practice_attempts WHERE at < :cutoff", bound
        ).rowcount
        connection.execute(_FOLD_SESSIONS, bound)
        sessions = connection.execute(f"DELETE FROM sessions WHERE {_OLD_SESSIONS}", bound).rowcount
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    freed = reclaim_space(connection) if events or attempts or sessions else 0
    return FoldReport(events, attempts, sessions, freed)


def reclaim_space(connection: sqlite3.Connection) -> int:
    """Give the file's free pages back to the file system; how many were freed.

    A file created by this version frees them on request (``auto_vacuum = INCREMENTAL``, set
    by ``open_database`` before its first table). An older file is rebuilt once by ``VACUUM``
    in that mode (https://www.sqlite.org/pragma.html#pragma_auto_vacuum: the mode of an
    existing file changes only through a VACUUM); it takes a few seconds, here, off the UI.
    """
    (free_before,) = connection.execute("PRAGMA freelist_count").fetchone()
    if not free_before:
        return 0
    (mode,) = connection.execute("PRAGMA auto_vacuum").fetchone()
    if mode != 2:  # 2 = INCREMENTAL
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
        connection.execute("VACUUM")
    else:
        # Each step of this pragma frees one page, and execute() steps once when there is no
        # row to return: executescript() runs it to the end.
        connection.executescript("PRAGMA incremental_vacuum;")
    (free_after,) = connection.execute("PRAGMA freelist_count").fetchone()
    # The file shrinks when the WAL is copied back; PASSIVE waits for no reader.
    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    return free_before - free_after


def run_retention(path: Path, months: int, now: datetime | None = None) -> FoldReport:
    """Open ``path``, fold what is older than ``months`` before ``now`` (UTC), log, close."""
    moment = now or datetime.now(UTC)
    connection = sqlite3.connect(str(path), isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        report = fold_old_details(connection, months_before(moment, months))
    finally:
        connection.close()
    if report.events or report.attempts or report.sessions:
        log.info(
            "Retention (%d months): %d events, %d practice attempts and %d sessions folded "
            "into daily totals; %d pages freed.",
            months,
            *report,
        )
    return report
