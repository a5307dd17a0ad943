"""Power loss: a real kiosk killed with SIGKILL at random moments of its visits, five times on
the same file. After each, SQLite finds the file sound, every visit the kiosk said was
committed is there with its end, no event lost its session, and the next start is not blocked
by the lock file left behind."""

from __future__ import annotations

import random
import sqlite3
import threading

from tests.kiosk_process import KioskProcess

KILLS = 5
SEED = 20261129


def test_kill_9_during_visits_loses_no_finished_visit(tmp_path):
    path = tmp_path / "kiosk.db"
    moments = random.Random(SEED)
    promised: list[int] = []
    for _ in range(KILLS):
        with KioskProcess(path, "--visits", "0") as kiosk:
            kiosk.wait_for("READY")
            if moments.random() < 0.8:  # most often after a visit or two, sometimes at once
                kiosk.wait_for("VISIT")
            threading.Event().wait(moments.uniform(0.0, 0.4))  # a random moment of the visit
            kiosk.kill()
            promised += kiosk.visits()
        connection = sqlite3.connect(path)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            ended = dict(connection.execute("SELECT id, end_reason FROM sessions").fetchall())
            completed = {
                session
                for (session,) in connection.execute(
                    "SELECT session_id FROM events WHERE kind = 'tutorial_completed'"
                )
            }
        finally:
            connection.close()
        for session in promised:
            assert ended.get(session) == "completed", f"visit {session} lost"
            assert session in completed
    assert len(promised) >= 3  # the loop did kill kiosks in the middle of real visits
