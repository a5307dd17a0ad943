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
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
