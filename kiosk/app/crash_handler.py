"""An unexpected fault never leaves a frozen screen: log it, say a calm sentence, start again.

PySide6 hands an exception raised in a slot or an overridden event handler to
``sys.excepthook`` and carries on; by default the traceback goes to stderr, which nobody
reads at a kiosk, and the screen stays where the fault left it, often half updated and deaf
to touches. This hook logs the fault with its traceback (the log file is the admin's), then,
once the event loop is back, ends the visit and shows the welcome screen with a sentence that
blames nobody (``MainWindow.recover_from_error``). If that fails too, or faults keep coming
(a screen that raises at every paint), the window is built again; if even that fails, the
kiosk quits with ``EXIT_FAULT`` so that its service manager starts it again.

A fault in another thread is only logged: threads never touch widgets.

A damaged database found while running ("database disk image is malformed") cannot be fixed
by a new visit: the handler asks for a restart on a fresh file (``restart_requested``), which
``kiosk.app.start`` does after setting the damaged one aside.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.i18n import _

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
EXIT_FAULT = 70  # EX_SOFTWARE in BSD's sysexits.h: an internal software error
STORM_FAULTS = 5  # this many faults…
STORM_SECONDS = 10.0  # …within this time: recovering to the welcome screen is not enough


def calm_sentence() -> str:
    """What the person reads after a fault: nothing is their fault, and they can go on."""
    return _(
        "Désolé, un problème est survenu. Ce n'est pas de votre faute. Vous pouvez recommencer."
    )


class CrashHandler:
    """Installed as ``sys.excepthook`` and ``threading.excepthook`` while the kiosk runs.

    ``window`` is the window to bring back; ``rebuild_window`` builds a new one when it cannot
    be brought back (it returns the new window); ``on_damaged_database`` is called once when
    SQLite reports the file damaged. ``faults`` counts what was handled.
    """

    def __init__(
        self,
        window: MainWindow,
        rebuild_window: Callable[[], MainWindow] | None = None,
        on_damaged_database: Callable[[BaseException], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window = window
        self._rebuild_window = rebuild_window
        self._on_damaged_database = on_damaged_database
        self._clock = clock
        self._recent: list[float] = []
        self._recovery_pending = False
        self.faults = 0
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        """Log the fault, then recover once the event loop is back (never inside the fault)."""
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.faults += 1
        log.error("Unexpected fault, the visit ends.", exc_info=(kind, error, traceback))
        from kiosk.store.database import is_damage

        if is_damage(error) and self._on_damaged_database is not None:
            damaged, self._on_damaged_database = self._on_damaged_database, None
            damaged(error)
            return
        now = self._clock()
        self._recent = [t for t in self._recent if now - t < STORM_SECONDS] + [now]
        if not self._recovery_pending:
            self._recovery_pending = True
            QTimer.singleShot(0, self._recover)

    def _handle_thread(self, arguments: threading.ExceptHookArgs) -> None:
        log.error(
            "Unexpected fault in the thread %s.",
            arguments.thread.name if arguments.thread else "?",
            exc_info=(arguments.exc_type, arguments.exc_value, arguments.exc_traceback),
        )

    def _recover(self) -> None:
        self._recovery_pending = False
        if len(self._recent) < STORM_FAULTS:
            try:
                self.window.recover_from_error(calm_sentence())
                return
            except Exception:
                log.exception("The window could not go back to the welcome screen.")
        self._recent.clear()
        if self._rebuild_window is not None:
            try:
                self.window = self._rebuild_window()  # which disposes of the old one
                self.window.recover_from_error(calm_sentence())
                log.warning("The window was built again after repeated faults.")
                return
            except Exception:
                log.exception("The window could not be built again.")
        log.critical("The kiosk stops after repeated faults (exit code %d).", EXIT_FAULT)
        QApplication.exit(EXIT_FAULT)
