"""Writes committed on a thread of their own, so that the UI thread never waits for a disk.

Every commit of the kiosk's file is durable (``synchronous=FULL``: a kiosk loses power), which
costs an fsync: 0.3 ms on an SSD, 10 to 20 ms on the old hard disk or SD card of many kiosks,
where it would freeze the screen at each press of "Suivant". Anonymous events need no answer,
so they are queued here and committed in order by a second connection to the same file (WAL
lets it write while the UI thread reads). What is pending when several writes wait is committed
in one transaction, one fsync for all.

When the file cannot be written for a while (another program holds its lock, the disk is full,
an I/O error), the writes wait in order and are tried again, 50 ms later then twice as late each
time up to 30 s, and every streak of failures is logged. The queue is bounded: past
``max_pending`` writes the oldest anonymous event is dropped, never a session row (``keep``),
so that the events after it still find their session. Writes still queued when the process is
killed are lost: the last second of a visit, never content or settings, which are written
directly.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.store.database import RowId

log = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 0.05
LONGEST_RETRY_SECONDS = 30.0
MAX_PENDING = 10_000  # many hours of a busy kiosk's events; about 2 MB of memory
BATCH = 500  # writes per transaction at most
BUSY_TIMEOUT_SECONDS = 2.0  # SQLite's own wait for a lock, before a try counts as failed
# Errors of one write that trying again cannot fix: it is skipped, the others go on.
# Everything else (busy, locked, full, I/O, read-only, a damaged page) is waited out.
_SKIPPED = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


class Write(NamedTuple):
    sql: str
    parameters: tuple[Any, ...]
    keep: bool  # never dropped when the queue is full
    row_id: RowId | None  # receives the id of the row this write inserts


def must_skip(error: sqlite3.Error) -> bool:
    """True when a write failed for a reason of its own (a constraint, bad SQL), not the file's."""
    if isinstance(error, _SKIPPED):
        return True
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_ERROR


class BackgroundWriter:
    """Runs SQL writes in the order given, off the calling thread; ``flush()`` waits for them.

    ``dropped`` counts the anonymous events given up because the queue was full; ``failures``
    the tries that failed in a row (0 while the file is writable).
    """

    def __init__(
        self,
        path: Path,
        max_pending: int = MAX_PENDING,
        first_retry: float = FIRST_RETRY_SECONDS,
        longest_retry: float = LONGEST_RETRY_SECONDS,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> None:
        self._path = path
        self._busy_timeout = busy_timeout
        self._max_pending = max_pending
        self._first_retry = first_retry
        self._longest_retry = longest_retry
        self._changed = threading.Condition()
        self._pending: deque[Write] = deque()
        self._in_flight: list[Write] = []
        self._stopping = False
        self.dropped = 0
        self.failures = 0  # tries failed in a row, for the logs and the tests
        self._thread = threading.Thread(target=self._run, name="database-writer", daemon=True)
        self._thread.start()

    def submit(
        self,
        sql: str,
        parameters: Sequence[Any] = (),
        keep: bool = False,
        row_id: RowId | None = None,
    ) -> None:
        write = Write(sql, tuple(parameters), keep, row_id)
        with self._changed:
            if len(self._pending) >= self._max_pending:
                self._drop_oldest_event()
            self._pending.append(write)
            self._changed.notify_all()

    def _drop_oldest_event(self) -> None:
        for index, waiting in enumerate(self._pending):
            if not waiting.keep:
                del self._pending[index]
                self.dropped += 1
                if self.dropped == 1 or self.dropped % 1000 == 0:
                    log.error(
                        "The file has not been writable for a long time: %d anonymous events "
                        "were given up so far (sessions are kept).",
                        self.dropped,
                    )
                return

    @property
    def waiting(self) -> int:
        """How many writes are not committed yet."""
        with self._changed:
            return len(self._pending) + len(self._in_flight)

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything submitted so far is committed (or skipped and logged).

        False when ``timeout`` seconds passed first: the file is still not writable, and the
        writes keep waiting.
        """
        with self._changed:
            return self._changed.wait_for(
                lambda: not self._pending and not self._in_flight, timeout
            )

    def close(self, timeout: float = 5.0) -> None:
        """Write what is pending (waiting ``timeout`` seconds at most), then stop."""
        if not self.flush(timeout):
            log.error("%d writes could not be stored before closing.", self.waiting)
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._thread.join(timeout=10)

    # -- the writer's thread -------------------------------------------------------------------
    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        delay = 0.0
        try:
            while True:
                with self._changed:
                    if delay:
                        self._changed.wait_for(lambda: self._stopping, delay)
                    else:
                        self._changed.wait_for(
                            lambda: self._pending or self._in_flight or self._stopping
                        )
                    if self._stopping:
                        if self._in_flight or self._pending:
                            log.error(
                                "%d writes were not stored: the file could not be written.",
                                len(self._in_flight) + len(self._pending),
                            )
                        return
                    while self._pending and len(self._in_flight) < BATCH:
                        self._in_flight.append(self._pending.popleft())
                    batch = list(self._in_flight)
                try:
                    if connection is None:
                        connection = self._connect(self._path)
                    resolved = self._commit(connection, batch)
                except sqlite3.Error as error:
                    self.failures += 1
                    delay = min(self._longest_retry, self._first_retry * 2 ** (self.failures - 1))
                    if self.failures == 1 or delay == self._longest_retry:
                        log.error(
                            "The statistics cannot be written (%s); %d writes wait, next try "
                            "in %.2f s.",
                            error,
                            self.waiting,
                            delay,
                        )
                    continue
                for row_id, value in resolved:
                    row_id.value = value
                if self.failures:
                    log.warning(
                        "The statistics are written again after %d tries.", self.failures + 1
                    )
                self.failures, delay = 0, 0.0
                with self._changed:
                    del self._in_flight[: len(batch)]
                    self._changed.notify_all()
        finally:
            if connection is not None:
                connection.close()

    @staticmethod
    def _commit(connection: sqlite3.Connection, batch: list[Write]) -> list[tuple[RowId, int]]:
        """One transaction for the batch; the ids it gave, to publish once it is committed.

        A write that fails for a reason of its own is logged and skipped; any other error
        rolls the whole batch back and is raised, to be tried again.
        """
        given: dict[int, int] = {}  # id(RowId) → the row id inserted in this transaction
        resolved: list[tuple[RowId, int]] = []

        def bound(value: Any) -> Any:
            if isinstance(value, RowId):
                return given.get(id(value), value.value)
            return value

        try:
            connection.execute("BEGIN IMMEDIATE")
            for write in batch:
                connection.execute("SAVEPOINT one_write")
                try:
                    cursor = connection.execute(write.sql, [bound(p) for p in write.parameters])
                except sqlite3.Error as error:
                    if not must_skip(error):
                        raise
                    connection.execute("ROLLBACK TO one_write")
                    log.error("A write of the kiosk's statistics failed (%s): %s", error, write.sql)
                else:
                    if write.row_id is not None:
                        given[id(write.row_id)] = cursor.lastrowid
                        resolved.append((write.row_id, cursor.lastrowid))
                connection.execute("RELEASE one_write")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # the failure may have undone it
                    connection.execute("ROLLBACK")
            raise
        return resolved

    def _connect(self, path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
        return connection
