"""Installed content: packs, tutorials, images, and the accent-insensitive search.

The content model, the reading rules, the search terms and even ``json`` are imported by the
methods that use them: the kiosk opens this store before its first frame, and needs none of
them there.
"""

from __future__ import annotations

import sqlite3
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
    from kiosk.core.practice.model import Persona


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


class TutorialSummary(NamedTuple):
    """What a list or a search result needs, without the steps."""

    id: str
    title: dict[str, str]
    summary: dict[str, str]
    category: str
    level: int
    minutes: int
    languages: frozenset[str]
    step_count: int


class ContentStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- packs ---------------------------------------------------------------------------------
    def installed_version(self, pack_id: str) -> int | None:
        row = self.db.execute("SELECT version FROM packs WHERE id = ?", [pack_id]).fetchone()
        return row[0] if row else None

    def install(self, pack: Pack, allow_older: bool = False) -> None:
        """Replace the pack's previous version in one transaction: all or nothing.

        Raises OlderPackError when a higher version of the pack is installed, unless
        ``allow_older`` (an admin's explicit choice: ``kiosk pack import --force``); the same
        version may be installed again. Raises PackConflictError when a tutorial id belongs
        to another pack, DiskFullError when no room is left, and DatabaseError when the file
        cannot be written otherwise; in every case nothing has changed. sqlite-utils does the
        bulk inserts; it is imported here, not at start-up.
        """
        from datetime import UTC, datetime

        try:
            self._install(pack, datetime.now(UTC).isoformat(timespec="seconds"), allow_older)
        except sqlite3.Error as error:
            path = self.db.path or ":memory:"
            if is_disk_full(error):
                raise DiskFullError(disk_full_sentence(path)) from error
            raise DatabaseError(
                f"Le paquet n'a pas pu être écrit dans la base de données {path} ({error})."
            ) from error

    def _install(self, pack: Pack, installed_at: str, allow_older: bool) -> None:
        import json

        from sqlite_utils import Database as Tables

        tables = Tables(self.db.conn)
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
            self.db.execute(
                "DELETE FROM tutorials_fts WHERE tutorial_id IN "
                "(SELECT id FROM tutorials WHERE pack_id = ?)",
                [pack.id],
            )
            self.db.execute("DELETE FROM packs WHERE id = ?", [pack.id])
            tables["packs"].insert(
                {
                    "id": pack.id,
                    "version": pack.version,
                    "title": json.dumps(pack.title, ensure_ascii=False),
                    "languages": json.dumps(list(pack.languages)),
                    "license": pack.license,
                    "authors": json.dumps(list(pack.authors), ensure_ascii=False),
                    "lexicon": json.dumps(pack.lexicon, ensure_ascii=False),
                    "installed_at": installed_at,
                }
            )
            tables["tutorials"].insert_all(
                (
                    {
                        "id": t.id,
                        "pack_id": pack.id,
                        "position": position,
                        "category": t.category,
                        "level": t.level,
                        "minutes": t.minutes,
                        "languages": json.dumps(sorted(t.languages())),
                        "document": json.dumps(t.to_dict(), ensure_ascii=False),
                    }
                    for position, t in enumerate(pack.tutorials)
                ),
            )
            tables["images"].insert_all(
                {"pack_id": pack.id, "path": path, "data": data}
                for path, data in pack.images.items()
            )
            tables["personas"].insert_all(
                {"pack_id": pack.id, "id": p.id, "document": json.dumps(p.to_dict())}
                for p in pack.personas.values()
            )
            tables["tutorials_fts"].insert_all(
                _search_rows(t, lang) for t in pack.tutorials for lang in pack.languages
            )

    def packs(self) -> list[dict]:
        return list(self.db.query("SELECT id, version, installed_at FROM packs ORDER BY id"))

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
    def tutorials(self, category: str | None = None) -> list[TutorialSummary]:
        where, args = ("WHERE category = ?", [category]) if category else ("", [])
        rows = self.db.execute(
            f"SELECT document, languages FROM tutorials {where} ORDER BY pack_id, position", args
        ).fetchall()
        return [_summary(document, languages) for document, languages in rows]

    def category_counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT category, count(*) FROM tutorials GROUP BY category")
        return dict(rows.fetchall())

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
        """Tutorials matching every word, best first; accents, case and plurals ignored."""
        from kiosk.core.search_terms import fts_query

        match = fts_query(query)
        if match is None:
            return []
        best: dict[str, float] = {}
        for tutorial_id, rank in self.db.execute(
            "SELECT tutorial_id, bm25(tutorials_fts, 0, 0, 10.0, 4.0, 6.0, 1.0) "
            "FROM tutorials_fts WHERE tutorials_fts MATCH ?",
            [match],
        ):
            best[tutorial_id] = min(rank, best.get(tutorial_id, rank))
        ranked = sorted(best, key=best.__getitem__)[:limit]
        rows = {
            row[0]: row[1:]
            for row in self.db.execute(
                "SELECT id, document, languages FROM tutorials WHERE id IN "
                f"({','.join('?' * len(ranked))})",
                ranked,
            )
        }
        return [_summary(*rows[i]) for i in ranked if i in rows]


def _summary(document: str, languages: str) -> TutorialSummary:
    import json

    data = json.loads(document)
    return TutorialSummary(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        category=data["category"],
        level=data["level"],
        minutes=data["minutes"],
        languages=frozenset(json.loads(languages)),
        step_count=len(data["steps"]),
    )


def _search_rows(tutorial: Tutorial, language: str) -> dict:
    from kiosk.core.languages import pick
    from kiosk.core.reading import spoken_sentences

    def text(value: dict | None) -> str:
        return pick(value, language).text if value else ""

    body = " ".join(
        " ".join([text(s.title), *spoken_sentences(text(s.text))]) for s in tutorial.steps
    )
    return {
        "tutorial_id": tutorial.id,
        "language": language,
        "title": text(tutorial.title),
        "summary": text(tutorial.summary),
        "keywords": " ".join(tutorial.keywords.get(language, ())),
        "body": body,
    }
