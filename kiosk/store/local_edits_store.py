"""The kiosk's own edits of installed tutorials: drafts, publishing, and the layer over updates.

A draft is the edited document with the base document it was made against (``seen``), saved
as the admin types, on the database's background writer (kiosk.store.background_writer): its
durable commit costs 2 to 12 ms, which the UI thread never waits for. Every read of the drafts
here first waits for the writes handed over before it (``Database.flush``), so a draft saved
just before the editor was closed is found when it opens again.

"Publier" writes the merge of the published draft over the installed base
into ``tutorials`` (document, title, search rows) in one transaction, so the citizen sees all of
it or none; the base itself is kept in ``tutorials.base_document``. When a base pack is
installed again (an update, a rollback), ``ContentStore.install`` calls ``relayer`` inside its
transaction: each published edit is merged again over the new base (kiosk.core.local_edits),
field by field, and never lost.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.local_edits import Document, merge
from kiosk.store.database import Database
from kiosk.store.transactions import immediate_transaction

if TYPE_CHECKING:
    from kiosk.core.content import Pack


class PublishError(Exception):
    """The draft cannot go live; ``problems`` are French sentences for the admin."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Draft:
    """A tutorial's local edit: ``seen`` (base when edited), ``draft`` (the edited document),
    ``published`` and ``published_seen`` (None until first published)."""

    tutorial_id: str
    pack_id: str
    seen: Document
    draft: Document
    saved_at: str
    published: Document | None
    published_seen: Document | None
    published_at: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False)


