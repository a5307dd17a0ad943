"""The last versions of each pack, kept so that one touch rolls back to the one before.

Each kept version holds the files the kiosk read from the pack, as a zip: a rollback reads and
installs exactly the same pack again (same checks, same content), never an approximation.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from kiosk.store.database import Database

KEPT_VERSIONS = 3
"""Versions kept per pack, the installed one included: two to roll back to (issue #13)."""


class KeptVersion(NamedTuple):
    """One kept version: ``installed_at`` (ISO UTC, last time it was installed), ``signed_by``
    (a key id, or None when unsigned), ``tutorials`` (how many), ``installed`` (it is the one
    in use)."""

    pack_id: str
    version: int
    installed_at: str
    signed_by: str | None
    tutorials: int
    installed: bool


def keep_version(
    connection: sqlite3.Connection,
    pack_id: str,
    version: int,
    installed_at: str,
    signed_by: str | None,
    tutorials: int,
    archive: bytes,
) -> None:
    """Record a version just installed, inside the caller's transaction; forget the oldest
    beyond KEPT_VERSIONS (by order of installation: a rollback makes a version the latest)."""
    (turn,) = connection.execute(
        "SELECT coalesce(max(turn), 0) + 1 FROM pack_versions WHERE pack_id = ?", [pack_id]
    ).fetchone()
    connection.execute(
        "INSERT OR REPLACE INTO pack_versions "
        "(pack_id, version, installed_at, turn, signed_by, tutorials, archive) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [pack_id, version, installed_at, turn, signed_by, tutorials, archive],
    )
    connection.execute(
        "DELETE FROM pack_versions WHERE pack_id = ? AND turn NOT IN "
        "(SELECT turn FROM pack_versions WHERE pack_id = ? ORDER BY turn DESC LIMIT ?)",
        [pack_id, pack_id, KEPT_VERSIONS],
    )


class PackVersionsStore:
    """Reads the kept versions; they are written by ContentStore.install."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def versions(self, pack_id: str) -> list[KeptVersion]:
        """The kept versions of a pack, the latest installed first."""
        rows = self.db.execute(
            "SELECT v.pack_id, v.version, v.installed_at, v.signed_by, v.tutorials, "
            "p.version IS NOT NULL FROM pack_versions v "
            "LEFT JOIN packs p ON p.id = v.pack_id AND p.version = v.version "
            "WHERE v.pack_id = ? ORDER BY v.turn DESC",
            [pack_id],
        ).fetchall()
        return [KeptVersion(*row[:5], bool(row[5])) for row in rows]

    def archive(self, pack_id: str, version: int) -> bytes | None:
        """The kept files of a version, as a zip; None when that version is not kept."""
        row = self.db.execute(
            "SELECT archive FROM pack_versions WHERE pack_id = ? AND version = ?",
            [pack_id, version],
        ).fetchone()
        return row[0] if row else None

    def previous(self, pack_id: str) -> KeptVersion | None:
        """The version installed before the one in use (what a rollback goes back to)."""
        return next((v for v in self.versions(pack_id) if not v.installed), None)
