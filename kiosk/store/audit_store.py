"""The audit trail: every PIN change, and later every admin change, one row each."""

from __future__ import annotations

import sqlite3
from typing import Any

from kiosk.core.pins import AuditEntry
from kiosk.store.database import Database


def iso_time(seconds: float) -> str:
    """Seconds since the epoch as an ISO 8601 UTC time to the second, as the other tables."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def write_audit(connection: sqlite3.Connection, entry: AuditEntry, at: float) -> None:
    """Add ``entry`` on ``connection``, inside whatever transaction the caller holds."""
    connection.execute(
        "INSERT INTO audit (at, role, action, detail) VALUES (?, ?, ?, ?)",
        [iso_time(at), entry.by, entry.action, entry.detail],
    )


class AuditStore:
    """Reads and adds audit rows; writes are direct (rare, and they must not be lost)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, entry: AuditEntry, at: float) -> None:
        """Add one row; ``at`` in seconds since the epoch."""
        write_audit(self.db.conn, entry, at)

    def entries(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest rows first: id, at (ISO UTC), role (who), action, detail."""
        return list(self.db.query("SELECT * FROM audit ORDER BY id DESC LIMIT ?", [limit]))
