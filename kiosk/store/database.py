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


class RowId:
    """The id SQLite gives a row that is inserted later; ``value`` is None until then.

    Passed as a parameter of a later ``write_later``, it stands for that id: a session's
    events name their session before its row is committed, and the id still comes from
    SQLite, not from a counter in the process (two processes counting gave two people's
    visits the same id).
    """

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: int | None = None

    def __repr__(self) -> str:
        return f"RowId({self.value})"

    def __conform__(self, protocol: object) -> int:
        """Bound directly by sqlite3 once the row is written (PEP 246, sqlite3's adapters).

        Raises sqlite3.InterfaceError before that: a read about this row waits for
        ``Database.flush`` first.
        """
        if self.value is None:
            raise sqlite3.InterfaceError("the row is not written yet: flush first")
        return self.value


class Database:
    """One connection in autocommit mode; ``query`` gives rows as dictionaries.

    ``write_later`` hands a write to a background writer (its own connection and thread) for
    writes nobody waits for, such as anonymous events; ``flush`` waits until they are stored.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = connection
        self.path = path  # None for a database in memory, which only this connection sees
        self._writer: BackgroundWriter | None = None

    def write_later(
        self,
        sql: str,
        parameters: Sequence[Any] = (),
        keep: bool = False,
        row_id: RowId | None = None,
    ) -> None:
        """Run a write in order after the ones before it, without waiting for the disk.

        ``keep``: never given up, even when the file stays unwritable for hours (a session
        row, which later events refer to). ``row_id`` receives the id of the row inserted,
        and stands for it in later writes' parameters.
        """
        if self.path is None:
            values = [p.value if isinstance(p, RowId) else p for p in parameters]
            cursor = self.conn.execute(sql, values)
            if row_id is not None:
                row_id.value = cursor.lastrowid
            return
        if self._writer is None:
            from kiosk.store.background_writer import BackgroundWriter

            self._writer = BackgroundWriter(self.path)
        self._writer.submit(sql, parameters, keep=keep, row_id=row_id)

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every ``write_later`` so far is stored; reads after this see them.

        False if they are still waiting for the file after ``timeout`` seconds.
        """
        if self._writer is not None:
            return self._writer.flush(timeout)
        return True

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


SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every database file


class DamagedDatabaseError(DatabaseError):
    """The file is an SQLite database whose pages are damaged (a disk fault, a power cut).

    The kiosk sets it aside for the admin and starts on a fresh one (``kiosk.store.damage``).
    """


class DiskFullError(DatabaseError):
    """The disk holding the database has no room left."""


def _sqlite_code(error: BaseException | None) -> int | None:
    """SQLite's primary result code of ``error`` or of the error it was raised from."""
    while error is not None:
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF
        error = error.__cause__
    return None


def is_damage(error: BaseException) -> bool:
    """True for SQLite's "database disk image is malformed" and "file is not a database"."""
    return _sqlite_code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def is_disk_full(error: BaseException) -> bool:
    """True for SQLite's "database or disk is full", the system's "no space left", or an
    error raised from either."""
    import errno

    if isinstance(error, DiskFullError):
        return True
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return _sqlite_code(error) == sqlite3.SQLITE_FULL


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with SQLite's header: a database, even a damaged one."""
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def disk_full_sentence(path: Path) -> str:
    return (
        f"Le disque qui contient la base de données {path} est plein. "
        "Libérez de la place, puis relancez Pas à pas."
    )


def _unknown_migrations(connection: sqlite3.Connection) -> list[str]:
    """Migrations recorded in the file that this version does not know: a newer version."""
    return [name for name in migrations.applied_names(connection) if name not in migrations.KNOWN]


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database; refuse a newer one untouched.

    Raises ``DamagedDatabaseError`` for an SQLite file SQLite finds damaged,
    ``DiskFullError`` when there is no room to write, ``DatabaseError`` for the rest (a file
    that is not a database, no rights, a newer version); each with a sentence for a person.
    """
    path = Path(path)
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if is_disk_full(error):
                raise DiskFullError(disk_full_sentence(path)) from error
            raise DatabaseError(
                f"Impossible de créer le dossier {path.parent} pour la base de données "
                f"({error.strerror}). Choisissez un autre chemin avec --db."
            ) from error
    connection: sqlite3.Connection | None = None
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
        # A new file frees the pages of deleted rows on request (retention); set before the
        # first table, it is a no-op on an existing file.
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        migrations.apply(connection)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        if is_disk_full(error):
            raise DiskFullError(disk_full_sentence(path)) from error
        if is_damage(error) and looks_like_sqlite(path):
            raise DamagedDatabaseError(
                f"La base de données {path} est abîmée ({error})."
            ) from error
        raise DatabaseError(
            f"La base de données {path} ne peut pas être ouverte ou écrite ({error}). "
            "Vérifiez le chemin et les droits, ou choisissez-en un autre avec --db."
        ) from error
    return Database(connection, None if str(path) == ":memory:" else path)
