"""The anonymous statistics file: a kiosk's daily totals, and many kiosks' merged, in SQLite.

``kiosk stats export PATH`` writes one kiosk's figures (``kiosk.core.statistics``), one row per
kiosk, day, measure, subject and detail; ``kiosk stats merge FILE... --into PATH`` gathers many
such files into one, which Datasette (or any SQLite reader) browses: see docs/statistics.md.

Nothing in it names a person: days (UTC), counts, tutorial ids, languages, kinds of errors.
A count from 1 to 10 is stored as NULL (hidden, ``kiosk.core.statistics.exported_count``: the
statistical secrecy rule and its source are there); the views count how many cells each sum
left out.

Merging is idempotent: a kiosk's day (the key: the kiosk's name and the day) is replaced as a
whole by that day from the newest export that has it, so importing the same file twice changes
nothing, an export of the next week updates the days it repeats, and an older file merged late
leaves the newer days alone.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.statistics import MEASURES, SMALL_COUNT_LIMIT, Figure, exported_count

if TYPE_CHECKING:
    from kiosk.store.settings_store import SettingsStore

FORMAT = "pas-a-pas-statistics/1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Which file each kiosk's day comes from: the newest export wins.
CREATE TABLE IF NOT EXISTS kiosk_days (
    kiosk TEXT NOT NULL,       -- the name the admin gave the kiosk (setting kiosk_name)
    day TEXT NOT NULL,
    exported_at TEXT NOT NULL, -- when the file holding this day was written (ISO 8601, UTC)
    PRIMARY KEY (kiosk, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS daily_totals (
    kiosk TEXT NOT NULL,
    day TEXT NOT NULL,                  -- YYYY-MM-DD, UTC
    measure TEXT NOT NULL,              -- see the table measures
    subject TEXT NOT NULL DEFAULT '',   -- a tutorial id, or a language code
    detail TEXT NOT NULL DEFAULT '',    -- a step (from 0), an outcome, a kind of error
    count INTEGER,                      -- NULL: from 1 to 10, hidden (statistical secrecy)
    PRIMARY KEY (kiosk, day, measure, subject, detail)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS measures (measure TEXT PRIMARY KEY, meaning TEXT NOT NULL);
CREATE VIEW IF NOT EXISTS kiosks AS
    SELECT kiosk, min(day) AS first_day, max(day) AS last_day,
           max(exported_at) AS exported_at
    FROM kiosk_days GROUP BY kiosk;
CREATE VIEW IF NOT EXISTS visits_by_day AS
    SELECT day, sum(count) AS visits, count(*) - count(count) AS hidden_cells,
           count(DISTINCT kiosk) AS kiosks
    FROM daily_totals WHERE measure = 'visits' GROUP BY day;
CREATE VIEW IF NOT EXISTS visits_by_kiosk_and_month AS
    SELECT kiosk, substr(day, 1, 7) AS month, sum(count) AS visits,
           count(*) - count(count) AS hidden_cells
    FROM daily_totals WHERE measure = 'visits' GROUP BY kiosk, month;
CREATE VIEW IF NOT EXISTS tutorials AS
    SELECT subject AS tutorial,
           sum(CASE measure WHEN 'tutorial_opened' THEN count END) AS opened,
           sum(CASE measure WHEN 'tutorial_started' THEN count END) AS started,
           sum(CASE measure WHEN 'tutorial_finished' THEN count END) AS finished,
           count(*) - count(count) AS hidden_cells
    FROM daily_totals
    WHERE measure IN ('tutorial_opened', 'tutorial_started', 'tutorial_finished')
    GROUP BY subject;
CREATE VIEW IF NOT EXISTS languages AS
    SELECT subject AS language, sum(count) AS visits, count(*) - count(count) AS hidden_cells
    FROM daily_totals WHERE measure = 'language' GROUP BY subject;
"""
MEANINGS = {
    "visits": "Visites commencées ce jour-là.",
    "language": "Visites par langue de départ (subject : code de la langue).",
    "tutorial_opened": "Visites qui ont ouvert la présentation du tutoriel (subject).",
    "tutorial_started": "Visites qui ont vu au moins une étape du tutoriel (subject).",
    "tutorial_finished": "Visites qui sont allées au bout du tutoriel (subject).",
    "step_reached": "Visites qui ont vu l'étape (detail, à partir de 0) du tutoriel (subject).",
    "help_call": "Appels à une personne (detail : answered, cancelled, unanswered).",
    "practice_error": "Réponses fausses dans les exercices (detail : le type d'erreur).",
}


class StatisticsFileError(Exception):
    """A file that is not a statistics file of Pas à pas; the message is a sentence."""


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


