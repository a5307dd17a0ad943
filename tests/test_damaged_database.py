"""A damaged database file: found at start (or while running), set aside, never a dead screen.

The damage is real: 4 KiB of a good, checkpointed file overwritten in its middle, as a bad
sector or a torn write would.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.app.start import open_with_content
from kiosk.builtin_content import ensure_builtin_content
from kiosk.store.content_store import ContentStore
from kiosk.store.damage import damage_found, set_aside
from kiosk.store.database import is_damage, open_database

REPO = Path(__file__).resolve().parents[1]
_GOOD: dict[str, bytes] = {}


def good_database() -> bytes:
    """The bytes of a database holding the built-in pack, checkpointed (built once per run)."""
    if "file" not in _GOOD:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "kiosk.db"
            db = open_database(path)
            ensure_builtin_content(ContentStore(db))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            _GOOD["file"] = path.read_bytes()
    return _GOOD["file"]


def damaged_copy(folder: Path, table: str | None = None, seed: int = 11) -> Path:
    """A good database with 4 KiB of random bytes written over the middle of the file, or
    over the first page of ``table``'s tree (then reading that table fails).

    The middle of the file holds drawings, whose damage reading alone does not notice (SQLite
    returns wrong bytes): only the quick check at start finds it.
    """
    data = bytearray(good_database())
    start = len(data) // 2
    path = folder / "kiosk.db"
    if table is not None:
        path.write_bytes(bytes(data))
        connection = sqlite3.connect(path)
        (page,) = connection.execute(
            "SELECT min(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", [table]
        ).fetchone()
        connection.close()
        start = (page - 1) * 4096
    data[start : start + 4096] = random.Random(seed).randbytes(4096)
    path.write_bytes(bytes(data))
    return path


def error_reading(path: Path, table: str = "tutorials") -> sqlite3.DatabaseError:
    """The error SQLite raises when the damaged ``table`` is read."""
    connection = sqlite3.connect(path)
    try:
        connection.execute(f"SELECT * FROM {table}").fetchall()
    except sqlite3.DatabaseError as error:
        return error
    finally:
        connection.close()
    raise AssertionError("reading the table did not meet the damage")


def test_the_quick_check_finds_the_overwritten_pages(tmp_path):
    path = damaged_copy(tmp_path)
    assert damage_found(path)
    path.unlink()
    assert is_damage(error_reading(damaged_copy(tmp_path, "tutorials")))
    sound = tmp_path / "sound.db"
    sound.write_bytes(good_database())
    assert damage_found(sound) is None


def test_a_damaged_file_is_set_aside_with_its_wal_dated_and_still_readable(tmp_path):
    path = damaged_copy(tmp_path)
    Path(f"{path}-wal").write_bytes(b"")
    Path(f"{path}-shm").write_bytes(b"")
    aside = set_aside(path, now=datetime(2026, 11, 29, 16, 5, 1))
    assert aside == tmp_path / "kiosk.damaged-2026-11-29-160501.db"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kiosk.damaged-2026-11-29-160501.db",
        "kiosk.damaged-2026-11-29-160501.db-shm",
        "kiosk.damaged-2026-11-29-160501.db-wal",
    ]
    assert aside.read_bytes()[:16] == b"SQLite format 3\x00"
    again = damaged_copy(tmp_path)  # a second damage the same second keeps the first one
    assert set_aside(again, now=datetime(2026, 11, 29, 16, 5, 1)).name.endswith("-2.db")


def test_the_kiosk_starts_on_a_fresh_file_with_the_built_in_content(tmp_path, caplog):
    path = damaged_copy(tmp_path, "packs")
    damaged_bytes = path.read_bytes()
    db = open_with_content(path)  # the damage is found by reading the installed packs
    try:
        assert ContentStore(db).tutorial("franceconnect") is not None
    finally:
        db.close()
    assert damage_found(path) is None
    (aside,) = tmp_path.glob("kiosk.damaged-*.db")
    # Kept for the admin as it was (SQLite may have counted one more change in its header).
    assert aside.read_bytes()[100:] == damaged_bytes[100:]


def test_a_damaged_header_is_set_aside_too(tmp_path):
    path = tmp_path / "kiosk.db"
    data = bytearray(good_database())
    data[100:4096] = bytes(3996)  # the first page's tree header and cells: schema unreadable
    path.write_bytes(bytes(data))
    db = open_with_content(path)
    db.close()
    assert len(list(tmp_path.glob("kiosk.damaged-*.db"))) == 1


def test_a_file_that_was_never_a_database_is_not_renamed(tmp_path):
    """--db pointing at someone's notes: refused with a sentence, the file left where it is."""
    from kiosk.store.database import DatabaseError

    notes = tmp_path / "notes.db"
    notes.write_text("ceci n'est pas une base " * 400)
    try:
        open_with_content(notes)
    except DatabaseError as error:
        assert "ne peut pas être ouverte" in str(error)
    else:
        raise AssertionError("a text file was accepted as a database")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.db"]


def test_a_real_kiosk_on_a_damaged_file_answers_touches_and_logs_why(tmp_path):
    """The issue's case: the welcome screen showed, but touching it did nothing."""
    path = damaged_copy(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    driver = [sys.executable, str(REPO / "tests" / "kiosk_driver.py"), "--db", str(path)]
    done = subprocess.run(
        [*driver, "--after-restart"], capture_output=True, text=True, timeout=60, env=env, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    # The welcome screen, then the check's finding, then a new window on a fresh file.
    assert done.stdout.split() == ["READY", "READY", "VISIT", "1"]
    assert "Traceback" not in done.stderr
    (aside,) = tmp_path.glob("kiosk.damaged-*.db")
    log = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    # Found by the quick check ("On tree page…") or by the first query that reads a damaged
    # page ("malformed"), whichever comes first: the bytes hit hold different pages as the
    # schema grows.
    assert "is damaged" in log and aside.name in log
    assert "On tree page" in log or "malformed" in log


def test_damage_is_logged_at_error_level(tmp_path, caplog):
    path = damaged_copy(tmp_path, "packs")
    with caplog.at_level(logging.ERROR, logger="kiosk.app.start"):
        open_with_content(path).close()
    assert any("set aside" in r.getMessage() for r in caplog.records)


def test_damage_found_while_running_starts_again_on_a_fresh_file(tmp_path):
    """A slot of the real kiosk meets SQLite's "malformed" on its own file: the kiosk sets the
    file aside and goes on with a fresh one, in the same process, and the next visit works."""
    path = tmp_path / "kiosk.db"
    path.write_bytes(good_database())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    driver = [sys.executable, str(REPO / "tests" / "kiosk_driver.py"), "--db", str(path)]
    done = subprocess.run(
        [*driver, "--damage-once"], capture_output=True, text=True, timeout=60, env=env, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["READY", "READY", "VISIT", "1"]  # a second window, working
    (aside,) = tmp_path.glob("kiosk.damaged-*.db")
    assert damage_found(aside) and damage_found(path) is None
    log = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert "damaged while running" in log and aside.name in log


def test_a_damaged_file_that_cannot_be_set_aside_gets_a_sentence(tmp_path):
    from kiosk.store.database import DatabaseError

    if os.geteuid() == 0:
        pytest.skip("root may rename in a read-only folder")
    path = damaged_copy(tmp_path, "packs")
    tmp_path.chmod(0o500)
    try:
        open_with_content(path)
    except DatabaseError as error:
        assert "ne peut pas la mettre de côté" in str(error)
    else:
        raise AssertionError("a damaged file was used")
    finally:
        tmp_path.chmod(0o700)
