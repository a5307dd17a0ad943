"""Write transactions that take the write lock up front (BEGIN IMMEDIATE)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.store.database import Database


@contextmanager
def immediate_transaction(db: Database) -> Iterator[Database]:
    """All or nothing: commit at the end, roll back on any exception."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        # SQLite may have rolled back already (a full disk, SQLITE_FULL): a second ROLLBACK
        # would fail and hide the real cause behind "no transaction is active".
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
