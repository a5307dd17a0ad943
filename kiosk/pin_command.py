"""``kiosk pin set mediator|admin`` and ``kiosk pin status``: the PINs from the command line.

Until a role has a PIN its mode stays closed; this is how the first PINs are given (issue #12),
and how a locked-out mediator is let back in. Messages are French sentences on stderr, exit
code 0 when done and 1 when nothing was changed; never a traceback.
"""

from __future__ import annotations

import contextlib
import getpass
import sqlite3
import sys
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TextIO

from kiosk.core.pins import ROLE_NAMES, ROLES, PinBook, PinRefusedError

NOTHING_CHANGED = "Rien n'a été changé."


def closed_modes_notice(roles_with_pin: Collection[str]) -> str | None:
    """The log line of a start where some modes have no PIN (so stay closed); None if all do."""
    missing = [role for role in ROLES if role not in roles_with_pin]
    if not missing:
        return None
    names = " et ".join(ROLE_NAMES[role] for role in missing)
    commands = " ; ".join(f"kiosk pin set {role}" for role in missing)
    if len(missing) > 1:
        return f"Modes {names} fermés : aucun code n'est défini. Pour les ouvrir : {commands}"
    return f"Mode {names} fermé : aucun code n'est défini. Pour l'ouvrir : {commands}"


def read_new_pin(
    from_stdin: bool, stdin: TextIO, ask: Callable[[str], str] = getpass.getpass
) -> str | None:
    """The new PIN: one line of ``stdin`` (scripts), or typed twice unseen; None if the two
    differ (already said on stderr)."""
    if from_stdin:
        return stdin.readline().rstrip("\r\n")
    first = ask("Nouveau code (de 4 à 8 chiffres, il ne s'affiche pas) : ")
    second = ask("Tapez-le encore une fois : ")
    if first != second:
        print(f"Les deux codes ne sont pas les mêmes. {NOTHING_CHANGED}", file=sys.stderr)
        return None
    return first


def run_pin_command(
    command: str,
    role: str | None,
    database: Path,
    from_stdin: bool = False,
    stdin: TextIO | None = None,
    ask: Callable[[str], str] = getpass.getpass,
) -> int:
    """``set`` a role's PIN (with an audit row), or print the ``status`` of every role."""
    from kiosk.command_database import open_for_command
    from kiosk.store.pin_store import PinStore

    db = open_for_command(database)
    if db is None:
        return 1
    try:
        book = PinBook(PinStore(db))
        if command == "status":
            print_status(book)
            return 0
        assert role is not None
        try:
            pin = read_new_pin(from_stdin, stdin or sys.stdin, ask)
        except (EOFError, KeyboardInterrupt):
            print(f"\nAucun code n'a été tapé. {NOTHING_CHANGED}", file=sys.stderr)
            return 1
        if pin is None:
            return 1
        had_pin = book.has_pin(role)
        book.set_pin(role, pin, by="command_line")
    except PinRefusedError as error:
        print(f"{error} {NOTHING_CHANGED}", file=sys.stderr)
        return 1
    except (sqlite3.Error, OSError) as error:
        print(
            f"La base de données {database} n'a pas pu enregistrer le code ({error}). "
            f"{NOTHING_CHANGED}",
            file=sys.stderr,
        )
        return 1
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()
    name = ROLE_NAMES[role]
    done = "changé" if had_pin else "enregistré"
    print(f"Le code {name} est {done}. Le mode {name} peut s'ouvrir avec ce code.", file=sys.stderr)
    return 0


def print_status(book: PinBook, now: float | None = None) -> None:
    """One line per role on stdout: no PIN (closed), locked until when, or ready."""
    now = time.time() if now is None else now
    for role in ROLES:
        state = book.status(role, now)
        name = ROLE_NAMES[role].capitalize()
        if state.no_pin:
            print(f"{name} : aucun code, le mode est fermé. Pour l'ouvrir : kiosk pin set {role}")
        elif state.locked_until > now:
            until = time.strftime("%H:%M:%S", time.localtime(state.locked_until))
            print(
                f"{name} : bloqué après trop d'essais, jusqu'à {until}. "
                f"Pour débloquer tout de suite : kiosk pin set {role}"
            )
        else:
            tries = f"{state.tries_left} essai{'s' if state.tries_left > 1 else ''}"
            print(f"{name} : code défini ({tries} avant blocage).")
