"""The ``help_calls`` table, behind the ``HelpCallStore`` Protocol of ``kiosk.core.help_call``.

Written through the database's background writer, like the visit's events: pressing "J'appelle
une personne" never waits for the disk. A call needs no id of its own: a visit has at most one
open call, so the visit's id and "still open" find it.
"""

from __future__ import annotations

from typing import Any

from kiosk.core.help_call import HelpCall
from kiosk.store.audit_store import iso_time
from kiosk.store.database import Database

_STILL_OPEN = "session_id = ? AND answered_at IS NULL AND cancelled_at IS NULL"


class HelpCallStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def call_asked(self, call: HelpCall) -> None:
        self.db.write_later(
            "INSERT INTO help_calls (session_id, tutorial_id, step, language, asked_at, how) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                call.visit_id,
                call.tutorial_id,
                call.step,
                call.language,
                iso_time(call.asked_at),
                call.how,
            ],
        )

    def call_answered(self, visit_id: int, at: float) -> None:
        self.db.write_later(
            f"UPDATE help_calls SET answered_at = ? WHERE {_STILL_OPEN}", [iso_time(at), visit_id]
        )

    def call_cancelled(self, visit_id: int, at: float) -> None:
        self.db.write_later(
            f"UPDATE help_calls SET cancelled_at = ? WHERE {_STILL_OPEN}", [iso_time(at), visit_id]
        )

    def calls(self, visit_id: int | None = None) -> list[dict[str, Any]]:
        """Stored calls, oldest first (all, or one visit's), once pending writes are in."""
        self.db.flush()
        if visit_id is None:
            return list(self.db.query("SELECT * FROM help_calls ORDER BY id"))
        return list(
            self.db.query("SELECT * FROM help_calls WHERE session_id = ? ORDER BY id", [visit_id])
        )
