"""Writes committed on a thread of their own, so that the UI thread never waits for a disk.

Every commit of the kiosk's file is durable (``synchronous=FULL``: a kiosk loses power), which
costs an fsync: 0.3 ms on an SSD, 10 to 20 ms on the old hard disk or SD card of many kiosks,
where it would freeze the screen at each press of "Suivant". Anonymous events need no answer,
so they are queued here and committed in order by a second connection to the same file (WAL
lets it write while the UI thread reads). What is pending when several writes wait is committed
in one transaction, one fsync for all. Writes still queued when the process is killed are
lost: a few anonymous events, never content or settings, which are written directly.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Write = tuple[str, tuple[Any, ...]]


class BackgroundWriter:
    """Runs SQL writes in the order given, off the calling thread; ``flush()`` waits for them."""

    def __init__(self, path: Path) -> None:
        self._jobs: queue.Queue[Write | None] = queue.Queue()
        self._thread = threading.Thread(
            target=self._run, args=(path,), name="database-writer", daemon=True
        )
        self._thread.start()

    def submit(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        self._jobs.put((sql, tuple(parameters)))

    def flush(self) -> None:
        """Return once everything submitted so far is committed (or failed and was logged)."""
        self._jobs.join()

    def close(self) -> None:
        self.flush()
        self._jobs.put(None)
        self._thread.join(timeout=10)

    def _run(self, path: Path) -> None:
        connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        try:
            while (job := self._jobs.get()) is not None:
                batch = [job]
                while not self._jobs.empty():  # what waits meanwhile shares the commit
                    following = self._jobs.get()
                    if following is None:
                        self._jobs.put(None)  # stop after this batch
                        self._jobs.task_done()
                        break
                    batch.append(following)
                self._commit(connection, batch)
                for _ in batch:
                    self._jobs.task_done()
            self._jobs.task_done()
        finally:
            connection.close()

    @staticmethod
    def _commit(connection: sqlite3.Connection, batch: list[Write]) -> None:
        """One transaction; a write that fails is logged and skipped, never raised to the UI."""
        try:
            connection.execute("BEGIN IMMEDIATE")
            for sql, parameters in batch:
                connection.execute("SAVEPOINT one_write")
                try:
                    connection.execute(sql, parameters)
                except sqlite3.Error as error:
                    connection.execute("ROLLBACK TO one_write")
                    log.error("A write of the kiosk's statistics failed (%s): %s", error, sql)
                connection.execute("RELEASE one_write")
            connection.execute("COMMIT")
        except sqlite3.Error as error:  # the file is locked for too long, or the disk is gone
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            log.error("%d writes of the kiosk's statistics were lost: %s", len(batch), error)
