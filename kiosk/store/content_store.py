"""Installed content: packs, tutorials, images, and the accent-insensitive search.

The content model, the reading rules, the search terms and even ``json`` are imported by the
methods that use them: the kiosk opens this store before its first frame, and needs none of
them there.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from kiosk.store.database import (
    Database,
    DatabaseError,
    DiskFullError,
    disk_full_sentence,
    is_disk_full,
)
from kiosk.store.transactions import immediate_transaction

if TYPE_CHECKING:
    from kiosk.core.content import Pack, Tutorial
    from kiosk.core.pins import AuditEntry
    from kiosk.core.practice.model import Persona


PROGRESS_EVERY = 10  # tutorials written between two calls of ``install``'s progress


class PackConflictError(Exception):
    """The pack cannot replace what is installed (a tutorial id of another pack, a version)."""


class OlderPackError(PackConflictError):
    """A newer version of the pack is installed; ``installed`` and ``offered`` are versions."""

    def __init__(self, pack_id: str, installed: int, offered: int) -> None:
        super().__init__(
            f"Le paquet « {pack_id} » est déjà installé en version {installed}. Celui-ci est "
            f"la version {offered}, plus ancienne : il n'est pas installé."
        )
        self.installed = installed
        self.offered = offered


class InstallRecord(NamedTuple):
    """What is written with an installed pack, in the same transaction: the files read from
    it as a zip (kept for a rollback), the key that signed it (or None), and the audit line."""

    archive: bytes
    signed_by: str | None
    audit: AuditEntry | None = None


class TutorialSummary(NamedTuple):
    """What a tile of a list or of a search result shows: never the steps themselves."""

    id: str
    title: dict[str, str]
    category: str
    level: int
    minutes: int
    languages: frozenset[str]
    step_count: int


class ContentStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        # category_counts() is asked at every view of the home; kept until the content changes.
        self._counts: tuple[int, dict[str, int]] | None = None

    # -- packs ---------------------------------------------------------------------------------
    def installed_version(self, pack_id: str) -> int | None:
        row = self.db.execute("SELECT version FROM packs WHERE id = ?", [pack_id]).fetchone()
        return row[0] if row else None

    def install(
        self,
        pack: Pack,
        allow_older: bool = False,
        record: InstallRecord | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Replace the pack's previous version in one transaction: all or nothing.

        With a ``record``, the version is kept for a rollback (kiosk.store.pack_versions_store),
        the signer written beside the pack and the audit line added, in the same transaction.

        Raises OlderPackError when a higher version of the pack is installed, unless
        ``allow_older`` (an admin's explicit choice: ``kiosk pack import --force``); the same
        version may be installed again. Raises PackConflictError when a tutorial id belongs
        to another pack, DiskFullError when no room is left, and DatabaseError when the file
        cannot be written otherwise; in every case nothing has changed. The rows go in by
        ``executemany`` with fixed columns: sqlite-utils' ``insert_all`` looked at every row's
        keys and types, a quarter of an import's time (issue #19), and its import cost 50 ms
        more.

        Each tutorial's document is ``Tutorial.to_dict``'s JSON, written by orjson from the
        dataclass itself (fields in order, tuples as lists): 0.02 s per 1,000 tutorials where
        ``to_dict`` then ``json.dumps`` took 0.10 to 0.17 s (issue #19). orjson, because it
        writes dataclasses without a dictionary in between, in compiled code, and is well
        kept (ijl/orjson: wheels for Linux x86-64 and ARM, Windows and macOS; Debian's
        python3-orjson); tests/test_pack_compact.py checks the documents are to_dict's.

        ``progress(done, total)`` counts tutorials written, twice each (their row, then their
        search rows: ``total`` is twice their number), for a progress bar; it is called from
        the caller's thread, inside the transaction.
        """
        from datetime import UTC, datetime

        try:
            now = datetime.now(UTC)
            self._install(pack, now.isoformat(timespec="seconds"), allow_older, record, progress)
        except sqlite3.Error as error:
            path = self.db.path or ":memory:"
            if is_disk_full(error):
                raise DiskFullError(disk_full_sentence(path)) from error
            raise DatabaseError(
                f"Le paquet n'a pas pu être écrit dans la base de données {path} ({error})."
            ) from error

    def _install(
        self,
        pack: Pack,
        installed_at: str,
        allow_older: bool,
        record: InstallRecord | None,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        import json

        import orjson

        total = 2 * len(pack.tutorials)

        def counted(rows: Iterable, start: int) -> Iterator:
            """``rows``, one per tutorial, telling ``progress`` every PROGRESS_EVERY."""
            for done, row in enumerate(rows, start=start + 1):
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, total)
                yield row

        self._counts = None  # this connection's own writes do not change data_version
        with immediate_transaction(self.db):
            installed = self.installed_version(pack.id)
            if installed is not None and installed > pack.version and not allow_older:
                raise OlderPackError(pack.id, installed, pack.version)
            ids = [t.id for t in pack.tutorials]
            placeholders = ",".join("?" * len(ids))
            clash = self.db.execute(
                f"SELECT id, pack_id FROM tutorials WHERE id IN ({placeholders}) AND pack_id != ?",
                [*ids, pack.id],
            ).fetchone()
            if clash:
                raise PackConflictError(
                    f"Le tutoriel « {clash[0]} » appartient déjà au paquet « {clash[1]} ». "
                    "Changez son identifiant."
                )
            if installed is not None:  # a scan of the whole search index: only to replace
                self.db.execute(
                    "DELETE FROM tutorials_fts WHERE tutorial_id IN "
                    "(SELECT id FROM tutorials WHERE pack_id = ?)",
                    [pack.id],
                )
            self.db.execute("DELETE FROM packs WHERE id = ?", [pack.id])
            insert = self.db.conn.executemany
            insert(
                "INSERT INTO packs (id, version, title, languages, license, authors, lexicon, "
                "installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        pack.id,
                        pack.version,
                        json.dumps(pack.title, ensure_ascii=False),
                        json.dumps(list(pack.languages)),
                        pack.license,
                        json.dumps(list(pack.authors), ensure_ascii=False),
                        json.dumps(pack.lexicon, ensure_ascii=False),
                        installed_at,
                    )
                ],
            )
            insert(
                "INSERT INTO tutorials (id, pack_id, position, category, level, minutes, "
                "languages, title, step_count, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                counted(
                    (
                        (
                            t.id,
                            pack.id,
                            position,
                            t.category,
                            t.level,
                            t.minutes,
                            json.dumps(sorted(t.languages())),
                            json.dumps(t.title, ensure_ascii=False),
                            len(t.steps),
                            orjson.dumps(t).decode(),
                        )
                        for position, t in enumerate(pack.tutorials)
                    ),
                    0,
                ),
            )
            insert(
                "INSERT INTO images (pack_id, path, data) VALUES (?, ?, ?)",
                ((pack.id, path, data) for path, data in pack.images.items()),
            )
            insert(
                "INSERT INTO personas (pack_id, id, document) VALUES (?, ?, ?)",
                ((pack.id, p.id, json.dumps(p.to_dict())) for p in pack.personas.values()),
            )
            insert(
                "INSERT INTO tutorials_fts (tutorial_id, language, title, summary, keywords, body)"
                " VALUES (:tutorial_id, :language, :title, :summary, :keywords, :body)",
                (
                    row
                    for t in counted(pack.tutorials, len(pack.tutorials))
                    for row in (_search_rows(t, lang) for lang in pack.languages)
                ),
            )
            # The kiosk's published edits are merged again over the new base (issue #20).
            from kiosk.store.local_edits_store import LocalEditsStore

            LocalEditsStore(self.db).relayer(pack.id)
            if record is not None:
                self._record(pack, installed_at, record)
            if progress is not None:
                progress(total, total)

    def _record(self, pack: Pack, installed_at: str, record: InstallRecord) -> None:
        """Keep the version, its signer and the audit line (inside the install's transaction)."""
        from datetime import datetime

        from kiosk.store.audit_store import write_audit
        from kiosk.store.pack_versions_store import keep_version

        self.db.execute("UPDATE packs SET signed_by = ? WHERE id = ?", [record.signed_by, pack.id])
        keep_version(
            self.db.conn,
            pack.id,
            pack.version,
            installed_at,
            record.signed_by,
            len(pack.tutorials),
            record.archive,
        )
        if record.audit is not None:
            write_audit(
                self.db.conn, record.audit, datetime.fromisoformat(installed_at).timestamp()
            )

    def content_changed(self) -> None:
        """Forget what is kept between calls: this connection changed the tutorials."""
        self._counts = None

    def packs(self) -> list[dict]:
        """The installed packs: id, version, installed_at (ISO UTC), title (JSON text of its
        title per language), signed_by (a key id, or None)."""
        return list(
            self.db.query(
                "SELECT id, version, installed_at, title, signed_by FROM packs ORDER BY id"
            )
        )

    def checked_dates(self) -> list[tuple[str, str, dict[str, str], str]]:
        """(tutorial id, pack id, title per language, "vérifié le" as YYYY-MM-DD) of every
        installed tutorial, the oldest check first."""
        import json

        rows = self.db.execute(
            "SELECT id, pack_id, title, coalesce(json_extract(document, '$.checked'), '') AS day "
            "FROM tutorials ORDER BY day, pack_id, position"
        ).fetchall()
        return [(tid, pid, json.loads(title), day) for tid, pid, title, day in rows]

    def pack_words(self) -> dict[str, dict[str, str]]:
        """The spoken forms the installed packs add, per language (pack.yaml ``lexicon:``).

        Packs are merged in id order; a later pack's word wins on a clash.
        """
        import json

        words: dict[str, dict[str, str]] = {}
        for (text,) in self.db.execute("SELECT lexicon FROM packs ORDER BY id"):
            for language, entries in json.loads(text).items():
                words.setdefault(language, {}).update(entries)
        return words

    # -- tutorials -----------------------------------------------------------------------------
    def tutorials(
        self, category: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[TutorialSummary]:
        """The tutorials of a theme (or all), in each pack's order; a page of them if asked.

        ``offset`` and ``limit`` count tutorials. Only the shown columns are read: a page of
        12 costs the same with 50 or 5,000 tutorials installed (the ``tutorials_shelf`` index).
        """
        where, args = ("WHERE category = ?", [category]) if category else ("", [])
        rows = self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM tutorials {where} "
            "ORDER BY category, pack_id, position LIMIT ? OFFSET ?",
            [*args, -1 if limit is None else limit, offset],
        ).fetchall()
        return [_summary(row) for row in rows]

    def pack_tutorials(self, pack_id: str) -> list[Tutorial]:
        """The installed tutorials of one pack, in its order (empty when not installed)."""
        import json

        from kiosk.core.content import Tutorial

        rows = self.db.execute(
            "SELECT document FROM tutorials WHERE pack_id = ? ORDER BY position", [pack_id]
        ).fetchall()
        return [Tutorial.from_dict(json.loads(document)) for (document,) in rows]

    def category_counts(self) -> dict[str, int]:
        """How many tutorials each theme holds; themes without any are left out.

        Counting 5,000 rows costs about a millisecond, and the home asks at every view: the
        answer is kept until ``PRAGMA data_version`` says another connection (``kiosk pack
        import`` in another process) changed the file, or this store installs a pack.
        """
        (version,) = self.db.execute("PRAGMA data_version").fetchone()
        if self._counts is None or self._counts[0] != version:
            rows = self.db.execute("SELECT category, count(*) FROM tutorials GROUP BY category")
            self._counts = (version, dict(rows.fetchall()))
        return dict(self._counts[1])

    def tutorial(self, tutorial_id: str) -> Tutorial | None:
        row = self.db.execute(
            "SELECT document FROM tutorials WHERE id = ?", [tutorial_id]
        ).fetchone()
        if row is None:
            return None
        import json

        from kiosk.core.content import Tutorial

        return Tutorial.from_dict(json.loads(row[0]))

    def image(self, tutorial_id: str, path: str) -> bytes | None:
        row = self.db.execute(
            "SELECT images.data FROM images JOIN tutorials ON tutorials.pack_id = images.pack_id "
            "WHERE tutorials.id = ? AND images.path = ?",
            [tutorial_id, path],
        ).fetchone()
        return row[0] if row else None

    def persona(self, tutorial_id: str, persona_id: str) -> Persona | None:
        """A fake identity from the same pack as the tutorial."""
        row = self.db.execute(
            "SELECT personas.document FROM personas JOIN tutorials "
            "ON tutorials.pack_id = personas.pack_id WHERE tutorials.id = ? AND personas.id = ?",
            [tutorial_id, persona_id],
        ).fetchone()
        if row is None:
            return None
        import json

        from kiosk.core.practice.model import Persona

        return Persona.from_dict(json.loads(row[0]))

    def search(self, query: str, limit: int = 20) -> list[TutorialSummary]:
        """Tutorials matching every word, best first; accents, case and plurals ignored.

        Best first, by levels (``kiosk.core.search_terms.search_levels``): every word whole in
        the title; every word starting a word of the title; in the title, summary or
        keywords; anywhere, steps included. Within a level, BM25 (title 10, keywords 6,
        summary 4, steps 1) orders what the level gave; the index keeps no word positions
        (migration 0011), so BM25 counts a word once in each column where it is.

        The ranking never grows with the number of matches (issue #19): each level reads
        its matches in the library's order and stops after ``SEARCH_WINDOW`` × ``limit`` rows
        (two languages or more per tutorial), and the next level is asked only when fewer
        than ``limit`` tutorials were found. A broad word ("co", "e") matches nearly every
        one of 5,000 tutorials: ranking all of them cost 10 to 25 ms, and a bare FTS5 MATCH
        that returns them all 30 ms; this reads 48 rows, under a millisecond. The price:
        when a level holds more tutorials than the window, those shown are the first ones
        of the library's order (the built-in pack first), ranked among themselves. What
        still grows: words common in the steps and rare in titles make the title levels
        read their whole lists of rows ("mot de passe": 2.5 ms at 5,000).
        """
        from kiosk.core.search_terms import search_levels

        levels = search_levels(query)
        found: list[str] = []
        seen: set[str] = set()
        for match in levels:
            try:
                rows = self.db.execute(
                    "SELECT tutorial_id, bm25(tutorials_fts, 0, 0, 10.0, 4.0, 6.0, 1.0) "
                    "FROM tutorials_fts WHERE tutorials_fts MATCH ? LIMIT ?",
                    [match, limit * self.SEARCH_WINDOW],
                ).fetchall()
            except sqlite3.OperationalError as error:
                # A term the index cuts in two (around a character Python counts as a letter
                # and SQLite's tokenizer does not, such as U+19B0) is a phrase, which an index
                # without word positions refuses: that level finds nothing.
                if "phrase" not in str(error):
                    raise
                continue
            rows.sort(key=lambda row: row[1])  # BM25: the lower, the better
            for tutorial_id, _score in rows:
                if tutorial_id not in seen:
                    seen.add(tutorial_id)
                    found.append(tutorial_id)
            if len(found) >= limit:
                break
        ranked = found[:limit]
        if not ranked:
            return []
        rows = {
            row[0]: row
            for row in self.db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM tutorials WHERE id IN "
                f"({','.join('?' * len(ranked))})",
                ranked,
            )
        }
        return [_summary(rows[i]) for i in ranked if i in rows]

    # How many index rows each level of a search reads, per tutorial asked for.
    SEARCH_WINDOW = 4


