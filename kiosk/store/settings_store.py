"""Settings kept in the database, read through the declarative list in core.settings."""

from __future__ import annotations

from typing import Any

from kiosk.core.settings import SETTINGS
from kiosk.store.database import Database


class SettingsStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> Any:
        setting = SETTINGS[key]
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row is None:
            return setting.default
        try:
            return setting.parse(row[0])
        except ValueError:
            return setting.default

    def set(self, key: str, value: Any) -> None:
        parsed = SETTINGS[key].parse(value)
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, str(parsed)],
        )
