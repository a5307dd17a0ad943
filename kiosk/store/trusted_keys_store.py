"""The public keys whose signed packs this kiosk accepts (``kiosk pack trust``)."""

from __future__ import annotations

import time

from kiosk.core.pack_signature import TrustedKey
from kiosk.core.pins import AuditEntry
from kiosk.store.audit_store import iso_time, write_audit
from kiosk.store.database import Database
from kiosk.store.transactions import immediate_transaction


class TrustedKeysStore:
    """Reads and changes the trusted keys; every change is audited in the same transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def trusted(self) -> list[TrustedKey]:
        """Every trusted key, in the order they were added."""
        rows = self.db.execute(
            "SELECT key_id, public_key, name FROM trusted_keys ORDER BY added_at, key_id"
        ).fetchall()
        return [TrustedKey(*row) for row in rows]

    def trust(self, key: TrustedKey, by: str) -> bool:
        """Trust ``key`` (``by``: who, for the audit); False when it was trusted already."""
        with immediate_transaction(self.db):
            known = self.db.execute(
                "SELECT 1 FROM trusted_keys WHERE key_id = ?", [key.key_id]
            ).fetchone()
            if known:
                return False
            now = time.time()
            self.db.execute(
                "INSERT INTO trusted_keys (key_id, public_key, name, added_at) VALUES (?, ?, ?, ?)",
                [key.key_id, key.public_key, key.name, iso_time(now)],
            )
            write_audit(
                self.db.conn, AuditEntry(by, "pack key trusted", f"{key.key_id} {key.name}"), now
            )
        return True

    def distrust(self, key_id: str, by: str) -> bool:
        """Stop trusting a key; False when it was not trusted. Installed packs stay."""
        with immediate_transaction(self.db):
            gone = self.db.execute("DELETE FROM trusted_keys WHERE key_id = ?", [key_id]).rowcount
            if gone:
                write_audit(self.db.conn, AuditEntry(by, "pack key removed", key_id), time.time())
        return bool(gone)