_SUMMARY_COLUMNS = "id, title, category, level, minutes, languages, step_count"


def _summary(row: tuple) -> TutorialSummary:
    """A row of _SUMMARY_COLUMNS; two small JSON values, never the tutorial's document."""
    import json

    tutorial_id, title, category, level, minutes, languages, step_count = row
    return TutorialSummary(
        id=tutorial_id,
        title=json.loads(title),
        category=category,
        level=level,
        minutes=minutes,
        languages=frozenset(json.loads(languages)),
        step_count=step_count,
    )


def _search_rows(tutorial: Tutorial, language: str) -> dict:
    """The search index's row of ``tutorial`` in ``language`` (French when a text lacks it)."""

    def text(value: dict | None) -> str:
        """kiosk.core.languages.pick's text, without its Picked: French when missing."""
        return (value.get(language) or value.get("fr", "")) if value else ""

    body = " ".join(
        part for s in tutorial.steps for part in (text(s.title), _indexed_text(text(s.text)))
    )
    return {
        "tutorial_id": tutorial.id,
        "language": language,
        "title": text(tutorial.title),
        "summary": text(tutorial.summary),
        "keywords": " ".join(tutorial.keywords.get(language, ())),
        "body": body,
    }


# Two or more bold marks between two characters that may belong to words ("a**Valider**",
# "**sms**s"): the spoken form takes the marks out and joins what they separated. Written
# to start with the literal "**" (the characters around are looked at behind and ahead):
# the regular expression engine then jumps from one "**" to the next instead of testing
# the character class at every character, 14 times faster on step texts (issue #19).
_WORD_SIDE = r"[^\s*.,;:!?'\"()«»…-]"
_GLUED_BOLD = re.compile(rf"\*\*(?<={_WORD_SIDE}\*\*)\**(?={_WORD_SIDE})")


def _indexed_text(markdown: str) -> str:
    """A step's text as the search index gets it: the words of its spoken form
    (kiosk.core.reading.spoken_sentences), at the same places.

    Almost always the text as it is written: the index's tokenizer (unicode61, migration
    0008) keeps only letters, digits and private-use characters (Unicode categories L*, N*,
    Co) and reads every other character as a separator, so the bullets ("- "), bold marks,
    line breaks and spaces that the spoken form takes out or changes never reach the index.
    Making the spoken form of every step was a fifth of an install (issue #19). The one
    difference, bold marks glued to words on both sides, is made by the spoken form itself.
    tests/test_search_text.py checks both give the index the same words, whatever the text.
    """
    if "**" in markdown and _GLUED_BOLD.search(markdown):
        from kiosk.core.reading import spoken_sentences

        return " ".join(spoken_sentences(markdown))
    return markdown
