"""A real kiosk process, started as ``kiosk --db PATH`` starts it, walking scripted visits.

Run by the tests as ``python tests/kiosk_driver.py --db PATH [--visits N]``. It prints
``READY`` once the window is shown, then, after each whole visit (welcome → a tutorial read
step by step → "Bravo !" → Terminer) is committed to the database, ``VISIT <session id>``.
With ``--visits 0`` it walks visits until it is killed; with ``--idle`` it walks none and waits.
Everything goes through ``kiosk.app.start.run_kiosk``: the lock, the damage check, the log.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.app.start import run_kiosk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--visits", type=int, default=1, help="0: until killed")
    parser.add_argument("--idle", action="store_true", help="walk no visit, wait")
    parser.add_argument(
        "--after-restart",
        action="store_true",
        help="walk visits only in the second window (after a damaged file is set aside)",
    )
    parser.add_argument("--tutorial", default="franceconnect")
    parser.add_argument(
        "--damage-once",
        action="store_true",
        help="first damage the file's tutorials and read them in a slot, as a failing disk would",
    )
    args = parser.parse_args()
    windows = 0

    def drive(window) -> None:
        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        def press(button) -> None:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

        done = 0

        def visit() -> None:
            nonlocal done
            press(window.welcome.start_button)
            window.start_tutorial(args.tutorial)
            player = window.player
            while window.current_screen() is player:
                press(player.next_button)
            if window.current_screen() is not window.completion:
                raise RuntimeError("the visit did not reach the completion screen")
            press(window.finish_button)
            window.services.activity.db.flush()
            done += 1
            print("VISIT", last_session_id(window), flush=True)
            if args.visits and done >= args.visits:
                QApplication.quit()
            else:
                QTimer.singleShot(0, visit)

        nonlocal windows
        windows += 1
        print("READY", flush=True)
        if args.damage_once and windows == 1:
            QTimer.singleShot(0, lambda: damage_and_read(args.db))
        elif not args.idle and not (args.after_restart and windows == 1):
            QTimer.singleShot(0, visit)

    return run_kiosk(argparse.Namespace(db=args.db, lang=None, kiosk=False), on_window=drive)


def damage_and_read(path: Path) -> None:
    """Overwrite the first page of the tutorials with zeros, then read them: SQLite's error."""
    import sqlite3

    finder = sqlite3.connect(path)
    (page,) = finder.execute(
        "SELECT min(pageno) FROM dbstat WHERE name = 'tutorials' AND pagetype = 'leaf'"
    ).fetchone()
    finder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finder.close()
    with path.open("r+b") as file:
        file.seek((page - 1) * 4096)
        file.write(b"\xff" * 4096)
    reader = sqlite3.connect(path)  # a new connection: no page of it in memory yet
    reader.execute("SELECT * FROM tutorials").fetchall()  # raises in this slot


def last_session_id(window) -> int:
    """The id SQLite gave the last session, read after the writer's flush."""
    (session_id,) = window.services.activity.db.execute("SELECT max(id) FROM sessions").fetchone()
    return session_id


if __name__ == "__main__":
    sys.exit(main())
