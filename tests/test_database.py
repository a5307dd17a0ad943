"""The SQLite file: pragmas, migrations applied once, and a newer file refused untouched."""

import hashlib
import sqlite3

import pytest

from kiosk.store import migrations
from kiosk.store.database import DatabaseError, open_database
from tests.fresh_interpreter import modules_loaded


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
    applied = migrations.applied_names(db.conn)
    assert applied == [name for name, _script in migrations.STEPS]
    assert len(applied) == len(set(applied))


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path):
    db = open_database(db_path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('kiosk', '9999_from_the_future', '2030')"
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


def test_a_file_from_an_older_version_gets_the_missing_migrations(db_path):
    connection = sqlite3.connect(db_path, isolation_level=None)
    first_name, first_script = migrations.STEPS[0]
    connection.executescript(first_script)
    connection.executescript(
        "CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT);"
        f"INSERT INTO _sqlite_migrations VALUES ('kiosk', '{first_name}', '2026-01-01');"
    )
    connection.close()
    db = open_database(db_path)
    assert migrations.applied_names(db.conn) == [name for name, _script in migrations.STEPS]
    assert {"personas", "practice_attempts"} <= set(db.table_names())


def test_an_everyday_start_does_not_import_sqlite_utils(db_path):
    """sqlite-utils is for the schema and imports; loading it costs 50 ms at every start."""
    from kiosk.builtin_content import ensure_builtin_content
    from kiosk.store.content_store import ContentStore

    ensure_builtin_content(ContentStore(open_database(db_path)))
    script = (
        "from kiosk.builtin_content import ensure_builtin_content\n"
        "from kiosk.store.activity_store import ActivityStore\n"
        "from kiosk.store.content_store import ContentStore\n"
        "from kiosk.store.database import open_database\n"
        "from kiosk.store.settings_store import SettingsStore\n"
        f"db = open_database({str(db_path)!r})\n"
        "content = ContentStore(db)\n"
        "assert not ensure_builtin_content(content)\n"
        "SettingsStore(db).get('language')\n"
        "ActivityStore(db).start_session('fr')\n"
        "content.search('impot')\n"
    )
    assert modules_loaded(script, ("sqlite_utils",)) == []
