"""``kiosk settings list|get|set``: the kiosk's settings from the command line.

Generated from the one declarative list (kiosk.core.settings: labels, help, groups, ranges),
like the admin screen. ``list`` and ``get`` print on stdout (a script can read ``get``);
sentences go to stderr. Exit code 0 when done, 1 when nothing was changed; never a traceback.
A change is audited with ``by="command line"``. A kiosk already running gets the new value
when it reads the setting again (most are read at each visit), at the latest at its next start.
"""

from __future__ import annotations

import contextlib
import difflib
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from kiosk.core.settings import SETTINGS, by_group

AUDIT_BY = "command line"


def unknown_key_sentence(key: str) -> str:
    """The French sentence for a key that is not a setting, with the closest one if any."""
    close = difflib.get_close_matches(key, list(SETTINGS), n=1)
    hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
    return (
        f"« {key} » n'est pas un réglage.{hint} "
        "Tapez « kiosk settings list » pour voir tous les réglages."
    )


def run_settings_command(
    command: str,
    key: str | None,
    value: str | None,
    database: Path,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run ``list``, ``get KEY`` or ``set KEY VALUE`` on the database file; the exit code."""
    from kiosk.command_database import open_for_command
    from kiosk.store.settings_store import SettingsStore

    out, err = out or sys.stdout, err or sys.stderr
    if key is not None and key not in SETTINGS:
        print(unknown_key_sentence(key), file=err)
        return 1
    db = open_for_command(database, err)
    if db is None:
        return 1
    try:
        store = SettingsStore(db)
        if command == "list":
            for group, settings in by_group():
                if not settings:
                    continue
                print(group, file=out)
                for setting in settings:
                    shown = setting.shown(store.get(setting.key))
                    print(f"  {setting.key} = {shown}    ({setting.label})", file=out)
                    print(f"      {setting.help}", file=out)
            return 0
        assert key is not None
        setting = SETTINGS[key]
        if command == "get":
            print(setting.shown(store.get(key)), file=out)
            return 0
        try:
            parsed = store.set(key, value, by=AUDIT_BY)
        except ValueError as error:
            print(f"{error} Rien n'a été changé.", file=err)
            return 1
        print(f"Réglage changé : {setting.label} = {setting.shown(parsed)}.", file=err)
        return 0
    except (sqlite3.Error, OSError) as error:
        print(f"La base de données n'a pas pu être lue ou écrite ({error}).", file=err)
        return 1
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()
