"""The ``pins`` table, behind the ``PinStore`` Protocol of ``kiosk.core.pins``.

A PIN check runs off the UI thread (about 100 ms of scrypt): each call here but
``roles_with_pin`` uses a connection of the calling thread's own, so any thread may call it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kiosk.core.pins import AuditEntry, PinRecord
from kiosk.store.audit_store import write_audit
from kiosk.store.database import Database
from kiosk.store.thread_connection import own_connection


class PinStore:
    """Loads and saves PIN records; ``clock`` (seconds since the epoch) dates audit rows."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock

    def load(self, role: str) -> PinRecord | None:
        with own_connection(self.db) as connection:
            row = connection.execute(
                "SELECT role, hash, salt, params, failures, locked_until FROM pins WHERE role = ?",
                [role],
            ).fetchone()
        if row is None:
            return None
        return PinRecord(row[0], bytes(row[1]), bytes(row[2]), row[3], row[4], row[5])

    def save(self, record: PinRecord, audit: AuditEntry | None = None) -> None:
        """Replace the role's record (and add the audit row) in one transaction."""
        with own_connection(self.db) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(
                    "INSERT INTO pins (role, hash, salt, params, failures, locked_until) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(role) DO UPDATE SET "
                    "hash = excluded.hash, salt = excluded.salt, params = excluded.params, "
                    "failures = excluded.failures, locked_until = excluded.locked_until",
                    [
                        record.role,
                        record.hash,
                        record.salt,
                        record.params,
                        record.failures,
                        record.locked_until,
                    ],
                )
                if audit is not None:
                    write_audit(connection, audit, self.clock())
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def roles_with_pin(self) -> set[str]:
        """The roles that have a PIN, read on the calling thread's own connection (start-up)."""
        return {role for (role,) in self.db.execute("SELECT role FROM pins")}

    def record_try(self, role: str, failures: int, locked_until: float) -> None:
        with own_connection(self.db) as connection:
            connection.execute(
                "UPDATE pins SET failures = ?, locked_until = ? WHERE role = ?",
                [failures, locked_until, role],
            )
