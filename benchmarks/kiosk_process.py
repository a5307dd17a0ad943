"""The kiosk started exactly as ``kiosk --db PATH`` starts it, with a first-paint hook.

``run.py`` times this process from spawn to the ``READY_LINE`` it prints. Without
``--journey`` it prints its peak memory at that moment, then lets the window build its other
screens (the warm-up after the first frame) and prints how long each step held the event
loop: a touch arriving then waits at most that long. With ``--journey`` it walks a whole
citizen journey (welcome, home, search, a tutorial read aloud once, every step, completion)
and prints its peak memory last.

The hook wraps ``create_window`` at the moment ``run_kiosk`` imports ``kiosk.ui.application``,
not before: this module imports neither Qt nor the kiosk's window, because importing them
earlier than the kiosk does would change what its start costs (PySide6 inspects the source
of every module imported after it).
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from kiosk import cli

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton

    from kiosk.ui.main_window import MainWindow

WINDOW_MODULE = "kiosk.ui.application"
JOURNEY_QUERY = "impot"  # what a person types; the first tutorial found is opened


class WrapOnImport:
    """Replaces ``create_window`` in ``kiosk.ui.application`` right after that module runs.

    A meta path finder needs only ``find_spec``; not deriving from ``importlib.abc`` keeps
    that module (and ``importlib.resources``, which it imports) out of the measured start.
    """

    def __init__(self, wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
        self._wrap = wrap

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != WINDOW_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        assert spec is not None and spec.loader is not None
        run_module = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            module.create_window = self._wrap(module.create_window)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _press(button: QAbstractButton) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from qt_timing import drain_events

    if not (button.isVisible() and button.isEnabled()):
        raise RuntimeError(f"the button {button.text()!r} cannot be pressed")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    drain_events()


def walk_journey(window: MainWindow) -> None:
    """What a person does in one visit, through real clicks and key presses."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from qt_timing import drain_events, wait_for_signal

    _press(window.welcome.start_button)
    home = window.home
    QTest.keyClicks(home.search_field, JOURNEY_QUERY)
    QTest.keyClick(home.search_field, Qt.Key.Key_Return)
    drain_events()
    card = next(c for c in home.cards if c.objectName().startswith("tutorial-"))
    _press(card)
    _press(window.overview.start_button)
    player = window.player
    wait_for_signal(window.services.speech.sentence_started, player.listen_button.click)
    for _ in range(len(player.tutorial.steps)):
        _press(player.next_button)
    if window.current_screen() is not window.completion:
        raise RuntimeError("the journey did not reach the completion screen")


def report_warm_up(window: MainWindow) -> None:
    """Once every later screen is built, print each build's duration and quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from qt_timing import WARM_UP_PREFIX

    def check() -> None:
        if "overlays" not in window.warm_up_seconds:  # the warm-up's last step
            QTimer.singleShot(1, check)
            return
        durations = window.warm_up_seconds.items()
        steps = " ".join(f"{name}={seconds * 1000:.2f}" for name, seconds in durations)
        print(WARM_UP_PREFIX, steps, flush=True)
        QApplication.instance().quit()

    QTimer.singleShot(1, check)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--journey", action="store_true", help="walk a whole journey, then quit")
    args = parser.parse_args()
    failures: list[Exception] = []

    def watched(create_window: Callable[..., MainWindow]) -> Callable[..., MainWindow]:
        def create_watched_window(*positional: object, **named: object) -> MainWindow:
            from PySide6.QtWidgets import QApplication

            from qt_timing import FirstPaintWatcher, announce_first_paint, announce_peak_memory

            window = create_window(*positional, **named)
            window.tap_guard.seconds = 0.0  # the scripted person presses at machine speed

            def painted() -> None:
                announce_first_paint()
                if not args.journey:
                    announce_peak_memory()
                    report_warm_up(window)
                    return
                try:
                    walk_journey(window)
                except Exception as error:  # reported through the exit code, after a clean quit
                    failures.append(error)
                QApplication.instance().quit()

            FirstPaintWatcher(window, painted)
            return window

        return create_watched_window

    sys.meta_path.insert(0, WrapOnImport(watched))
    code = cli.main(["--db", str(args.db)])
    if args.journey:
        from qt_timing import announce_peak_memory

        announce_peak_memory()
    if failures:
        print(f"the journey failed: {failures[0]!r}", file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
