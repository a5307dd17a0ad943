"""Numbered schema migrations, applied in order by sqlite-utils' ``Migrations``.

The steps are plain data so that a usual start can see "nothing to do" with the standard
``sqlite3`` module alone: importing sqlite-utils (click, pluggy and a scan of every installed
package's entry points) costs about 50 ms and 5 MiB, which only a first start or an upgrade
needs to pay.
"""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "kiosk"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own bookkeeping table

STEPS: tuple[tuple[str, str], ...] = (
    (
        "0001_content_sessions_events",
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
        """,
    ),
    (
        "0002_personas_practice_attempts",
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
        """,
    ),
    (
        "0003_pack_lexicon",
        """
        -- A pack's spoken forms of its own words, per language (JSON): {"fr": {"ZRT": "Z R T"}}.
        ALTER TABLE packs ADD COLUMN lexicon TEXT NOT NULL DEFAULT '{}';
        """,
    ),
    (
        "0004_daily_totals",
        """
        -- What is left of old visits once their details are past the retention time
        -- (kiosk.store.retention): per day, how many of each thing, never who.
        CREATE TABLE daily_totals (
            day TEXT NOT NULL,                  -- YYYY-MM-DD, UTC like the events
            measure TEXT NOT NULL,              -- 'session', 'event' or 'attempt'
            tutorial_id TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',    -- end reason, event kind or outcome
            language TEXT NOT NULL DEFAULT '',  -- sessions only
            count INTEGER NOT NULL,
            seconds INTEGER NOT NULL DEFAULT 0, -- sessions only: their summed length
            PRIMARY KEY (day, measure, tutorial_id, detail, language)
        ) WITHOUT ROWID;
        CREATE INDEX events_at ON events(at);
        CREATE INDEX practice_attempts_at ON practice_attempts(at);
        CREATE INDEX sessions_started_at ON sessions(started_at);
        """,
    ),
    (
        "0005_roles_audit",
        """
        -- One PIN per role, as a scrypt hash (never the PIN); times in seconds since the epoch.
        CREATE TABLE pins (
            role TEXT PRIMARY KEY CHECK (role IN ('mediator', 'admin')),
            hash BLOB NOT NULL, salt BLOB NOT NULL, params TEXT NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0, locked_until REAL NOT NULL DEFAULT 0
        );
        -- Every PIN change, and later every admin change: who (a role), what, when.
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, role TEXT NOT NULL,
            action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT ''
        );
        """,
    ),
    (
        "0006_help_calls",
        """
        -- "J'appelle une personne": where the person was, when, how; never anything typed.
        CREATE TABLE help_calls (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            tutorial_id TEXT, step INTEGER, language TEXT NOT NULL,
            asked_at TEXT NOT NULL, answered_at TEXT, cancelled_at TEXT,
            how TEXT NOT NULL CHECK (how IN ('button', 'stuck_offer'))
        );
        CREATE INDEX help_calls_session ON help_calls(session_id);
        CREATE INDEX help_calls_step ON help_calls(tutorial_id, step);
        -- The "compte rendu d'activité" of a visit helped by a mediator: no personal data.
        CREATE TABLE activity_reports (
            id INTEGER PRIMARY KEY,
            -- no foreign key: a report outlives the detailed session it sums up
            session_id INTEGER NOT NULL UNIQUE,
            day TEXT NOT NULL, minutes INTEGER NOT NULL, accompaniment TEXT NOT NULL,
            -- JSON arrays of the Coop's theme keys, and of tutorial ids
            demarche_themes TEXT NOT NULL, mediation_themes TEXT NOT NULL,
            tutorials TEXT NOT NULL, autonomy TEXT NOT NULL, finished INTEGER NOT NULL,
            language TEXT NOT NULL
        );
        """,
    ),
    (
        "0007_tutorial_shelf",
        """
        -- What a theme's list shows, so that listing 5,000 tutorials never decodes a document
        -- (issue #19): the titles per language (JSON), the number of steps, and an index in
        -- the order the list is read (a theme, then each pack's own order), one page at a time.
        ALTER TABLE tutorials ADD COLUMN title TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE tutorials ADD COLUMN step_count INTEGER NOT NULL DEFAULT 0;
        UPDATE tutorials SET title = json_extract(document, '$.title'),
            step_count = json_array_length(document, '$.steps');
        DROP INDEX tutorials_category;
        CREATE INDEX tutorials_shelf ON tutorials(category, pack_id, position);
        """,
    ),
    (
        "0008_search_prefixes",
        """
        -- The same search index with prefix indexes (FTS5 "prefix" option): "co" is one
        -- look-up instead of a merge of every word that starts with it (compte, connecter,
        -- code…), which cost 60 to 180 ms with 5,000 tutorials (issue #19).
        CREATE VIRTUAL TABLE tutorials_search USING fts5(
            tutorial_id UNINDEXED, language UNINDEXED, title, summary, keywords, body,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
        );
        INSERT INTO tutorials_search (tutorial_id, language, title, summary, keywords, body)
            SELECT tutorial_id, language, title, summary, keywords, body FROM tutorials_fts;
        DROP TABLE tutorials_fts;
        ALTER TABLE tutorials_search RENAME TO tutorials_fts;
        """,
    ),
    (
        "0009_pack_versions_trusted_keys",
        """
        -- The public keys (minisign, Ed25519) whose signed packs the admin accepts (issue #13).
        CREATE TABLE trusted_keys (
            key_id TEXT PRIMARY KEY,        -- hex digits, as the minisign tool prints it
            public_key TEXT NOT NULL,       -- the base64 line of the .pub file
            name TEXT NOT NULL, added_at TEXT NOT NULL
        );
        -- Who signed the installed version: a trusted key id, or NULL (unsigned).
        ALTER TABLE packs ADD COLUMN signed_by TEXT;
        -- The last versions of each pack (kiosk.store.pack_versions_store.KEPT_VERSIONS), with
        -- the files read from it as a zip, so that a rollback installs exactly the same pack.
        -- No foreign key: packs rows are replaced at each install.
        CREATE TABLE pack_versions (
            pack_id TEXT NOT NULL, version INTEGER NOT NULL,
            installed_at TEXT NOT NULL,
            turn INTEGER NOT NULL,          -- order of installation, the latest highest
            signed_by TEXT, tutorials INTEGER NOT NULL, archive BLOB NOT NULL,
            PRIMARY KEY (pack_id, version)
        );
        """,
    ),
    (
        "0010_local_edits",
        """
        -- The kiosk's own edits of installed tutorials (issue #20), layered over the base pack
        -- by a three-way merge (kiosk.core.local_edits). JSON documents of Tutorial.to_dict():
        -- the base as the admin saw it, their draft (saved as they type), and what was last
        -- published with the base it was made against.
        CREATE TABLE local_edits (
            tutorial_id TEXT PRIMARY KEY,
            pack_id TEXT NOT NULL,
            seen TEXT NOT NULL, draft TEXT NOT NULL, saved_at TEXT NOT NULL,
            published TEXT, published_seen TEXT, published_at TEXT
        );
        -- Images the admin imported for a tutorial; put beside the pack's images when published.
        CREATE TABLE local_images (
            tutorial_id TEXT NOT NULL, path TEXT NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (tutorial_id, path)
        );
        -- The installed base document, kept when tutorials.document holds the published merge.
        ALTER TABLE tutorials ADD COLUMN base_document TEXT;
        """,
    ),
    (
        "0011_search_columns_only",
        """
        -- The search index without word positions (FTS5 "detail=column"): it keeps in which
        -- column each word is, which the column filters and BM25 need; positions served only
        -- phrase and NEAR queries, which the kiosk never makes (kiosk.core.search_terms). A
        -- pack's import writes a third less into the index: 0.08 s less per 1,000 tutorials
        -- (issue #19). BM25 then counts a word once per column, however often it is there.
        CREATE VIRTUAL TABLE tutorials_search USING fts5(
            tutorial_id UNINDEXED, language UNINDEXED, title, summary, keywords, body,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = column
        );
        INSERT INTO tutorials_search (tutorial_id, language, title, summary, keywords, body)
            SELECT tutorial_id, language, title, summary, keywords, body FROM tutorials_fts;
        DROP TABLE tutorials_fts;
        ALTER TABLE tutorials_search RENAME TO tutorials_fts;
        """,
    ),
)
KNOWN = frozenset(name for name, _script in STEPS)


def applied_names(connection: sqlite3.Connection) -> list[str]:
    """The migrations recorded in the file, in the order they were applied."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    rows = connection.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    ).fetchall()
    return [name for (name,) in rows]


def apply(connection: sqlite3.Connection) -> list[str]:
    """Apply what is missing with sqlite-utils; the names applied now (often none)."""
    pending = [name for name, _script in STEPS if name not in set(applied_names(connection))]
    if not pending:
        return []
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, script in STEPS:
        migrations(name=name)(lambda db, script=script: db.executescript(script))
    migrations.apply(Database(connection))
    return pending
