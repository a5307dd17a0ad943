"""A connection of the calling thread's own, for store calls that the UI runs off its thread.

``sqlite3`` connections belong to the thread that opened them, and the kiosk's main connection
is the UI thread's. A PIN check (about 100 ms of scrypt) and the statistics over months run on
a worker thread: they open a short connection to the same file (under a millisecond; WAL lets
it read while the writer writes). A database in memory has only its one connection, used as is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.store.database import Database


@contextmanager
def own_connection(db: Database) -> Iterator[sqlite3.Connection]:
    """A connection to ``db``'s file for this block, in autocommit mode, closed after it."""
    if db.path is None:
        yield db.conn
        return
    connection = sqlite3.connect(str(db.path), isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        yield connection
    finally:
        connection.close()
