"""``kiosk stats export PATH`` and ``kiosk stats merge FILE... --into PATH``.

The first writes this kiosk's anonymous daily totals to an SQLite file (small counts hidden);
the second gathers such files from many kiosks into one, for Datasette (docs/statistics.md).
Messages are French sentences on stderr; exit code 0 when done, 1 when something could not be
done; never a traceback.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.core.statistics import SMALL_COUNT_LIMIT


def run_stats_command(
    command: str,
    database: Path,
    path: Path | None = None,
    files: Sequence[Path] = (),
    into: Path | None = None,
) -> int:
    """``export`` this kiosk's totals to ``path``, or ``merge`` ``files`` into ``into``."""
    if command == "merge":
        assert into is not None
        return merge_files(files, into)
    assert path is not None
    return export_file(database, path)


def export_file(database: Path, path: Path) -> int:
    from kiosk.command_database import open_for_command
    from kiosk.store.settings_store import SettingsStore
    from kiosk.store.statistics_file import kiosk_name, write_export
    from kiosk.store.statistics_query import StatisticsQuery

    db = open_for_command(database)
    if db is None:
        return 1
    try:
        name = kiosk_name(SettingsStore(db), by="command_line")
        rows = write_export(path, name, StatisticsQuery(db).all_figures())
    except (sqlite3.Error, OSError) as error:
        print(
            f"Le fichier {path} n'a pas pu être écrit ({error}). Rien n'a été écrit.",
            file=sys.stderr,
        )
        return 1
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()
    print(
        f"Statistiques de la borne « {name} » écrites dans {path} ({rows} lignes ; les "
        f"nombres de 1 à {SMALL_COUNT_LIMIT - 1} sont cachés).",
        file=sys.stderr,
    )
    return 0


def merge_files(files: Sequence[Path], into: Path) -> int:
    from kiosk.store.statistics_file import StatisticsFileError, merge_into

    failures = 0
    for source in files:
        try:
            days = merge_into(into, source)
        except StatisticsFileError as error:
            print(f"{error} Il n'a pas été ajouté.", file=sys.stderr)
            failures += 1
            continue
        except (sqlite3.Error, OSError) as error:
            print(
                f"{source} n'a pas pu être ajouté à {into} ({error}). {into} n'a pas changé.",
                file=sys.stderr,
            )
            failures += 1
            continue
        print(f"{source} : {days} jour(s) de borne ajouté(s) à {into}.", file=sys.stderr)
    return 1 if failures else 0
