"""The SQLite file: pragmas, migrations applied once, and a newer file refused untouched."""

import hashlib
import sqlite3

import pytest

from kiosk.store.database import DatabaseError, open_database
from kiosk.store.migrations import migrations


def test_new_file_gets_every_table_and_the_kiosk_pragmas(db_path):
    db = open_database(db_path)
    assert {"packs", "tutorials", "tutorials_fts", "sessions", "events", "settings"} <= set(
        db.table_names()
    )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_run_once_and_rerun_is_harmless(db_path):
    open_database(db_path).close()
    db = open_database(db_path)
    applied = [m.name for m in migrations.applied(db)]
    assert applied == [m.name for m in migrations._migrations]
    assert len(applied) == len(set(applied))


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path):
    db = open_database(db_path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "kiosk", "name": "9999_from_the_future", "applied_at": "2030"}
    )
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseError, match="plus récente"):
        open_database(db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_a_database_gets_a_sentence(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("ceci n'est pas une base " * 100)
    with pytest.raises(DatabaseError, match="ne peut pas être ouverte"):
        open_database(path)


def test_an_unwritable_folder_gets_a_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="Impossible de créer le dossier"):
        open_database(blocker / "sub" / "kiosk.db")


def test_events_need_an_existing_session(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO events (session_id, kind, at) VALUES (999, 'listen', '2026-01-01')")
