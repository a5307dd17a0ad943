"""Typing in the tutorial editor (issue #20): the longest UI-thread stall while an admin types
a 60-word step, key by key, with the preview, the plain-language check and the draft's saving
all running as they do for a person.

The editor is the real one (kiosk.ui.admin.editor.EditorPage) on a copy of a database holding
the built-in pack; each key is a real key event carrying its text, sent by a timer as a fast
typist would (one key every ``KEY_INTERVAL_MS``); the watch goes on until the last preview,
check and save after the last key are done.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database
from kiosk.ui.admin.editor.editor_page import EditorPage

from window_timings import GapRecorder

KEY_INTERVAL_MS = 60  # about 16 keys a second: faster than most people type
# After each sentence the typist stops to read it again, long enough for the preview and the
# check to run while the editor is in use (not only once at the end).
PAUSE_AFTER_SENTENCE_MS = 900
# 60 words, the most a step may hold (kiosk.core.plain_language.MAX_STEP_WORDS), in sentences
# of at most 15 words; one administrative word so that the check marks something.
SIXTY_WORDS = (
    "Touchez le bouton bleu en bas de la page. Une nouvelle page s'ouvre. "
    "Écrivez votre adresse mail dans la case blanche. Vérifiez chaque lettre avant de "
    "continuer. Touchez ensuite le bouton « Valider ». Le site vous envoie un code par "
    "message. Recopiez ce code dans la case. Faites-le avant l'échéance de dix minutes. "
    "Si rien n'arrive, demandez un nouveau code."
)


@dataclass(frozen=True)
class TypingTiming:
    """Longest UI gap while typing (and until all follow-up work is done), and idle
    (seconds, wall clock); the same two as the UI thread's CPU time in its longest-working
    gap (``*_work``, ``GapRecorder.busy``)."""

    typing: float
    idle: float
    seconds: float
    keys: int
    typing_work: float
    idle_work: float


def typing_times(template: Path, scratch: Path, runs: int, keys: int | None) -> list[TypingTiming]:
    """Type the 60-word step (or its first ``keys`` keys) ``runs`` times into the real editor."""
    database = scratch / "editor.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, database)
    db = open_database(database)
    content = ContentStore(db)
    page = EditorPage(content)
    page.resize(1280, 800)
    page.show()
    text = SIXTY_WORDS if keys is None else SIXTY_WORDS[:keys]
    timings = []
    try:
        for _run in range(runs):
            editor = page.open_tutorial("franceconnect")
            # The first preview and check (and the worker's start) belong to opening.
            GapRecorder(lambda editor=editor: editor.settled).record(lambda: None, 60_000)
            field = editor.fields[("step", "text")]
            field.setFocus()
            field.selectAll()
            QApplication.processEvents()
            pending = list(text)
            typer = QTimer(interval=KEY_INTERVAL_MS)
            typer.setTimerType(Qt.TimerType.PreciseTimer)
            resting = [0]  # ticks left to wait after a sentence

            def type_one(field=field, pending=pending, typer=typer, resting=resting) -> None:
                if resting[0]:
                    resting[0] -= 1
                    return
                if not pending:
                    typer.stop()
                    return
                char = pending.pop(0)
                if char in ".?!":
                    resting[0] = PAUSE_AFTER_SENTENCE_MS // KEY_INTERVAL_MS
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                    QApplication.sendEvent(field, event)

            typer.timeout.connect(type_one)

            def done(editor=editor, pending=pending) -> bool:
                return not pending and editor.settled

            start = time.perf_counter()
            typing = GapRecorder(done)
            typing.record(typer.start, 600_000)
            seconds = time.perf_counter() - start
            if field.toPlainText() != text:
                raise RuntimeError("the editor did not receive every key")
            page.close_editor()
            # The closed editor's widgets are deleted before the idle reference starts.
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QApplication.processEvents()
            idle_end = time.perf_counter() + min(seconds, 5.0)
            idle = GapRecorder(lambda end=idle_end: time.perf_counter() >= end)
            idle.record(lambda: None, 20_000)
            timings.append(
                TypingTiming(
                    max(typing.gaps),
                    max(idle.gaps),
                    seconds,
                    len(text),
                    max(typing.busy),
                    max(idle.busy),
                )
            )
    finally:
        page.close()
        page.deleteLater()
        QApplication.processEvents()
        db.close()
    return timings
