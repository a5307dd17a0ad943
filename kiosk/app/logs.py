"""The kiosk's log: stderr at once, and a rotating file beside the database for the admin.

Nobody reads a kiosk's stderr: what went wrong (a damaged file set aside, a fault the kiosk
recovered from, a disk that stayed full) must be kept where an admin finds it, without
filling the disk over the years. ``logging.handlers.RotatingFileHandler`` keeps ``kiosk.log``
under 1 MB and the five before it (``kiosk.log.1`` … ``kiosk.log.5``), 6 MB at most.

Importing ``logging.handlers`` costs 8 ms (it loads ``socket`` and ``pickle``), 4 % of a start,
so the file is opened right after the first frame; what was logged before is kept in memory
until then (``EarlyRecords``) and written first.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_FILE = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"
EARLY_LIMIT = 1000  # records kept before the file opens; a start logs a handful


class EarlyRecords(logging.Handler):
    """Keeps the records logged before the log file is open, to write them there first."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < EARLY_LIMIT:
            self.records.append(record)


def start_logging() -> EarlyRecords:
    """Log warnings and errors to stderr, and keep information for the file to come."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if not any(type(h) is logging.StreamHandler for h in root.handlers):
        stderr = logging.StreamHandler()
        stderr.setFormatter(logging.Formatter(STDERR_FORMAT))
        root.addHandler(stderr)
    for handler in root.handlers:
        if type(handler) is logging.StreamHandler:
            handler.setLevel(logging.WARNING)
    early = EarlyRecords()
    root.addHandler(early)
    return early


def open_log_file(
    folder: Path, early: EarlyRecords | None = None, max_bytes: int = MAX_BYTES
) -> logging.Handler | None:
    """Add the rotating ``kiosk.log`` in ``folder``; the handler, or None if it cannot be written.

    ``early``'s records are written first. ``max_bytes``: the size at which the file turns over.

    A folder that cannot be written costs the file, never the kiosk: the reason goes to stderr.
    """
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    if early is not None:
        root.removeHandler(early)
    try:
        handler = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=max_bytes, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as error:
        logging.getLogger(__name__).warning(
            "The log file cannot be opened in %s (%s): the log goes to stderr only.",
            folder,
            error.strerror,
        )
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    for record in early.records if early is not None else ():
        handler.handle(record)
    root.addHandler(handler)
    return handler


def close_log_file(handler: logging.Handler | None) -> None:
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
