"""Anonymous events are written off the UI thread: a locked or slow disk never freezes a press."""

from __future__ import annotations

import logging
import sqlite3
import time

from kiosk.store.activity_store import ActivityStore
from kiosk.store.database import open_database


def test_a_press_never_waits_for_a_locked_file(db, db_path):
    activity = ActivityStore(db)
    session = activity.start_session("fr")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the file, as a slow fsync would
    try:
        started = time.monotonic()
        for step in range(20):
            activity.record(session, "step_viewed", "franceconnect", step)
        assert time.monotonic() - started < 0.1  # the presses did not wait for the lock
        (stored,) = other.execute("SELECT count(*) FROM events").fetchone()
        assert stored == 0  # the writes are waiting for the file, not the presses
    finally:
        other.execute("COMMIT")
        other.close()
    steps = [e["step"] for e in activity.events(session)]
    assert steps == list(range(20))  # all stored, in order, once the file was free


def test_events_are_stored_in_order_and_survive_a_restart(db_path):
    db = open_database(db_path)
    activity = ActivityStore(db)
    first = activity.start_session("fr")
    for kind in ("tutorial_opened", "step_viewed", "listen", "tutorial_completed"):
        activity.record(first, kind, "franceconnect", 0)
    activity.end_session(first, "completed")
    db.close()  # closing writes what is pending

    db = open_database(db_path)
    activity = ActivityStore(db)
    (session,) = activity.sessions()
    assert session["id"] == first.value and session["end_reason"] == "completed"
    kinds = [e["kind"] for e in activity.events(first)]
    assert kinds == ["tutorial_opened", "step_viewed", "listen", "tutorial_completed"]
    second = activity.start_session("en")
    activity.sessions()  # waits for the writer
    assert second.value == first.value + 1  # SQLite's ids go on after the restart
    db.close()


def test_a_failing_write_is_logged_and_the_next_ones_still_land(db, caplog):
    activity = ActivityStore(db)
    session = activity.start_session("fr")
    with caplog.at_level(logging.ERROR, logger="kiosk.store.background_writer"):
        activity.record(999_999, "listen")  # no such session: the foreign key refuses it
        activity.record(session, "listen")
        events = activity.events()
    assert [(e["session_id"], e["kind"]) for e in events] == [(session.value, "listen")]
    assert any("FOREIGN KEY" in r.getMessage() for r in caplog.records)


def test_a_database_in_memory_writes_at_once():
    db = open_database(":memory:")
    activity = ActivityStore(db)
    session = activity.start_session("fr")
    activity.record(session, "listen")
    rows = db.execute("SELECT kind FROM events").fetchall()
    assert rows == [("listen",)]
    db.close()
