"""Sessions and anonymous events: what happened and when, never what a person typed.

They are written by the database's background writer: a press of "Suivant" never waits for
the disk. Reading them first waits for what is still being written. A session's id is given by
SQLite when its row is inserted (``RowId``); its events refer to it before that.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.store.database import Database, RowId

EVENT_KINDS = frozenset(
    {
        "tutorial_opened",
        "step_viewed",
        "tutorial_completed",
        "listen",
        "search",
        "help",
        "practice_succeeded",
        "practice_restarted",
        "practice_shown",
    }
)
END_REASONS = frozenset({"finished", "completed", "idle", "error"})  # error: kiosk/app recovered


def _now() -> str:
    from datetime import UTC, datetime  # imported at the first event, not at start-up

    return datetime.now(UTC).isoformat(timespec="seconds")


class ActivityStore:
    def __init__(self, db: Database, clock: Callable[[], float] | None = None) -> None:
        """``clock``: seconds since the epoch (tests give a fake one); the system's if None."""
        self.db = db
        self._clock = clock

    def _now(self) -> str:
        if self._clock is None:
            return _now()
        from kiosk.store.audit_store import iso_time

        return iso_time(self._clock())

    def start_session(self, language: str) -> RowId:
        """A new session row; its id (``.value``) is SQLite's, known once it is written."""
        session_id = RowId()
        self.db.write_later(
            "INSERT INTO sessions (started_at, language) VALUES (?, ?)",
            [self._now(), language],
            keep=True,
            row_id=session_id,
        )
        return session_id

    def end_session(self, session_id: RowId | int, reason: str) -> None:
        if reason not in END_REASONS:
            raise ValueError(f"unknown end reason {reason!r}")
        self.db.write_later(
            "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
            [self._now(), reason, session_id],
            keep=True,
        )

    def record(
        self,
        session_id: RowId | int,
        kind: str,
        tutorial_id: str | None = None,
        step: int | None = None,
    ) -> None:
        """Store one anonymous event; the kind comes from a fixed list, never from a person."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        self.db.write_later(
            "INSERT INTO events (session_id, tutorial_id, step, kind, at) VALUES (?, ?, ?, ?, ?)",
            [session_id, tutorial_id, step, kind, self._now()],
        )

    def record_attempt(
        self,
        session_id: RowId | int,
        tutorial_id: str,
        step: int,
        field: str,
        outcome: str,
        hint_used: bool,
    ) -> None:
        """One checked answer: "ok" or the kind of error (never the value typed)."""
        if not outcome.replace("_", "").isalpha():
            raise ValueError(f"an outcome is a kind, not a value: {outcome!r}")
        self.db.write_later(
            "INSERT INTO practice_attempts (session_id, tutorial_id, step, field, outcome, "
            "hint_used, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [session_id, tutorial_id, step, field, outcome, int(hint_used), self._now()],
        )

    def attempts(self) -> list[dict]:
        self.db.flush()
        return list(self.db.query("SELECT * FROM practice_attempts ORDER BY id"))

    def sessions(self) -> list[dict]:
        self.db.flush()
        return list(self.db.query("SELECT * FROM sessions ORDER BY id"))

    def events(self, session_id: RowId | int | None = None) -> list[dict]:
        self.db.flush()
        if isinstance(session_id, RowId):
            session_id = session_id.value
        if session_id is None:
            return list(self.db.query("SELECT * FROM events ORDER BY id"))
        return list(
            self.db.query("SELECT * FROM events WHERE session_id = ? ORDER BY id", [session_id])
        )
