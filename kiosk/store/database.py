"""Opening the kiosk's one SQLite file: location, pragmas, migrations, version check.

The stores talk to the file through ``Database``, a thin layer over the standard ``sqlite3``
connection. sqlite-utils writes the schema (``migrations``); it is imported only then (a
pack's rows go in by ``executemany``, see ``ContentStore.install``), so that an everyday
start does not pay for it (about 50 ms and 5 MiB: click, pluggy and a scan of every installed
package's entry points).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.store import migrations

if TYPE_CHECKING:
    from kiosk.store.background_writer import BackgroundWriter


class DatabaseError(Exception):
    """The database cannot be used; the message is a sentence for a person."""


class Database:
    """One connection in autocommit mode; ``query`` gives rows as dictionaries.

    ``write_later`` hands a write to a background writer (its own connection and thread) for
    writes nobody waits for, such as anonymous events; ``flush`` waits until they are stored.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = connection
        self.path = path  # None for a database in memory, which only this connection sees
        self._writer: BackgroundWriter | None = None
        self._last_ids: dict[str, int] = {}

    def write_later(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        """Run a write in order after the ones before it, without waiting for the disk."""
        if self.path is None:
            self.conn.execute(sql, parameters)
            return
        if self._writer is None:
            from kiosk.store.background_writer import BackgroundWriter

            self._writer = BackgroundWriter(self.path)
        self._writer.submit(sql, parameters)

    def flush(self) -> None:
        """Wait until every ``write_later`` so far is stored; reads after this see them."""
        if self._writer is not None:
            self._writer.flush()

    def next_id(self, table: str) -> int:
        """A new row id for ``table``, known before its row is written (this process only)."""
        if table not in self._last_ids:
            self.flush()
            (last,) = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
            self._last_ids[table] = last
        self._last_ids[table] += 1
        return self._last_ids[table]

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, parameters)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def table_names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [name for (name,) in rows]

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.conn.close()


def default_database_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("pas-a-pas", appauthor=False)) / "kiosk.db"


def _unknown_migrations(connection: sqlite3.Connection) -> list[str]:
    """Migrations recorded in the file that this version does not know: a newer version."""
    return [name for name in migrations.applied_names(connection) if name not in migrations.KNOWN]


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database; refuse a newer one untouched."""
    path = Path(path)
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                f"Impossible de créer le dossier {path.parent} pour la base de données "
                f"({error.strerror}). Choisissez un autre chemin avec --db."
            ) from error
    try:
        # Read-only first look, so that a newer database is left exactly as it was.
        if path.exists():
            probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                newer = _unknown_migrations(probe)
            finally:
                probe.close()
            if newer:
                raise DatabaseError(
                    f"La base de données {path} vient d'une version plus récente de Pas à pas "
                    f"({', '.join(newer)}). Elle n'a pas été modifiée. "
                    "Mettez Pas à pas à jour, ou choisissez une autre base avec --db."
                )
        connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        migrations.apply(connection)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            f"La base de données {path} ne peut pas être ouverte ou écrite ({error}). "
            "Vérifiez le chemin et les droits, ou choisissez-en un autre avec --db."
        ) from error
    return Database(connection, None if str(path) == ":memory:" else path)