class LocalEditsStore:
    """Drafts and published edits on the kiosk's database (``db``, the content's connection)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -------------------------------------------------------------------------------
    def base(self, tutorial_id: str) -> tuple[str, Document] | None:
        """(pack id, the installed base document) of a tutorial, or None if not installed."""
        row = self.db.execute(
            "SELECT pack_id, coalesce(base_document, document) FROM tutorials WHERE id = ?",
            [tutorial_id],
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def draft(self, tutorial_id: str) -> Draft | None:
        """The tutorial's local edit (after the drafts still being written), or None."""
        self.db.flush()
        row = self.db.execute(
            "SELECT tutorial_id, pack_id, seen, draft, saved_at, published, published_seen, "
            "published_at FROM local_edits WHERE tutorial_id = ?",
            [tutorial_id],
        ).fetchone()
        if row is None:
            return None
        tid, pack_id, seen, draft, saved_at, published, published_seen, published_at = row
        return Draft(
            tid,
            pack_id,
            json.loads(seen),
            json.loads(draft),
            saved_at,
            json.loads(published) if published else None,
            json.loads(published_seen) if published_seen else None,
            published_at,
        )

    def edited_ids(self) -> set[str]:
        """Tutorials with a local edit, saved or published."""
        self.db.flush()
        return {row[0] for row in self.db.execute("SELECT tutorial_id FROM local_edits")}

    def images(self, tutorial_id: str) -> dict[str, bytes]:
        rows = self.db.execute(
            "SELECT path, data FROM local_images WHERE tutorial_id = ?", [tutorial_id]
        )
        return dict(rows.fetchall())

    def image_paths(self, tutorial_id: str) -> set[str]:
        """Every image the tutorial may use: its pack's and the ones imported for it."""
        rows = self.db.execute(
            "SELECT images.path FROM images JOIN tutorials ON tutorials.pack_id = images.pack_id "
            "WHERE tutorials.id = ? UNION SELECT path FROM local_images WHERE tutorial_id = ?",
            [tutorial_id, tutorial_id],
        )
        return {row[0] for row in rows}

    # -- writing -------------------------------------------------------------------------------
    def save_draft(self, tutorial_id: str, pack_id: str, seen: Document, draft: Document) -> None:
        """Keep the draft (called a moment after each change): what was published stays.

        Returns at once: the write is committed in order on the background writer, and is
        never given up (``keep``) even while the file cannot be written for a while.
        """
        self.db.write_later(
            "INSERT INTO local_edits (tutorial_id, pack_id, seen, draft, saved_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tutorial_id) DO UPDATE SET "
            "seen = excluded.seen, draft = excluded.draft, saved_at = excluded.saved_at",
            [tutorial_id, pack_id, _dump(seen), _dump(draft), _now()],
            keep=True,
        )

    def add_image(self, tutorial_id: str, path: str, data: bytes) -> None:
        """Keep an image already checked (kiosk.core.tutorial_checks.image_problem)."""
        with immediate_transaction(self.db):
            self.db.execute(
                "INSERT OR REPLACE INTO local_images (tutorial_id, path, data) VALUES (?, ?, ?)",
                [tutorial_id, path, data],
            )

    def publish(self, tutorial_id: str) -> Document:
        """Make the saved draft live, atomically; returns the live document.

        Raises PublishError when there is no draft, the tutorial is no longer installed, or
        the base changed since the draft was made (conflicts to resolve first).
        """
        self.db.flush()  # the last draft handed to the writer, before the lock is taken
        with immediate_transaction(self.db):
            draft = self.draft(tutorial_id)
            base = self.base(tutorial_id)
            if draft is None or base is None:
                raise PublishError(["Il n'y a rien à publier pour ce tutoriel."])
            merged = merge(draft.seen, draft.draft, base[1])
            if merged.conflicts:
                raise PublishError(
                    [
                        "Le paquet de base a changé les mêmes textes : choisissez d'abord "
                        "quelle version garder."
                    ]
                )
            self.db.execute(
                "UPDATE local_edits SET published = draft, published_seen = seen, "
                "published_at = ? WHERE tutorial_id = ?",
                [_now(), tutorial_id],
            )
            self._write_live(tutorial_id, base[0], base[1], merged.document)
            self.db.execute(
                "INSERT INTO audit (at, role, action, detail) VALUES (?, 'admin', ?, ?)",
                [_now(), "tutorial_published", tutorial_id],
            )
        return merged.document

    def discard(self, tutorial_id: str) -> None:
        """Throw the kiosk's edits of a tutorial away, draft and published, atomically: the
        citizen sees the installed pack's version again. Audited as the admin's."""
        self.db.flush()  # a draft still being written would come back after the deletion
        with immediate_transaction(self.db):
            base = self.base(tutorial_id)
            if base is not None:
                pack_id, document = base
                self.db.execute(
                    "DELETE FROM images WHERE pack_id = ? AND path IN "
                    "(SELECT path FROM local_images WHERE tutorial_id = ?)",
                    [pack_id, tutorial_id],
                )
            self.db.execute("DELETE FROM local_images WHERE tutorial_id = ?", [tutorial_id])
            self.db.execute("DELETE FROM local_edits WHERE tutorial_id = ?", [tutorial_id])
            if base is not None:
                self._write_live(tutorial_id, pack_id, document, document)
                self.db.execute(
                    "UPDATE tutorials SET base_document = NULL WHERE id = ?", [tutorial_id]
                )
            self.db.execute(
                "INSERT INTO audit (at, role, action, detail) VALUES (?, 'admin', ?, ?)",
                [_now(), "tutorial_restored", tutorial_id],
            )

    def relayer(self, pack_id: str) -> None:
        """Merge each published edit of the pack over its newly installed base.

        To be called inside the transaction that installed the pack (ContentStore.install):
        ``tutorials.document`` then holds the new base. Conflicts keep the admin's value.
        """
        rows = self.db.execute(
            "SELECT local_edits.tutorial_id, published, published_seen, tutorials.document "
            "FROM local_edits JOIN tutorials ON tutorials.id = local_edits.tutorial_id "
            "WHERE tutorials.pack_id = ? AND published IS NOT NULL",
            [pack_id],
        ).fetchall()
        for tutorial_id, published, published_seen, document in rows:
            base = json.loads(document)
            try:
                merged = merge(json.loads(published_seen), json.loads(published), base)
                self._write_live(tutorial_id, pack_id, base, merged.document)
            except (KeyError, TypeError, ValueError):
                # The new base must install whatever the edit holds: this tutorial shows the
                # base until the admin opens it again (the draft is kept).
                logging.getLogger(__name__).exception("local edit of %s not merged", tutorial_id)

    def _write_live(self, tutorial_id: str, pack_id: str, base: Document, live: Document) -> None:
        """The live document and what lists and search read from it; the pack's images
        gain the tutorial's imported ones."""
        from kiosk.core.content import Tutorial
        from kiosk.store.content_store import _search_rows

        tutorial = Tutorial.from_dict(live)
        languages = self.db.execute(
            "SELECT languages FROM packs WHERE id = ?", [pack_id]
        ).fetchone()
        self.db.execute(
            "UPDATE tutorials SET document = ?, base_document = ?, title = ?, category = ?, "
            "level = ?, minutes = ?, languages = ?, step_count = ? WHERE id = ?",
            [
                _dump(tutorial.to_dict()),
                _dump(base),
                _dump(tutorial.title),
                tutorial.category,
                tutorial.level,
                tutorial.minutes,
                json.dumps(sorted(tutorial.languages())),
                len(tutorial.steps),
                tutorial_id,
            ],
        )
        self.db.execute("DELETE FROM tutorials_fts WHERE tutorial_id = ?", [tutorial_id])
        self.db.conn.executemany(
            "INSERT INTO tutorials_fts (tutorial_id, language, title, summary, keywords, body)"
            " VALUES (:tutorial_id, :language, :title, :summary, :keywords, :body)",
            [_search_rows(tutorial, language) for language in json.loads(languages[0])],
        )
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO images (pack_id, path, data) VALUES (?, ?, ?)",
            [(pack_id, path, data) for path, data in self.images(tutorial_id).items()],
        )

    # -- export --------------------------------------------------------------------------------
    def live_pack(self, pack_id: str) -> Pack:
        """The installed pack as the kiosk shows it: its tutorials with the published edits,
        its images (with the imported ones), personas and lexicon. Raises KeyError when the
        pack is not installed."""
        from kiosk.core.content import Pack, Tutorial
        from kiosk.core.practice.model import Persona

        row = self.db.execute(
            "SELECT version, title, languages, license, authors, lexicon FROM packs WHERE id = ?",
            [pack_id],
        ).fetchone()
        if row is None:
            raise KeyError(pack_id)
        version, title, languages, license_, authors, lexicon = row
        tutorials = tuple(
            Tutorial.from_dict(json.loads(document))
            for (document,) in self.db.execute(
                "SELECT document FROM tutorials WHERE pack_id = ? ORDER BY position", [pack_id]
            )
        )
        images = dict(self.db.execute("SELECT path, data FROM images WHERE pack_id = ?", [pack_id]))
        personas = {
            persona.id: persona
            for persona in (
                Persona.from_dict(json.loads(document))
                for (document,) in self.db.execute(
                    "SELECT document FROM personas WHERE pack_id = ?", [pack_id]
                )
            )
        }
        return Pack(
            id=pack_id,
            version=version,
            title=json.loads(title),
            languages=tuple(json.loads(languages)),
            license=license_,
            authors=tuple(json.loads(authors)),
            tutorials=tutorials,
            images=images,
            personas=personas,
            lexicon=json.loads(lexicon),
        )

    def export_folder(self, pack_id: str, folder: Path) -> Path:
        """Write the live pack (base plus published edits) as a pack folder that ``kiosk pack
        validate`` accepts and another kiosk imports; same id and version as installed (the
        version policy of exported packs is the pack-versions work's, issue #13)."""
        from kiosk.core.pack_writer import write_pack_folder

        return write_pack_folder(self.live_pack(pack_id), folder)
