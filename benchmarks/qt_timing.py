"""Timing in a Qt event loop: a window's first frame, the end of the next frame, a signal.

The child processes and the in-process measures use the same hooks, so the kiosk and its
references are always timed the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

# The line a child process prints on stdout once its first frame is painted.
READY_LINE = "first-frame-painted"
# The line it prints last: its peak resident memory, in KiB.
PEAK_MEMORY_PREFIX = "peak-memory-kib:"
WARM_UP_PREFIX = "warm-up-ms:"  # then the duration of each step built after the first frame
TIMEOUT_MS = 20_000


class FirstPaintWatcher(QObject):
    """Calls ``on_painted`` once, when the event loop is free again after the first paint.

    The window's first Paint event arrives while Qt paints the whole frame (the window, then its
    children, then the flush to the screen) in one go; a zero timer started then fires only
    when that frame is finished and the loop is ready for a touch.
    """

    def __init__(self, window: QWidget, on_painted: Callable[[], None]) -> None:
        super().__init__(window)
        self._on_painted = on_painted
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._on_painted)
        return False


def announce_first_paint() -> None:
    """Tell the parent process; it stops its clock when it reads this line."""
    print(READY_LINE, flush=True)


def announce_peak_memory() -> None:
    """Tell the parent this process's peak resident memory, just before exiting.

    ``VmHWM`` counts only this program's memory. The ``ru_maxrss`` that ``wait4`` gives the
    parent is no good here: Linux carries the spawning process's peak over ``exec``, so every
    child would look at least as big as the benchmark process itself.
    """
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    print(PEAK_MEMORY_PREFIX, line.split()[1], flush=True)
                    return
    except OSError:
        pass
    print(PEAK_MEMORY_PREFIX, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)


def run_until(quit_with: Callable[[QEventLoop], None], timeout_ms: int = TIMEOUT_MS) -> None:
    """Run a local event loop; ``quit_with``, called from inside it, arranges for it to quit.

    Calling it from inside the loop means a quit can never come before the loop runs.
    """
    loop = QEventLoop()
    guard = QTimer(singleShot=True, interval=timeout_ms)
    guard.timeout.connect(lambda: loop.exit(1))
    guard.start()
    QTimer.singleShot(0, lambda: quit_with(loop))
    code = loop.exec()
    guard.stop()
    if code != 0:
        raise TimeoutError(f"nothing happened within {timeout_ms} ms")


def wait_for_signal(
    signal: SignalInstance, action: Callable[[], None] = lambda: None, timeout_ms: int = TIMEOUT_MS
) -> float:
    """Do ``action``, run the loop until ``signal`` comes, and return when it came."""
    emitted: list[float] = []

    def record(*_args: object) -> None:
        if not emitted:
            emitted.append(time.perf_counter())

    signal.connect(record)
    try:

        def start(loop: QEventLoop) -> None:
            signal.connect(loop.quit)
            action()

        run_until(start, timeout_ms)
    finally:
        signal.disconnect(record)
    return emitted[0]


def wait_for_first_paint(window: QWidget) -> None:
    """Show ``window`` and return once its first frame is painted."""
    run_until(lambda loop: (FirstPaintWatcher(window, loop.quit), window.show()))


def drain_events() -> None:
    """Let queued work (layouts, deferred deletes, late signals) finish before the next measure."""
    app = QApplication.instance()
    for _ in range(3):
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


class FrameClock(QObject):
    """Times an action (a click) until the end of the next frame painted in ``window``.

    While armed, an application-wide event filter watches Paint events of the window's widgets;
    the first one starts a zero timer, which fires once Qt has painted and flushed that whole
    frame. The filter costs a few microseconds per event, in the kiosk and the reference alike.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self._window = window
        self._armed = False
        self._start = 0.0
        self._frame_end = 0.0
        self._loop: QEventLoop | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._armed
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._armed = False
            QTimer.singleShot(0, self._frame_done)
        return False

    def _frame_done(self) -> None:
        self._frame_end = time.perf_counter()
        if self._loop is not None:
            self._loop.quit()

    def time(self, action: Callable[[], None]) -> float:
        """Seconds from just before ``action`` to the end of the frame that follows it."""
        app = QApplication.instance()
        self._frame_end = 0.0
        app.installEventFilter(self)
        try:

            def start(loop: QEventLoop) -> None:
                self._loop = loop
                self._armed = True
                self._start = time.perf_counter()
                action()

            run_until(start, 5_000)
        finally:
            app.removeEventFilter(self)
            self._armed, self._loop = False, None
        return self._frame_end - self._start
