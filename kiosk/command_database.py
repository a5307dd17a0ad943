"""The database of a command-line command (``kiosk pin|settings|stats|pack …``), opened once.

Every command opens the kiosk's file the same way and, when it cannot (a newer schema, a
damaged or unreadable file), says so in the sentence ``kiosk.store.database.DatabaseError``
carries, then stops with exit code 1: never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from kiosk.store.database import Database


def open_for_command(path: Path, err: TextIO | None = None) -> Database | None:
    """The database at ``path``; None after printing why it cannot be opened on ``err``
    (standard error by default)."""
    from kiosk.store.database import DatabaseError, open_database

    try:
        return open_database(path)
    except DatabaseError as error:
        print(error, file=err or sys.stderr)
        return None