def _create(connection: sqlite3.Connection) -> None:
    """The tables, views and descriptions (``executescript`` commits: call it first)."""
    connection.executescript(SCHEMA)
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT OR REPLACE INTO about (key, value) VALUES (?, ?)",
        [
            ("format", FORMAT),
            (
                "secrecy",
                f"Les nombres de 1 à {SMALL_COUNT_LIMIT - 1} sont cachés (NULL) : secret "
                "statistique. Les vues comptent les cases cachées (hidden_cells).",
            ),
        ],
    )
    connection.executemany(
        "INSERT OR REPLACE INTO measures (measure, meaning) VALUES (?, ?)",
        [(m, MEANINGS[m]) for m in MEASURES],
    )
    connection.execute("COMMIT")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_export(path: Path, kiosk: str, figures: Iterable[Figure]) -> int:
    """Write ``figures`` of the kiosk named ``kiosk`` to a new file at ``path`` (replaced if
    it exists), small counts hidden; the number of rows written. Raises OSError,
    sqlite3.Error."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    connection = _open(partial)
    try:
        _create(connection)
        connection.execute("BEGIN")
        rows = [
            (kiosk, f.day, f.measure, f.subject, f.detail, exported_count(f.count)) for f in figures
        ]
        connection.executemany("INSERT INTO daily_totals VALUES (?, ?, ?, ?, ?, ?)", rows)
        connection.execute(
            "INSERT INTO kiosk_days SELECT DISTINCT kiosk, day, ? FROM daily_totals", [_now()]
        )
        connection.execute("COMMIT")
    finally:
        connection.close()
    partial.replace(path)  # never half a file at PATH
    return len(rows)


def export_bytes(kiosk: str, figures: Iterable[Figure]) -> bytes:
    """The same file as ``write_export``, as bytes (for a copy to a USB stick)."""
    with tempfile.TemporaryDirectory(prefix="pas-a-pas-stats-") as folder:
        path = Path(folder) / "export.sqlite"
        write_export(path, kiosk, figures)
        return path.read_bytes()


def kiosk_name(settings: SettingsStore, by: str) -> str:
    """The ``kiosk_name`` setting; when empty, a random one ("borne-3f9a0c1e") is chosen and
    kept (audited as changed ``by`` this role), so that the kiosk's next exports merge over
    this one. On the thread of ``settings``' connection."""
    name = settings.get("kiosk_name").strip()
    if not name:
        name = settings.set("kiosk_name", f"borne-{secrets.token_hex(4)}", by=by)
    return name


def export_file_name(kiosk: str, day: str) -> str:
    """A file name from the kiosk's name: letters, digits and - only ("Rezé 1" → "Rezé-1")."""
    stem = re.sub(r"[^\w-]+", "-", kiosk).strip("-_") or "borne"
    return f"{stem}-{day}.sqlite"


def _read_source(path: Path) -> tuple[list[tuple], list[tuple]]:
    """The kiosk days and daily rows of a statistics file; StatisticsFileError if it is not
    one."""
    if not path.is_file():
        raise StatisticsFileError(f"Le fichier {path} n'existe pas.")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (found,) = connection.execute("SELECT value FROM about WHERE key = 'format'").fetchone()
        if found != FORMAT:
            raise StatisticsFileError(
                f"Le fichier {path} vient d'une autre version de Pas à pas ({found})."
            )
        days = connection.execute("SELECT kiosk, day, exported_at FROM kiosk_days").fetchall()
        rows = connection.execute(
            "SELECT kiosk, day, measure, subject, detail, count FROM daily_totals"
        ).fetchall()
    except (sqlite3.Error, TypeError) as error:
        raise StatisticsFileError(
            f"Le fichier {path} n'est pas un fichier de statistiques de Pas à pas "
            "(écrit par « kiosk stats export »)."
        ) from error
    finally:
        connection.close()
    return days, rows


def merge_into(target: Path, source: Path) -> int:
    """Merge the statistics file ``source`` into ``target`` (created if missing): each
    kiosk's day in ``source`` replaces the same kiosk's day in ``target`` unless ``target``
    has it from a newer export. The number of kiosk days taken. Raises StatisticsFileError
    (``target`` is then unchanged), sqlite3.Error, OSError."""
    days, rows = _read_source(Path(source))
    target = Path(target)
    if target.exists() and target.stat().st_size:
        _read_source(target)  # never add our tables to another file (the kiosk's own base…)
    connection = _open(target)
    try:
        _create(connection)
        connection.execute("BEGIN IMMEDIATE")
        try:
            newer = {
                (kiosk, day): at
                for kiosk, day, at in connection.execute("SELECT * FROM kiosk_days")
            }
            taken = {
                (kiosk, day): at for kiosk, day, at in days if newer.get((kiosk, day), "") <= at
            }
            connection.executemany(
                "DELETE FROM daily_totals WHERE kiosk = ? AND day = ?", list(taken)
            )
            connection.executemany(
                "INSERT INTO daily_totals VALUES (?, ?, ?, ?, ?, ?)",
                [row for row in rows if (row[0], row[1]) in taken],
            )
            connection.executemany(
                "INSERT OR REPLACE INTO kiosk_days VALUES (?, ?, ?)",
                [(kiosk, day, at) for (kiosk, day), at in taken.items()],
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()
    return len(taken)
