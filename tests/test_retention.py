"""Retention: detailed events older than the setting (13 months) become daily totals, their
space is given back, and what is recent stays untouched. The clock is a parameter."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.settings import SETTINGS
from kiosk.store.database import open_database
from kiosk.store.retention import months_before, run_retention
from kiosk.store.settings_store import SettingsStore
from kiosk.store.transactions import immediate_transaction

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def add_visit(db, started: datetime, steps: int, language: str = "fr", end="completed") -> int:
    """One visit as the kiosk records it: a session, its steps, an answer, its end."""
    cursor = db.execute(
        "INSERT INTO sessions (started_at, ended_at, end_reason, language) VALUES (?, ?, ?, ?)",
        [at(started), at(started + timedelta(minutes=4)) if end else None, end, language],
    )
    session = cursor.lastrowid
    for step in range(steps):
        db.execute(
            "INSERT INTO events (session_id, tutorial_id, step, kind, at) VALUES (?, ?, ?, ?, ?)",
            [session, "franceconnect", step, "step_viewed", at(started + timedelta(seconds=step))],
        )
    db.execute(
        "INSERT INTO practice_attempts (session_id, tutorial_id, step, field, outcome, at) "
        "VALUES (?, 'franceconnect', 2, 'nir', 'too_short', ?)",
        [session, at(started)],
    )
    return session


def totals(db, measures=("event", "attempt", "session")) -> set[tuple]:
    """The folded rows of these measures (the statistics' own: tests/test_statistics.py)."""
    return set(
        db.execute(
            "SELECT day, measure, tutorial_id, detail, language, count, seconds FROM daily_totals "
            f"WHERE measure IN ({', '.join('?' * len(measures))})",
            measures,
        ).fetchall()
    )


def test_the_default_is_13_months_and_an_admin_may_change_it(db):
    assert SETTINGS["detailed_events_months"].default == 13
    settings = SettingsStore(db)
    assert settings.get("detailed_events_months") == 13
    settings.set("detailed_events_months", "25")
    assert settings.get("detailed_events_months") == 25
    with pytest.raises(ValueError):
        settings.set("detailed_events_months", 0)


def test_old_visits_become_daily_totals_and_recent_ones_stay(db, db_path):
    old_day = datetime(2025, 10, 2, 9, 0, tzinfo=UTC)  # 14 months before NOW
    for minute in range(3):
        add_visit(db, old_day + timedelta(minutes=minute), steps=5)
    add_visit(db, old_day, steps=2, language="ar", end=None)  # a visit cut by a power loss
    recent = add_visit(db, NOW - timedelta(days=30), steps=7)

    report = run_retention(db_path, months=13, now=NOW)

    assert (report.events, report.attempts, report.sessions) == (17, 4, 4)
    assert totals(db) == {
        ("2025-10-02", "event", "franceconnect", "step_viewed", "", 17, 0),
        ("2025-10-02", "attempt", "franceconnect", "too_short", "", 4, 0),
        ("2025-10-02", "session", "", "completed", "fr", 3, 3 * 240),
        ("2025-10-02", "session", "", "unended", "ar", 1, 0),
    }
    visits = {(m, d): c for _day, m, _t, d, _l, c, _s in totals(db, ["tutorial_started"] * 2)}
    steps = {(m, d): c for _day, m, _t, d, _l, c, _s in totals(db, ["step_reached"] * 2)}
    assert visits == {("tutorial_started", ""): 4}  # distinct visits, not events
    assert steps == {("step_reached", str(n)): 4 if n < 2 else 3 for n in range(5)}
    assert [s for (s,) in db.execute("SELECT id FROM sessions")] == [recent]
    (kept,) = db.execute("SELECT count(*) FROM events WHERE session_id = ?", [recent]).fetchone()
    assert kept == 7
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []

    again = run_retention(db_path, months=13, now=NOW)  # nothing left to fold: nothing doubles
    assert again == (0, 0, 0, 0)
    assert len(totals(db)) == 4


def test_a_second_fold_of_the_same_day_adds_to_its_totals(db, db_path):
    day = datetime(2025, 1, 10, 8, 0, tzinfo=UTC)
    add_visit(db, day, steps=3)
    run_retention(db_path, months=13, now=NOW)
    add_visit(db, day + timedelta(hours=1), steps=4)  # e.g. copied from another kiosk later
    run_retention(db_path, months=13, now=NOW)
    counts = {(m, d): c for _day, m, _t, d, _l, c, _s in totals(db)}
    assert counts[("event", "step_viewed")] == 7
    assert counts[("session", "completed")] == 2


def test_the_space_of_folded_events_is_given_back(db, db_path):
    old = datetime(2024, 6, 1, tzinfo=UTC)
    with immediate_transaction(db):  # one commit, not 12,000
        for visit in range(300):
            add_visit(db, old + timedelta(minutes=visit), steps=40)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db_path.stat().st_size

    report = run_retention(db_path, months=13, now=NOW)

    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert report.pages_freed > 100
    assert db_path.stat().st_size < before / 2
    assert db.execute("PRAGMA freelist_count").fetchone() == (0,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_file_from_before_retention_is_rebuilt_once_to_give_space_back(db_path):
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA auto_vacuum = NONE")  # as files were created before
    connection.execute("CREATE TABLE written_before (x)")  # the mode is kept from now on
    connection.close()
    db = open_database(db_path)
    assert db.execute("PRAGMA auto_vacuum").fetchone() == (0,)
    with immediate_transaction(db):
        for visit in range(100):
            add_visit(db, datetime(2024, 6, 1, tzinfo=UTC) + timedelta(minutes=visit), steps=40)
    report = run_retention(db_path, months=13, now=NOW)
    assert report.pages_freed > 0
    db.close()
    fresh = sqlite3.connect(db_path)  # a connection keeps the mode it read when it opened
    assert fresh.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # INCREMENTAL from now on
    fresh.close()


def test_the_kiosk_runs_retention_off_the_ui_thread(db, db_path):
    from kiosk.app.logs import EarlyRecords
    from kiosk.app.start import KioskRun

    add_visit(db, datetime(2020, 1, 1, tzinfo=UTC), steps=3)
    run = KioskRun(db_path, argparse.Namespace(kiosk=False, lang=None), EarlyRecords(), None)
    run.db = db
    run._start_retention()
    run._retention.join(timeout=30)
    assert run._retention.name == "retention"
    assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)


@given(
    st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2099, 12, 31)),
    st.integers(min_value=1, max_value=120),
)
def test_months_before_goes_back_whole_months(moment, months):
    earlier = months_before(moment, months)
    assert (moment.year * 12 + moment.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day == moment.day or earlier.day < moment.day >= 29
    assert earlier.time() == moment.time()
