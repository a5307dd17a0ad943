"""Settings kept in the database, read through the declarative list in core.settings."""

from __future__ import annotations

import time
from typing import Any

from kiosk.core.pins import AuditEntry
from kiosk.core.settings import SETTINGS, SettingListener
from kiosk.store.audit_store import write_audit
from kiosk.store.database import Database
from kiosk.store.transactions import immediate_transaction


class SettingsStore:
    """Reads and changes settings; tells its listeners after each change.

    Listeners (``listen``) are how a new idle time or speech rate applies at once: the window
    listens and re-reads what changed.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._listeners: list[SettingListener] = []
        self._data_version: int | None = None
        self._stored: dict[str, str] = {}

    def get(self, key: str) -> Any:
        """The value of ``key`` (the default when unset or unreadable); KeyError if unknown."""
        setting = SETTINGS[key]
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row is None:
            return setting.default
        try:
            return setting.parse(row[0])
        except ValueError:
            return setting.default

    def set(self, key: str, value: Any, by: str | None = None) -> Any:
        """Store ``value`` for ``key`` and return it parsed.

        ``by`` is the role changing it ("admin", "command line"); when given, the change is
        written to the audit table in the same transaction (secrets are never written there).
        Raises KeyError for an unknown key, ValueError (a French sentence) for a bad value.
        """
        setting = SETTINGS[key]
        parsed = setting.parse(value)
        with immediate_transaction(self.db):
            self.db.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, str(parsed)],
            )
            if by is not None:
                detail = f"{key} = {setting.shown(parsed)}"
                write_audit(self.db.conn, AuditEntry(by, "setting changed", detail), time.time())
        self._stored[key] = str(parsed)
        self._tell(key, parsed)
        return parsed

    def _tell(self, key: str, value: Any) -> None:
        for listener in list(self._listeners):
            listener(key, value)

    def notice_outside_changes(self) -> list[str]:
        """Tell the listeners about settings changed by another process (``kiosk settings
        set`` while the kiosk runs) since the last call; return their keys.

        Cheap when nothing changed: one ``PRAGMA data_version``, which moves only when another
        connection commits (https://sqlite.org/pragma.html#pragma_data_version). The first
        call only takes note of the values stored.
        """
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version == self._data_version:
            return []
        first = self._data_version is None
        self._data_version = version
        rows = dict(self.db.execute("SELECT key, value FROM settings").fetchall())
        changed = [
            key for key in SETTINGS if key in rows or key in self._stored
            if rows.get(key) != self._stored.get(key)
        ]  # fmt: skip
        self._stored = rows
        if first:
            return []
        for key in changed:
            self._tell(key, self.get(key))
        return changed

    def listen(self, listener: SettingListener) -> None:
        """Call ``listener(key, value)`` after every change made through this store."""
        self._listeners.append(listener)
