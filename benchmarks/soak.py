"""Soak: a long day of random but seeded use of the real kiosk window, and its memory over time.

The real ``MainWindow`` runs offscreen on a fresh database holding the built-in pack, with a real
``SpeechService`` (espeak-ng). A seeded random "person" acts as people do at a kiosk: taps on a
button that is in sight and enabled (an open overlay or the keyboard first), types in a field,
presses keys, changes the text size, the language and the contrast, answers the practice pages,
leaves with "Terminer" + "Oui, tout effacer", or walks away (the idle reset, through the window's
own ``end_session("idle")``). Every action runs inside the event loop, as a touch would: objects
given to ``deleteLater`` go when the loop turns, as in the kiosk.

Every ``--sample-every`` actions, and at each end of visit (back on the welcome screen, the state
a kiosk returns to), it records: resident memory (``VmRSS``), the Python heap as
``tracemalloc`` sees it, the Python objects the collector tracks, the window's live QObjects
(``window.findChildren(QObject)``) and the application's widgets (``QApplication.allWidgets()``,
which also counts widgets without a parent). Growth is judged after the warm-up, on the
end-of-visit samples: the same screen, so nothing differs but what was kept.

    .venv/bin/python benchmarks/soak.py                       # 3,000 actions, about 5 minutes
    .venv/bin/python benchmarks/soak.py --actions 3000 --json /tmp/soak.json
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import ClassVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from kiosk.builtin_content import ensure_builtin_content
from kiosk.core.languages import LANGUAGES
from kiosk.core.settings import SETTINGS
from kiosk.speech.service import SpeechService
from kiosk.store.activity_store import ActivityStore
from kiosk.store.content_store import ContentStore
from kiosk.store.database import Database, open_database
from kiosk.store.settings_store import SettingsStore
from kiosk.ui.application import create_application
from kiosk.ui.main_window import MainWindow, Services

GROWTH_GOAL = 0.10  # DESIGN.md "Targets": memory growth over a long day of use < 10 %
KEYS = (
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Return,
    Qt.Key.Key_Space,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_A,
    Qt.Key.Key_1,
)
WORDS = ("impot", "carte vitale", "caf", "ameli", "Martin", "01/04/1956", "zzz", "é@.-", "passe")


def type_text(edit: QWidget, text: str) -> None:
    """Type ``text`` into ``edit`` key by key; letters outside ASCII (é) as a keyboard's
    dead keys give them, a key event carrying the text (QTest's key names are ASCII only)."""
    for character in text:
        if character.isascii():
            QTest.keyClick(edit, character)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
                QApplication.sendEvent(edit, event)


@dataclass
class Sample:
    """One look at the process. Sizes in bytes; ``visits`` ended so far."""

    action: int
    visits: int
    seconds: float
    rss: int
    heap: int
    python_objects: int
    qobjects: int
    widgets: int
    at_welcome: bool


@dataclass
class SoakResult:
    """Every sample, and what each kind of action was done."""

    seed: int
    actions: int
    samples: list[Sample] = field(default_factory=list)
    done: dict[str, int] = field(default_factory=dict)

    def visit_samples(self) -> list[Sample]:
        return [s for s in self.samples if s.at_welcome]

    def growth(self, warm_up_visits: int) -> dict[str, float]:
        """Relative growth of each figure from the first end of visit after the warm-up to
        the last one (0.05 is 5 %); empty when there were too few visits."""
        visits = [s for s in self.visit_samples() if s.visits >= warm_up_visits]
        if len(visits) < 2:
            return {}
        first, last = visits[0], visits[-1]
        names = ("rss", "heap", "python_objects", "qobjects", "widgets")
        # A figure not measured (the heap without tracemalloc, VmRSS off Linux) is left out.
        return {n: getattr(last, n) / getattr(first, n) - 1 for n in names if getattr(first, n)}

    def per_visit(self, warm_up_visits: int) -> dict[str, float]:
        """Bytes or objects added per visit after the warm-up (least squares slope)."""
        visits = [s for s in self.visit_samples() if s.visits >= warm_up_visits]
        if len(visits) < 3:
            return {}
        xs = [s.visits for s in visits]
        mean_x = sum(xs) / len(xs)
        spread = sum((x - mean_x) ** 2 for x in xs) or 1
        slopes = {}
        for name in ("rss", "heap", "python_objects", "qobjects", "widgets"):
            ys = [getattr(s, name) for s in visits]
            mean_y = sum(ys) / len(ys)
            slopes[name] = (
                sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
            )
        return slopes


def resident_bytes() -> int:
    """``VmRSS`` of this process, in bytes (Linux); 0 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Person:
    """A seeded random visitor of the window: one ``act()`` is one touch or one key."""

    WEIGHTS: ClassVar[dict[str, int]] = {
        "tap": 60,
        "type": 9,
        "key": 10,
        "answer": 5,
        "text_size": 3,
        "language": 3,
        "contrast": 2,
        "finish": 4,
        "idle": 4,
    }

    def __init__(
        self, window: MainWindow, seed: int, weights: dict[str, int] | None = None
    ) -> None:
        self.window = window
        self.random = random.Random(seed)
        self.visits = 0  # ended by "Terminer" or the idle reset
        self.done: dict[str, int] = {}
        chosen = {**self.WEIGHTS, **(weights or {})}
        self._kinds = list(chosen)
        self._weights = list(chosen.values())

    # -- what a finger can reach --------------------------------------------------------------
    def _area(self) -> QWidget:
        """What covers the window (an overlay), else the window itself."""
        return self.window.open_overlay() or self.window

    def _printing(self) -> set[QAbstractButton]:
        """ "Imprimer ma fiche" starts a printing process: left out, it is measured elsewhere."""
        buttons = set()
        for name in ("overview", "completion"):
            screen = self.window._built(name)
            if screen is not None:
                buttons.add(screen.print_button)
        return buttons

    def reachable_buttons(self) -> list[QAbstractButton]:
        area = self._area()
        excluded = self._printing()
        buttons = [
            b
            for b in area.findChildren(QAbstractButton)
            if b.isVisible() and b.isEnabled() and b not in excluded
        ]
        if area is self.window:  # under an overlay nothing else can be touched
            covered = {b for o in self.window.overlays() for b in o.findChildren(QAbstractButton)}
            buttons = [b for b in buttons if b not in covered]
        return buttons

    def reachable_fields(self) -> list[QLineEdit]:
        if self.window.open_overlay() is not None:
            return []
        return [f for f in self.window.findChildren(QLineEdit) if f.isVisible() and f.isEnabled()]

    # -- actions ------------------------------------------------------------------------------
    def act(self) -> str:
        kind = self.random.choices(self._kinds, self._weights)[0]
        getattr(self, f"_{kind}")()
        self.done[kind] = self.done.get(kind, 0) + 1
        return kind

    def _tap(self, buttons: list[QAbstractButton] | None = None) -> None:
        buttons = self.reachable_buttons() if buttons is None else buttons
        if buttons:
            button = self.random.choice(buttons)
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def _type(self) -> None:
        fields = self.reachable_fields()
        if not fields:
            self._tap()
            return
        edit = self.random.choice(fields)
        edit.setFocus()
        type_text(edit, self.random.choice(WORDS))
        if self.random.random() < 0.5:
            QTest.keyClick(edit, Qt.Key.Key_Return)

    def _key(self) -> None:
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, self.random.choice(KEYS))

    def _answer(self) -> None:
        """On a practice page: the right answer (the persona's value), a wrong one, or a
        choice; elsewhere, a tap."""
        page = self.window._built("player") and self.window.player.page
        if page is None or not page.isVisible() or self.window.open_overlay() is not None:
            self._tap()
            return
        if page.rows:
            persona = page.exercise.persona
            for row in page.rows:
                row.edit.clear()
                right = persona is not None and row.item.expect and self.random.random() < 0.6
                text = persona.value(row.item.expect) if right else self.random.choice(WORDS)
                type_text(row.edit, text)
            if page.submit_button.isVisible():
                QTest.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
        elif page.choice_buttons:
            self._tap([b for b in page.choice_buttons if b.isVisible() and b.isEnabled()])

    def _open_then(self, opener: QAbstractButton, choose: Callable[[], None]) -> None:
        if self.window.open_overlay() is not None or not opener.isVisible():
            self._tap()
            return
        QTest.mouseClick(opener, Qt.MouseButton.LeftButton)
        choose()

    def _text_size(self) -> None:
        panel = self.window.display_panel

        def choose() -> None:
            button = self.random.choice([panel.bigger_button, panel.smaller_button])
            if button.isEnabled():
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            QTest.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)

        self._open_then(self.window.display_button, choose)

    def _contrast(self) -> None:
        panel = self.window.display_panel

        def choose() -> None:
            QTest.mouseClick(panel.contrast_button, Qt.MouseButton.LeftButton)
            QTest.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)

        self._open_then(self.window.display_button, choose)

    def _language(self) -> None:
        chooser = self.window.language_chooser

        def choose() -> None:
            QTest.mouseClick(
                chooser.buttons[self.random.choice(list(LANGUAGES))], Qt.MouseButton.LeftButton
            )

        self._open_then(self.window.language_button, choose)

    def _finish(self) -> None:
        button = self.window.finish_button
        if self.window.open_overlay() is not None or not button.isVisible():
            self._tap()
            return
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(self.window.leave_confirmation.leave_button, Qt.MouseButton.LeftButton)
        self.visits += 1

    def _idle(self) -> None:
        if not self.window.session.active:
            self._tap()
            return
        self.window.end_session("idle")
        self.visits += 1


def build_window(folder: Path) -> tuple[MainWindow, Database]:
    """The kiosk's window on a fresh database with the built-in pack, as ``create_window`` does."""
    database = open_database(folder / "kiosk.db")
    content = ContentStore(database)
    ensure_builtin_content(content)
    settings = SettingsStore(database)
    # The idle reset is the person's, not the clock's: the longest idle time allowed (an hour;
    # every action restarts it).
    settings.set("idle_seconds", SETTINGS["idle_seconds"].maximum)
    settings.set("auto_read", False)
    speech = SpeechService(rate=settings.get("speech_rate"))
    window = MainWindow(Services(content, ActivityStore(database), settings, speech))
    window.tap_guard.seconds = 0  # machine-speed input: every press is a wish
    window.resize(1280, 800)
    window.show()
    return window, database


def run_in_event_loop(steps: Callable[[], bool]) -> None:
    """Call ``steps`` from the event loop until it returns False: each call is one turn."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(0)

    def tick() -> None:
        if not steps():
            timer.stop()
            loop.quit()

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()


def soak(
    actions: int,
    seed: int = 1,
    sample_every: int = 500,
    folder: Path | None = None,
    trace: bool = True,
    on_sample: Callable[[Sample], None] | None = None,
    until_visits: int | None = None,
    weights: dict[str, int] | None = None,
) -> SoakResult:
    """Run ``actions`` seeded random actions (or until ``until_visits`` visits have ended).

    ``weights`` changes how often each kind of action comes (``Person.WEIGHTS``: a quick test
    ends visits more often). Returns every sample. ``trace`` starts ``tracemalloc`` (the heap
    figure); it slows Python down by half and adds its own memory, in proportion to live blocks.
    """
    create_application()
    if trace and not tracemalloc.is_tracing():
        tracemalloc.start(1)
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as scratch:
        window, database = build_window(Path(folder or scratch))
        QTest.qWaitForWindowExposed(window)
        person = Person(window, seed, weights)
        result = SoakResult(seed, actions)
        started = time.perf_counter()
        state = {"action": 0, "visits": 0}

        def sample(at_welcome: bool) -> None:
            gc.collect()
            heap = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0
            taken = Sample(
                action=state["action"],
                visits=person.visits,
                seconds=time.perf_counter() - started,
                rss=resident_bytes(),
                heap=heap,
                python_objects=len(gc.get_objects()),
                qobjects=len(window.findChildren(QObject)),
                widgets=len(QApplication.allWidgets()),
                at_welcome=at_welcome,
            )
            result.samples.append(taken)
            if on_sample is not None:
                on_sample(taken)

        pending = {"visit_sample": False}

        def step() -> bool:
            if pending["visit_sample"]:
                # One turn after the end of a visit: what it gave to deleteLater is gone.
                pending["visit_sample"] = False
                sample(at_welcome=True)
            if state["action"] >= actions or (
                until_visits is not None and person.visits >= until_visits
            ):
                return False
            person.act()
            state["action"] += 1
            if person.visits != state["visits"]:
                state["visits"] = person.visits
                pending["visit_sample"] = True
            elif state["action"] % sample_every == 0:
                sample(at_welcome=False)
            return True

        sample(at_welcome=True)
        run_in_event_loop(step)
        result.done = dict(person.done)
        window.end_session("idle")
        window.services.speech.shutdown()
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents()
        database.close()
    return result


def _mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB"


def report(result: SoakResult, warm_up_visits: int) -> str:
    """A Markdown summary: the samples at the ends of visits, then the growth after warm-up."""
    lines = [
        f"{result.actions} actions, seed {result.seed}, {result.samples[-1].visits} visits, "
        f"{result.samples[-1].seconds:.0f} s; actions done: "
        + ", ".join(f"{k} {v}" for k, v in sorted(result.done.items())),
        "",
        "| action | visits | VmRSS | Python heap | Python objects | window QObjects | widgets |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    visits = result.visit_samples()
    shown = visits[:: max(1, len(visits) // 12)] + ([visits[-1]] if visits else [])
    seen = set()
    for s in shown:
        if s.action in seen:
            continue
        seen.add(s.action)
        lines.append(
            f"| {s.action} | {s.visits} | {_mib(s.rss)} | {_mib(s.heap)} | {s.python_objects} "
            f"| {s.qobjects} | {s.widgets} |"
        )
    growth = result.growth(warm_up_visits)
    slopes = result.per_visit(warm_up_visits)
    if growth:
        lines += ["", f"After a warm-up of {warm_up_visits} visits:", ""]
        lines += ["| figure | growth | per visit |", "|---|---:|---:|"]
        for name, value in growth.items():
            slope = slopes.get(name, 0.0)
            per = f"{slope / 1024:+.2f} KiB" if name in ("rss", "heap") else f"{slope:+.2f}"
            lines.append(f"| {name} | {value * 100:+.2f} % | {per} |")
        verdict = "met" if growth.get("rss", 1) < GROWTH_GOAL else "NOT met"
        lines += ["", f"Resident memory growth goal < {GROWTH_GOAL:.0%}: {verdict}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample-every", type=int, default=250)
    parser.add_argument("--warm-up-visits", type=int, default=20)
    parser.add_argument("--no-trace", action="store_true", help="without tracemalloc")
    parser.add_argument("--json", type=Path, help="write every sample there")
    args = parser.parse_args(argv)

    def progress(s: Sample) -> None:
        print(
            f"{s.action:6d} actions {s.visits:4d} visits {s.seconds:6.0f} s  "
            f"rss {_mib(s.rss):>10}  heap {_mib(s.heap):>10}  objects {s.python_objects:7d}  "
            f"qobjects {s.qobjects:5d}  widgets {s.widgets:5d}" + ("  *" if s.at_welcome else ""),
            file=sys.stderr,
            flush=True,
        )

    result = soak(
        args.actions,
        args.seed,
        args.sample_every,
        trace=not args.no_trace,
        on_sample=progress,
    )
    print(report(result, args.warm_up_visits))
    if args.json:
        data = asdict(result)
        data["growth"] = result.growth(args.warm_up_visits)
        data["per_visit"] = result.per_visit(args.warm_up_visits)
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    growth = result.growth(args.warm_up_visits)
    return 0 if growth.get("rss", 1) < GROWTH_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
