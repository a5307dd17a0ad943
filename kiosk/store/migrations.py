"""Numbered schema migrations, applied in order at start-up."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk")


@migrations(name="0001_content_sessions_events")
def m0001(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE packs (
            id TEXT PRIMARY KEY, version INTEGER NOT NULL, title TEXT NOT NULL,
            languages TEXT NOT NULL, license TEXT, authors TEXT NOT NULL,
            installed_at TEXT NOT NULL
        );
        CREATE TABLE tutorials (
            id TEXT PRIMARY KEY,
            pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, category TEXT NOT NULL, level INTEGER NOT NULL,
            minutes INTEGER NOT NULL, languages TEXT NOT NULL, document TEXT NOT NULL
        );
        CREATE INDEX tutorials_category ON tutorials(category, position);
        CREATE TABLE images (
            pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
            path TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (pack_id, path)
        );
        -- One row per tutorial and language; accents and capitals ignored by the tokenizer.
        CREATE VIRTUAL TABLE tutorials_fts USING fts5(
            tutorial_id UNINDEXED, language UNINDEXED, title, summary, keywords, body,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT,
            end_reason TEXT, language TEXT NOT NULL
        );
        -- Anonymous: what happened, never what was typed.
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            tutorial_id TEXT, step INTEGER, kind TEXT NOT NULL, at TEXT NOT NULL
        );
        CREATE INDEX events_session ON events(session_id);
        CREATE INDEX events_tutorial ON events(tutorial_id, kind);
        """
    )


@migrations(name="0002_personas_practice_attempts")
def m0002(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE personas (
            pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
            id TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (pack_id, id)
        );
        -- One row per checked answer: the outcome and its kind, never the typed value.
        CREATE TABLE practice_attempts (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            tutorial_id TEXT NOT NULL, step INTEGER NOT NULL, field TEXT NOT NULL,
            outcome TEXT NOT NULL, hint_used INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL
        );
        CREATE INDEX practice_attempts_step ON practice_attempts(tutorial_id, step, field);
        """
    )
