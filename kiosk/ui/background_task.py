"""One small worker helper: blocking work on a thread of its own, its news on the UI thread.

As Anki's ``QueryOp``: the work is a plain function that never touches a widget; the screen
listens to signals, which Qt delivers on the UI thread (a queued connection, since they are
emitted from another thread). First user: importing packs (``kiosk.pack_import``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

Work = Callable[[Callable[[int, int], None]], Any]


class BackgroundTask(QObject):
    """Runs ``work(progress)`` once ``start()`` is called.

    Signals: progress(int, int) (done, in all), succeeded(object) (what ``work`` returned),
    failed(str) (a sentence; the exception goes to the log). Keep a reference to the task
    until it has finished.
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="background-task", daemon=True)
        self._thread.start()

    def wait(self, seconds: float | None = None) -> bool:
        """Whether the work is over (after waiting at most ``seconds``); for shutting down."""
        if self._thread is not None:
            self._thread.join(seconds)
            return not self._thread.is_alive()
        return True

    def _run(self) -> None:
        try:
            result = self._work(self.progress.emit)
        except Exception as error:  # the screen shows a sentence; the details go to the log
            logging.getLogger(__name__).exception("background work failed")
            self.failed.emit(f"Le travail n'a pas pu se terminer ({type(error).__name__}).")
            return
        self.succeeded.emit(result)
