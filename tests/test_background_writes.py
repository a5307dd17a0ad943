"""Anonymous events are written off the UI thread: a locked or slow disk never freezes a press."""

from __future__ import annotations

import logging
import sqlite3
import time

from kiosk.store.activity_store import ActivityStore
from kiosk.store.background_writer import BackgroundWriter
from kiosk.store.database import RowId, open_database


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


def _wait_for(condition, seconds: float = 10.0) -> None:
    """Poll ``condition`` until it holds (the writer is a plain thread, no Qt signal to wait)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.005)


class LimitedWriter(BackgroundWriter):
    """The real writer whose connection may be held to a page count: a disk that is full."""

    def __init__(self, path, page_limit: int, **options) -> None:
        self.page_limit = page_limit
        self.connections: list[sqlite3.Connection] = []
        super().__init__(path, **options)

    def _connect(self, path):
        # Shared with the test's thread, which gives room back (SQLite serializes the calls).
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA max_page_count = {self.page_limit}")
        self.connections.append(connection)
        return connection


SESSION = "INSERT INTO sessions (started_at, language) VALUES ('2026-11-29T10:00:00', 'fr')"
EVENT = "INSERT INTO events (session_id, kind, at) VALUES (?, 'step_viewed', ?)"


def test_a_locked_file_is_waited_out_and_no_session_is_lost(db, db_path, caplog):
    writer = BackgroundWriter(db_path, first_retry=0.01, busy_timeout=0.01)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    with caplog.at_level(logging.WARNING, logger="kiosk.store.background_writer"):
        session = RowId()
        writer.submit(SESSION, keep=True, row_id=session)
        for second in range(30):
            writer.submit(EVENT, [session, f"2026-11-29T10:00:{second:02}"])
        _wait_for(lambda: writer.failures >= 3)  # tried, failed, waited, tried again
        assert not writer.flush(timeout=0.05)  # still waiting for the file
        other.execute("COMMIT")
        assert writer.flush(timeout=10)
    other.close()
    writer.close()
    assert session.value is not None
    stored = db.execute("SELECT count(*) FROM events WHERE session_id = ?", [session.value])
    assert stored.fetchone()[0] == 30
    messages = [r.getMessage() for r in caplog.records]
    assert any("cannot be written" in m and "locked" in m for m in messages)
    assert any("written again" in m for m in messages)


def test_a_full_disk_keeps_the_writes_until_there_is_room(db, db_path, caplog):
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    writer = LimitedWriter(db_path, page_limit=pages, first_retry=0.01, longest_retry=0.05)
    with caplog.at_level(logging.ERROR, logger="kiosk.store.background_writer"):
        session = RowId()
        writer.submit(SESSION, keep=True, row_id=session)
        for second in range(2000):  # more than the pages left can hold
            writer.submit(EVENT, [session, f"2026-11-29T10:{second // 60:02}:{second % 60:02}"])
        _wait_for(lambda: writer.failures >= 2)
        assert any("full" in r.getMessage() for r in caplog.records)
    (stored,) = db.execute("SELECT count(*) FROM events").fetchone()
    assert stored == 0  # all or nothing: the batch waits whole
    writer.connections[-1].execute("PRAGMA max_page_count = 1000000")  # room again
    assert writer.flush(timeout=10)
    writer.close()
    (sessions,) = db.execute("SELECT count(*) FROM sessions").fetchone()
    stored = db.execute("SELECT count(*) FROM events WHERE session_id = ?", [session.value])
    (events,) = stored.fetchone()
    assert (sessions, events) == (1, 2000)


def test_a_full_queue_gives_up_old_events_never_a_session(db, db_path, caplog):
    writer = BackgroundWriter(db_path, max_pending=20, first_retry=0.01, busy_timeout=0.01)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    sessions = []
    with caplog.at_level(logging.ERROR, logger="kiosk.store.background_writer"):
        for visit in range(10):
            session = RowId()
            sessions.append(session)
            writer.submit(SESSION, keep=True, row_id=session)
            for step in range(10):
                writer.submit(EVENT, [session, f"2026-11-29T10:{visit:02}:{step:02}"])
            writer.submit(
                "UPDATE sessions SET end_reason = 'finished' WHERE id = ?", [session], keep=True
            )
        assert writer.dropped > 0
        assert writer.waiting <= 20 + 3 * 10  # bounded: events beyond the limit were given up
        other.execute("COMMIT")
        assert writer.flush(timeout=10)
    other.close()
    writer.close()
    rows = db.execute("SELECT id, end_reason FROM sessions ORDER BY id").fetchall()
    assert [end for _id, end in rows] == ["finished"] * 10  # every visit, and its end, kept
    assert [s.value for s in sessions] == [row_id for row_id, _end in rows]
    (events,) = db.execute("SELECT count(*) FROM events").fetchone()
    assert events == 100 - writer.dropped
    assert any("given up" in r.getMessage() for r in caplog.records)
