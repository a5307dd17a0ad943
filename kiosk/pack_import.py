"""Importing several content packs in a row, with progress: for a screen's worker thread.

``kiosk pack import`` installs one pack from the command line; an admin screen (to come)
installs a folder or a USB stick of them, showing a progress bar and never freezing the
window. This is the work it gives to ``kiosk.ui.background_task.BackgroundTask``: plain
Python, its own SQLite connection (a connection belongs to the thread that opened it), and
a sentence for every pack that could not be installed, never a traceback.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

Progress = Callable[[int, int], None]  # (packs done, packs in all)


class PackOutcome(NamedTuple):
    """One pack's result: ``problem`` is None when it was installed."""

    path: Path
    tutorials: int
    problem: str | None


def import_packs(
    paths: Sequence[Path], database: Path, progress: Progress | None = None, force: bool = False
) -> list[PackOutcome]:
    """Read and install each pack in turn (each in its own transaction); one outcome each.

    ``progress(done, total)`` is called before the first pack and after each one. A pack
    that is refused leaves the installed content as it was and the next packs still go in.
    ``force`` installs a lower version than the one installed (an admin's explicit choice).
    Raises DatabaseError (kiosk.store.database) when the file cannot be opened at all.
    The cost grows linearly: about the same time per tutorial for 200 as for 5,000
    (docs/benchmarks.md, "growth").
    """
    from kiosk.core.pack_reader import PackError, read_pack
    from kiosk.store.content_store import ContentStore, PackConflictError
    from kiosk.store.database import open_database

    report = progress or (lambda _done, _total: None)
    outcomes: list[PackOutcome] = []
    db = open_database(database)
    try:
        store = ContentStore(db)
        report(0, len(paths))
        for done, path in enumerate(paths, start=1):
            try:
                pack = read_pack(path)
                store.install(pack, allow_older=force)
                outcomes.append(PackOutcome(path, len(pack.tutorials), None))
            except PackError as error:
                first = error.problems[0] if error.problems else ""
                outcomes.append(PackOutcome(path, 0, f"Le paquet est refusé : {first}"))
            except PackConflictError as error:  # OlderPackError included
                outcomes.append(PackOutcome(path, 0, str(error)))
            except (sqlite3.Error, OSError) as error:
                outcomes.append(
                    PackOutcome(path, 0, f"Le paquet n'a pas pu être enregistré ({error}).")
                )
            report(done, len(paths))
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()
    return outcomes
