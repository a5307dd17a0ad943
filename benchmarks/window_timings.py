"""Measures on the real MainWindow in this process (offscreen): next step, "Écouter", stalls.

The window is built as ``create_window`` builds it, on a copy of a database that already holds
the built-in pack, with a real ``SpeechService`` over espeak-ng. Its synthesizer is wrapped only
to count finished clips, so a measure knows when the speech worker has nothing left to do.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.builtin_content import ensure_builtin_content
from kiosk.speech.service import SpeechService
from kiosk.speech.synthesizer import Clip, EspeakSynthesizer
from kiosk.store.activity_store import ActivityStore
from kiosk.store.content_store import ContentStore
from kiosk.store.database import Database, open_database
from kiosk.store.settings_store import SettingsStore
from kiosk.ui.application import create_application
from kiosk.ui.main_window import MainWindow, Services

from qt_timing import FrameClock, drain_events, run_until, wait_for_first_paint, wait_for_signal

LONG_READING_PACK = "lecture-longue"
LONG_READING_SENTENCES = 16
# The tutorial id write_pack gives the one tutorial of the long-reading pack.
LONG_READING_TUTORIAL = f"{LONG_READING_PACK}-000"
WINDOW_SIZE = (1280, 800)


class CountingSynthesizer:
    """The real espeak-ng synthesizer; counts finished clips (called from the speech worker)."""

    def __init__(self) -> None:
        self._inner = EspeakSynthesizer()
        self._lock = threading.Lock()
        self._finished = 0

    @property
    def finished(self) -> int:
        with self._lock:
            return self._finished

    def synthesize(
        self, text: str, language: str, rate: int, path: Path, volume: int = 100
    ) -> Clip:
        try:
            return self._inner.synthesize(text, language, rate, path, volume)
        finally:
            with self._lock:
                self._finished += 1


@dataclass
class KioskRig:
    """The window and what it was built from, kept together so a measure can reach them."""

    window: MainWindow
    speech: SpeechService
    synthesizers: list[CountingSynthesizer]
    content: ContentStore
    db: Database
    long_tutorial: str

    @property
    def synthesizer(self) -> CountingSynthesizer:
        return self.synthesizers[0]


def add_long_reading_tutorial(database: Path) -> None:
    """Install, into the database file ``database``, a tutorial whose first step reads long.

    Done by the parent process, before any measured window starts: the pack's writing and
    reading (PyYAML, the pack checks) are not the kiosk's work at a kiosk, and a measured
    process that did them held about 11 MiB more (issue #19, docs/benchmarks.md).
    """
    import tempfile

    from kiosk.core.pack_reader import read_pack

    from generated_pack import write_pack

    db = open_database(database)
    with tempfile.TemporaryDirectory() as pack_folder:
        write_pack(
            Path(pack_folder),
            tutorials=1,
            steps=5,
            first_step_sentences=LONG_READING_SENTENCES,
            pack_id=LONG_READING_PACK,
        )
        try:
            ContentStore(db).install(read_pack(Path(pack_folder)))
        finally:
            db.close()


@contextmanager
def kiosk_rig(template_db: Path, scratch: Path) -> Iterator[KioskRig]:
    """A shown MainWindow on a fresh copy of ``template_db``, which must hold the built-in
    pack and the long-reading tutorial (``add_long_reading_tutorial``)."""
    create_application()
    database = scratch / "window.db"
    shutil.copyfile(template_db, database)
    db = open_database(database)
    content = ContentStore(db)
    ensure_builtin_content(content)
    long_tutorial = LONG_READING_TUTORIAL
    if content.tutorial(long_tutorial) is None:
        db.close()
        raise RuntimeError(f"{template_db} has no {long_tutorial}: add_long_reading_tutorial")
    settings = SettingsStore(db)
    synthesizers: list[CountingSynthesizer] = []

    def counting_factory() -> CountingSynthesizer:
        synthesizers.append(CountingSynthesizer())
        return synthesizers[-1]

    speech = SpeechService(counting_factory, rate=settings.get("speech_rate"))
    window = MainWindow(Services(content, ActivityStore(db), settings, speech))
    window.tap_guard.seconds = 0.0  # the scripted person presses at machine speed
    window.resize(*WINDOW_SIZE)
    wait_for_first_paint(window)
    rig = KioskRig(window, speech, synthesizers, content, db, long_tutorial)
    try:
        settle_speech(rig)
        yield rig
    finally:
        speech.shutdown()
        window.close()
        window.deleteLater()
        drain_events()
        db.close()


def settle_speech(rig: KioskRig) -> None:
    """Leave the speech worker idle: read one word until its clip plays, then stop.

    The worker renders a whole sentence once it has started it; reading a word of our own and
    waiting for it proves that everything queued before it is done or dropped.
    """
    wait_for_signal(rig.speech.sentence_started, lambda: rig.speech.speak(["Prêt."], "fr"))
    rig.speech.stop()
    drain_events()


def _click(button: QWidget) -> Callable[[], None]:
    return lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton)


# -- next step ---------------------------------------------------------------------------------
def next_step_times(rig: KioskRig, count: int | None) -> list[float]:
    """Seconds from pressing "Suivant" to the end of the next frame, over ``count`` steps.

    Walks the built-in tutorials in turn; the last press of each (to the completion screen)
    is not a step change and is not counted. ``count`` None: every step of every built-in
    tutorial once, practice pages included (issue #19: a sample of 40 saw 6 of 25 of them).
    """
    window, player = rig.window, rig.window.player
    clock = FrameClock(window)
    builtin = rig.content.tutorials()
    tutorials = [t.id for t in builtin if not t.id.startswith(("banc-essai", rig.long_tutorial))]
    times: list[float] = []
    while count is None or len(times) < count:
        for tutorial_id in tutorials:
            window.start_session()
            window.start_tutorial(tutorial_id)
            drain_events()
            for index in range(1, len(player.tutorial.steps)):
                times.append(clock.time(_click(player.next_button)))
                if player.index != index:
                    raise RuntimeError(f"{tutorial_id}: step {index} did not appear")
                drain_events()
                if len(times) == count:
                    return times
        if count is None:
            return times
    return times


class BareStepWindow(QWidget):
    """The reference: a bare window whose one button changes one label, nothing else."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.label = QLabel("Étape 1 sur 10")
        self.button = QPushButton("Suivant")
        self.button.clicked.connect(self._next)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._step = 1

    def _next(self) -> None:
        self._step += 1
        self.label.setText(f"Étape {self._step} sur 10")


def bare_click_times(count: int) -> list[float]:
    """Seconds from a click to the end of the next frame, in the bare reference window."""
    window = BareStepWindow()
    window.resize(*WINDOW_SIZE)
    wait_for_first_paint(window)
    clock = FrameClock(window)
    times = []
    for _ in range(count):
        times.append(clock.time(_click(window.button)))
        drain_events()
    window.close()
    window.deleteLater()
    drain_events()
    return times


# -- "Écouter" ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ListenTiming:
    """Press of "Écouter" to the first sentence playing, and espeak-ng alone on that sentence."""

    to_first_sentence: float
    synthesis_alone: float


def listen_times(rig: KioskRig, count: int, scratch: Path) -> list[ListenTiming]:
    """Press the step player's "Écouter" on successive steps, from an idle speech worker."""
    window, player, speech = rig.window, rig.window.player, rig.speech
    tutorials = [t.id for t in rig.content.tutorials() if t.id != rig.long_tutorial]
    alone = EspeakSynthesizer()
    timings: list[ListenTiming] = []
    window.start_session()
    while len(timings) < count:
        tutorial_id = tutorials[len(timings) % len(tutorials)]
        window.start_tutorial(tutorial_id)
        player.show_step(len(timings) % len(player.tutorial.steps))
        settle_speech(rig)
        pressed = 0.0

        def press() -> None:
            nonlocal pressed
            pressed = time.perf_counter()
            _click(player.listen_button)()

        heard = wait_for_signal(speech.sentence_started, press)
        speech.stop()
        settle_speech(rig)
        first = player.speech_sentences()[0]
        start = time.perf_counter()
        alone.synthesize(first, player.speech_language(), speech.rate, scratch / "alone.wav")
        timings.append(ListenTiming(heard - pressed, time.perf_counter() - start))
    return timings


# -- stalls while reading ----------------------------------------------------------------------
class GapRecorder(QObject):
    """A 1 ms precise timer on the UI thread; the longest gap between its ticks is a stall.

    ``gaps``: each gap between ticks, in wall-clock seconds: what a person waits, including
    the times the system woke the kiosk late (on this shared VM a bare PySide6 window doing
    nothing has gaps of up to 20 ms in 15 s, with 0.4 ms of CPU time in them and none spent
    waiting for a core: the host ran something else). ``busy``: the UI thread's CPU time in
    each gap (``time.thread_time``, seconds), the work the kiosk itself made it do. It leaves
    out the UI thread's waits for the GIL or the disk: work that would hold the GIL for long
    is kept out of the kiosk's process (the plain-language check) or off its Python threads'
    GIL (espeak-ng's C code).

    Qt's glib event dispatcher cannot tell instead: its ``awake`` and ``aboutToBlock`` do not
    bracket the work (a 20 ms busy slot showed as a 1.7 ms stretch between them).
    """

    def __init__(self, done: Callable[[], bool]) -> None:
        super().__init__()
        self._done = done
        self._timer = QTimer(self, interval=1)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self.busy: list[float] = []
        self._last = 0.0
        self._last_busy = 0.0
        self._loop_quit: Callable[[], None] = lambda: None

    def _tick(self) -> None:
        now, busy = time.perf_counter(), time.thread_time()
        self.gaps.append(now - self._last)
        self.busy.append(busy - self._last_busy)
        self._last, self._last_busy = now, busy
        if self._done():
            self._timer.stop()
            self._loop_quit()

    def record(self, action: Callable[[], None], timeout_ms: int) -> list[float]:
        """Run the loop with the timer ticking; ``action`` comes 10 ms in, as a real event."""

        def start(loop: QEventLoop) -> None:
            self._loop_quit = loop.quit
            self._last, self._last_busy = time.perf_counter(), time.thread_time()
            self._timer.start()
            QTimer.singleShot(10, action)

        run_until(start, timeout_ms)
        return self.gaps


@dataclass(frozen=True)
class StallTiming:
    """Longest UI-thread gap while reading aloud, and over as long a time with nothing to do
    (seconds, wall clock); the same two as the UI thread's CPU time in its longest-working
    gap (``*_work``, ``GapRecorder.busy``)."""

    reading: float
    idle: float
    seconds: float
    sentences_heard: int
    reading_work: float
    idle_work: float


def _read_long_step(rig: KioskRig, sentences_heard: int) -> StallTiming:
    """One reading of the long step, then as long a time with the UI thread idle."""
    player, speech = rig.window.player, rig.speech
    total = len(player.speech_sentences())
    rendered_before = rig.synthesizer.finished
    heard: list[int] = []
    speech.sentence_started.connect(heard.append)

    def done() -> bool:
        all_rendered = rig.synthesizer.finished - rendered_before >= total
        return all_rendered and len(heard) >= sentences_heard

    start = time.perf_counter()
    reading = GapRecorder(done)
    reading.record(_click(player.listen_button), 120_000)
    seconds = time.perf_counter() - start
    speech.sentence_started.disconnect(heard.append)
    speech.stop()
    settle_speech(rig)
    idle_end = time.perf_counter() + seconds
    idle = GapRecorder(lambda: time.perf_counter() >= idle_end)
    idle.record(lambda: None, int(seconds * 1000) + 10_000)
    return StallTiming(
        max(reading.gaps),
        max(idle.gaps),
        seconds,
        len(heard),
        max(reading.busy),
        max(idle.busy),
    )


def stall_times(rig: KioskRig, count: int, sentences_heard: int) -> list[StallTiming]:
    """Read the long step aloud ``count`` times, each until it is all rendered and heard in part.

    A reading is watched until every clip is rendered (the speech worker's busy time) and
    ``sentences_heard`` sentences have started, so highlighting changes are inside it too.
    """
    timings = []
    rig.window.start_session()
    for _ in range(count):
        rig.window.start_tutorial(rig.long_tutorial)
        settle_speech(rig)
        timings.append(_read_long_step(rig, sentences_heard))
    return timings
