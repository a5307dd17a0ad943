"""Starting the kiosk window, and keeping it alive for years.

In order: a display that answers (``display``), the log (``logs``), one kiosk per database
(``single_instance``), the database (a file SQLite cannot read is set aside, ``kiosk.store.damage``,
and a fresh one gets the built-in content), the window and the crash handler; then, after the
first frame, the log file, SQLite's quick check of every page (a damaged file is set aside and
the kiosk starts again on a fresh one) and the retention job (``kiosk.store.retention``). Each
refusal is one sentence on stderr and exit code 1.

The stores are imported before Qt: PySide6 inspects the source of every module imported after
it, which would make their import slower.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app.display import display_problem
from kiosk.app.logs import EarlyRecords, close_log_file, open_log_file, start_logging
from kiosk.builtin_content import ensure_builtin_content
from kiosk.store.activity_store import ActivityStore
from kiosk.store.content_store import ContentStore
from kiosk.store.damage import damage_found
from kiosk.store.database import (
    DamagedDatabaseError,
    Database,
    DatabaseError,
    default_database_path,
    disk_full_sentence,
    is_damage,
    is_disk_full,
    open_database,
)
from kiosk.store.settings_store import SettingsStore

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk.app.crash_handler import CrashHandler
    from kiosk.app.single_instance import KioskLock
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
AFTER_START_MS = 1_000  # the log file and the damage check: after the screens' warm-up
DAMAGE_POLL_MS = 50
RETENTION_DELAY_MS = 60_000  # a minute after start, then once a day
RETENTION_PERIOD_MS = 24 * 3600 * 1000


def run_kiosk(
    args: argparse.Namespace, on_window: Callable[[MainWindow], None] | None = None
) -> int:
    """Run the kiosk window until it is closed; the process's exit code.

    ``args`` has ``db`` (a Path or None: the user data folder), ``lang`` and ``kiosk``.
    ``on_window`` is called with each window built (tests and scripted runs drive it).
    """
    problem = display_problem(os.environ)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    early = start_logging()
    path = Path(args.db or default_database_path())
    with contextlib.suppress(OSError):  # open_database says why, in a sentence
        path.parent.mkdir(parents=True, exist_ok=True)
    from kiosk.app.single_instance import KioskLock, already_running_sentence

    lock = KioskLock(path)
    taken: list[bool | OSError] = []
    locker = threading.Thread(target=_take, args=(lock, taken), name="kiosk-lock")
    locker.start()
    # Qt's widgets and the window's modules load meanwhile: QLockFile syncs the lock file to
    # disk (fdatasync), 1 ms here and 10-20 ms on an old hard disk, at every start.
    import kiosk.ui.application  # noqa: F401

    locker.join()
    acquired = taken[0]
    if isinstance(acquired, OSError):
        print(lock_refusal(path, acquired), file=sys.stderr)
        return 1
    if not acquired:
        print(already_running_sentence(path, lock.holder()), file=sys.stderr)
        return 1
    try:
        return KioskRun(path, args, early, on_window).run()
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        lock.release()


def lock_refusal(path: Path, error: OSError) -> str:
    """Why the lock file beside ``path`` cannot be written, as a sentence."""
    if disk_is_full(path.parent):
        return disk_full_sentence(path)
    try:
        open_database(path).close()  # its sentence names the cause best (rights, a folder…)
    except DatabaseError as refusal:
        return str(refusal)
    return f"Pas à pas ne peut pas écrire à côté de sa base de données ({error})."


def disk_is_full(folder: Path, margin: int = 64 * 1024) -> bool:
    """True when fewer than ``margin`` bytes are left to this user on ``folder``'s disk.

    ``shutil.disk_usage``: statvfs's space available to unprivileged users, on any system.
    """
    import shutil

    try:
        return shutil.disk_usage(folder).free < margin
    except OSError:
        return False


def _take(lock: KioskLock, taken: list[bool | OSError]) -> None:
    try:
        taken.append(lock.acquire())
    except OSError as error:
        taken.append(error)


def open_with_content(path: Path) -> Database:
    """The database at ``path`` with the built-in content, a damaged file set aside first.

    Raises DatabaseError (or DiskFullError) with a sentence when the kiosk cannot start.
    """
    for attempt in (1, 2):
        try:
            db = open_database(path)
        except DamagedDatabaseError as error:
            if attempt == 2:
                raise
            set_damaged_file_aside(path, str(error.__cause__ or error))
            continue
        try:
            ensure_builtin_content(ContentStore(db))
        except Exception as error:
            db.close()
            if is_disk_full(error):
                raise DatabaseError(disk_full_sentence(path)) from error
            if attempt == 2 or not is_damage(error):
                raise
            set_damaged_file_aside(path, str(error))
            continue
        log_closed_modes(db)  # the admin reads in the log how to open the closed modes
        return db
    raise AssertionError("unreachable")


def log_closed_modes(db: Database) -> None:
    """Say in the log which modes stay closed for want of a PIN, and the command that opens
    them (issue #12)."""
    from kiosk.pin_command import closed_modes_notice
    from kiosk.store.pin_store import PinStore

    try:
        roles = PinStore(db).roles_with_pin()
    except sqlite3.Error:  # a damaged file: the quick check after the first frame says so
        return
    notice = closed_modes_notice(roles)
    if notice:
        log.warning(notice)


def set_damaged_file_aside(path: Path, finding: str) -> Path:
    """Rename the damaged file beside itself and log why; DatabaseError if it cannot be."""
    from kiosk.store.damage import set_aside

    try:
        aside = set_aside(path)
    except OSError as error:
        log.error(
            "The database %s is damaged (%s) and cannot be set aside: %s", path, finding, error
        )
        raise DatabaseError(
            f"La base de données {path} est abîmée, et Pas à pas ne peut pas la mettre de côté "
            f"({error.strerror}). Vérifiez les droits du dossier {path.parent}, "
            "ou choisissez une autre base avec --db."
        ) from error
    log.error(
        "The database %s is damaged (%s). It was set aside, kept for the admin, as %s; "
        "the kiosk goes on with a fresh database and the built-in content.",
        path,
        finding,
        aside,
    )
    return aside


class DamageCheck:
    """SQLite's quick check of the file, on a thread of its own, started after the first frame.

    It reads every page: 3.5 ms per MB alone, 25 ms and more for the built-in content when it
    ran beside Qt's start (both cores busy), and more again on a file with months of events.
    Every start paid it before the welcome screen; now the welcome screen shows first, and a
    damage found a moment later starts the kiosk again on a fresh file, as a damage found by a
    query does. ``finding`` is None while running or when the file is sound.
    """

    def __init__(self, path: Path) -> None:
        self.finding: str | None = None
        self._thread = threading.Thread(
            target=self._check, args=(path,), name="damage-check", daemon=True
        )
        self._thread.start()

    def _check(self, path: Path) -> None:
        self.finding = damage_found(path)

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()


class KioskRun:
    """One run of the kiosk on one database: its window, and a new start if the file breaks."""

    def __init__(
        self,
        path: Path,
        args: argparse.Namespace,
        early: EarlyRecords,
        on_window: Callable[[MainWindow], None] | None,
    ) -> None:
        self.path = path
        self.args = args
        self._early = early
        self._on_window = on_window
        self._log_file: logging.Handler | None = None
        self._restart_on_fresh_file = False
        self._damage_finding = ""
        self._interrupted_visit = False  # the next window tells the person, calmly
        self._damage_check: DamageCheck | None = None
        self._retention: threading.Thread | None = None
        self.db: Database | None = None
        self.window: MainWindow | None = None

    def run(self) -> int:
        self.db = open_with_content(self.path)
        from kiosk.ui.application import create_application

        app = create_application()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(AFTER_START_MS, self._after_start)
        retention = QTimer(app)
        retention.timeout.connect(self._start_retention)
        QTimer.singleShot(RETENTION_DELAY_MS, self._start_retention)
        retention.start(RETENTION_PERIOD_MS)
        try:
            while True:
                code = self._run_window(app)
                if not self._restart_on_fresh_file:
                    return code
                self._restart_on_fresh_file = False
                set_damaged_file_aside(self.path, self._damage_finding)
                self.db = open_with_content(self.path)
        finally:
            retention.stop()
            if self._log_file is None and self._early.records:  # a short run that logged
                self._open_log_file()
            close_log_file(self._log_file)

    def _build_window(self) -> MainWindow:
        from kiosk.ui.application import create_window

        assert self.db is not None
        window = create_window(
            ContentStore(self.db),
            ActivityStore(self.db),
            SettingsStore(self.db),
            kiosk_mode=self.args.kiosk,
            language=self.args.lang,
        )
        self.window = window
        inject_test_fault(window)
        if self._interrupted_visit:
            from kiosk.app.crash_handler import calm_sentence

            self._interrupted_visit = False
            window.recover_from_error(calm_sentence())
        if self._on_window is not None:
            self._on_window(window)
        return window

    def _rebuild_window(self) -> MainWindow:
        old = self.window
        if old is not None:
            old.services.speech.shutdown()
            old.hide()
            old.deleteLater()
        return self._build_window()

    def _run_window(self, app: QApplication) -> int:
        from kiosk.app.crash_handler import CrashHandler

        window = self._build_window()
        handler = CrashHandler(window, self._rebuild_window, self._on_damaged_database)
        handler.install()
        try:
            code = app.exec()
        finally:
            handler.uninstall()
            self._close_window(handler)
        return code

    def _close_window(self, handler: CrashHandler) -> None:
        import shiboken6

        window = handler.window
        window.services.speech.shutdown()
        window.hide()
        # Now, not later: its pending timers (the screens' warm-up) must not run on a closed
        # database when the loop starts again on a fresh file.
        shiboken6.delete(window)
        assert self.db is not None
        self.db.close()  # the last events are written before the process ends
        self.db = None

    def _on_damaged_database(self, error: BaseException) -> None:
        """A query met a damaged page: start again on a fresh file."""
        log.error("The database turned out damaged while running (%s); starting again.", error)
        self._start_again_on_fresh_file(f"found while running: {error}", interrupted=True)

    def _start_again_on_fresh_file(self, finding: str, interrupted: bool) -> None:
        """Leave the event loop; ``run`` sets the file aside and builds a new window."""
        from PySide6.QtWidgets import QApplication

        self._restart_on_fresh_file = True
        self._damage_finding = finding
        self._interrupted_visit = interrupted
        QApplication.exit(0)

    def _after_start(self) -> None:
        """Once the welcome screen is up and the screens are built: the log file, the check."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self._open_log_file()
        self._damage_check = DamageCheck(self.path)
        poll = QTimer(QApplication.instance())
        poll.setInterval(DAMAGE_POLL_MS)
        poll.timeout.connect(lambda: self._on_damage_check(poll))
        poll.start()

    def _on_damage_check(self, poll) -> None:
        check = self._damage_check
        if check is None or not check.done:
            return
        poll.stop()
        self._damage_check = None
        if check.finding is not None:
            visiting = self.window is not None and self.window.session.active
            self._start_again_on_fresh_file(check.finding, interrupted=visiting)

    def _open_log_file(self) -> None:
        if self._log_file is None:
            self._log_file = open_log_file(self.path.parent, self._early)

    def _start_retention(self) -> None:
        """Fold old details into daily totals on a thread (never two runs at once)."""
        if self.db is None or (self._retention is not None and self._retention.is_alive()):
            return
        months = SettingsStore(self.db).get("detailed_events_months")
        self._retention = threading.Thread(
            target=_retain, args=(self.path, months), name="retention", daemon=True
        )
        self._retention.start()


def _retain(path: Path, months: int) -> None:
    import sqlite3

    from kiosk.store.retention import run_retention

    try:
        run_retention(path, months)
    except sqlite3.Error as error:  # a locked or full file: the next run tries again
        log.warning("Retention could not run (%s); it will try again tomorrow.", error)


def inject_test_fault(window: MainWindow) -> None:
    """For the packaging tests: ``KIOSK_TEST_FAULT=abort`` crashes the process (SIGABRT) and
    ``KIOSK_TEST_FAULT=admin-exit`` leaves by the admin exit, once the window is shown.
    """
    fault = os.environ.get("KIOSK_TEST_FAULT")
    if fault not in ("abort", "admin-exit"):
        return
    from PySide6.QtCore import QTimer

    QTimer.singleShot(1500, os.abort if fault == "abort" else window.admin_exit)
