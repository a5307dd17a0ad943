"""The kiosk started exactly as ``kiosk --db PATH`` starts it, with a first-paint hook.

``run.py`` times this process from spawn to the ``READY_LINE`` it prints. With ``--journey`` it
then walks a whole citizen journey (welcome, home, search, a tutorial read aloud once, every step,
completion) before quitting. Either way it prints its peak memory last.

The hook wraps ``create_window`` at the moment ``run_kiosk`` imports ``kiosk.ui.application``,
not before: this module imports neither Qt nor the kiosk's window, because importing them
earlier than the kiosk does would change what its start costs (PySide6 inspects the source
of every module imported after it).
"""

from __future__ import annotations

import argparse
import importlib.abc
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


class WrapOnImport(importlib.abc.MetaPathFinder):
    """Replaces ``create_window`` in ``kiosk.ui.application`` right after that module runs."""

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--journey", action="store_true", help="walk a whole journey, then quit")
    args = parser.parse_args()
    failures: list[Exception] = []

    def watched(create_window: Callable[..., MainWindow]) -> Callable[..., MainWindow]:
        def create_watched_window(*positional: object, **named: object) -> MainWindow:
            from PySide6.QtWidgets import QApplication

            from qt_timing import FirstPaintWatcher, announce_first_paint

            window = create_window(*positional, **named)

            def painted() -> None:
                announce_first_paint()
                try:
                    if args.journey:
                        walk_journey(window)
                except Exception as error:  # reported through the exit code, after a clean quit
                    failures.append(error)
                QApplication.instance().quit()

            FirstPaintWatcher(window, painted)
            return window

        return create_watched_window

    sys.meta_path.insert(0, WrapOnImport(watched))
    code = cli.main(["--db", str(args.db)])
    from qt_timing import announce_peak_memory

    announce_peak_memory()
    if failures:
        print(f"the journey failed: {failures[0]!r}", file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
