"""Opening the kiosk's one SQLite file: location, pragmas, migrations, version check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from kiosk.store.migrations import migrations


class DatabaseError(Exception):
    """The database cannot be used; the message is a sentence for a person."""


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("pas-a-pas", appauthor=False)) / "kiosk.db"


def _unknown_migrations(connection: sqlite3.Connection) -> list[str]:
    """Migrations recorded in the file that this version does not know: a newer version."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    known = {m.name for m in migrations._migrations}
    rows = connection.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.name]
    ).fetchall()
    return [name for (name,) in rows if name not in known]


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
        db = Database(connection)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            f"La base de données {path} ne peut pas être ouverte ou écrite ({error}). "
            "Vérifiez le chemin et les droits, ou choisissez-en un autre avec --db."
        ) from error
    return db
