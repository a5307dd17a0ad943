"""A damaged database file: finding it (SQLite's quick check) and setting it aside for the admin.

A kiosk loses power, and old disks and SD cards go bad: a page of the file can come back
wrong. SQLite then answers "database disk image is malformed" to some queries only, and the
kiosk showed its welcome screen but did nothing when touched. At start the file is checked;
a damaged file is renamed, with its ``-wal`` and ``-shm``, beside itself with the date
(``kiosk.damaged-2026-11-29-160501.db``: SQLite still opens it, with its WAL, for whoever
wants to save what it holds), and the kiosk starts on a fresh file with the built-in content.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

log = logging.getLogger(__name__)
COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside the database


def damage_found(path: Path) -> str | None:
    """SQLite's ``PRAGMA quick_check`` on the file: None when sound, else what it reports.

    ``quick_check`` reads every page and checks each b-tree's structure, but not that each
    index matches its table (``integrity_check`` does, several times slower): enough to find
    torn or overwritten pages (https://www.sqlite.org/pragma.html#pragma_quick_check). It costs
    about 3.5 ms per MB of file. Opened read-write so that a WAL left by a killed process is
    read as SQLite always does; nothing is written.
    """
    try:
        connection = sqlite3.connect(str(path), isolation_level=None)
    except sqlite3.Error as error:
        return str(error)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        rows = connection.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.DatabaseError as error:
        from kiosk.store.database import is_damage

        return str(error) if is_damage(error) else None  # busy, no room: not damage
    finally:
        connection.close()
    findings = [row[0] for row in rows]
    return None if findings == ["ok"] else "; ".join(findings)


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename the damaged file and its companions beside it, dated; return the new name.

    Nothing is deleted: the admin may want what it holds. Raises OSError when the folder
    cannot be written.
    """
    from datetime import datetime  # only when a file is damaged: not at every start

    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{number}{path.suffix}")
    path.rename(target)
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            companion.rename(Path(f"{target}{suffix}"))
    return target
