"""SpeechService: reads a list of sentences aloud without ever blocking the UI thread.

Nothing of the engine is loaded before the kiosk's first frame: the worker thread, which
imports and starts espeak-ng, begins at ``prepare()`` (the window calls it once the welcome
screen is painted) or at the first ``speak()``; the clip player is chosen at the first clip.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.spoken import Utterance, as_utterances

if TYPE_CHECKING:
    from queue import Queue
    from tempfile import TemporaryDirectory

    from kiosk.speech.players import ClipPlayer
    from kiosk.speech.synthesizer import Synthesizer

SynthesizerFactory = Callable[[], "Synthesizer"]


def espeak_synthesizer() -> Synthesizer:
    """The default engine, imported in the worker thread that uses it."""
    from kiosk.speech.synthesizer import EspeakSynthesizer

    return EspeakSynthesizer()


class SpeechService(QObject):
    """Reads sentences one clip each, so the sentence being read can be highlighted.

    Signals:
        started(): reading begins.
        sentence_started(int): sentence number ``i`` is now being heard.
        finished(bool): reading ended; True when read to the end, False when stopped.
        unavailable(str): no engine works; emitted once, the app goes on in text.
        voice_missing(str): no voice for the language asked for.
    """

    started = Signal()
    sentence_started = Signal(int)
    finished = Signal(bool)
    unavailable = Signal(str)
    voice_missing = Signal(str)
    _clip_ready = Signal(int, int, str, float)
    _engine_failed = Signal(str)
    _voice_missing = Signal(str)

    def __init__(
        self,
        synthesizer_factory: SynthesizerFactory = espeak_synthesizer,
        player: ClipPlayer | None = None,
        rate: int = 140,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rate = rate
        self.volume = 100  # espeak-ng's scale (kiosk.core.volume); read for each new clip
        # The player is chosen for the first clip (best_player: sound card and player program),
        # which the welcome screen does not need.
        self._player: ClipPlayer | None = None
        if player is not None:
            self._use_player(player)
        self._clip_ready.connect(self._on_clip_ready)
        self._engine_failed.connect(self._on_engine_failed)
        self._voice_missing.connect(self._on_voice_missing)
        self._folder: TemporaryDirectory[str] | None = None
        self._jobs: Queue[tuple[int, int, Utterance, int, int] | None] | None = None  # at prepare()
        self._generation = 0
        self._available = True
        self._sentences: list[Utterance] = []
        self._clips: dict[int, tuple[Path, float]] = {}
        self._next = 0
        self._speaking = False
        self._current: int | None = None
        self._factory = synthesizer_factory
        self._worker: threading.Thread | None = None

    def prepare(self) -> None:
        """Start the engine now, so that the first Écouter does not wait for it."""
        if self._worker is not None:
            return
        import queue
        import tempfile

        self._jobs = queue.Queue()
        self._folder = tempfile.TemporaryDirectory(prefix="pas-a-pas-speech-")
        self._worker = threading.Thread(
            target=self._work,
            args=(self._factory, Path(self._folder.name)),
            name="speech",
            daemon=True,
        )
        self._worker.start()

    def _use_player(self, player: ClipPlayer) -> ClipPlayer:
        self._player = player
        player.finished.connect(self._on_clip_finished)
        return player

    # -- public API ----------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._available

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def sentences(self) -> list[Utterance]:
        """What the last ``speak()`` was asked to read (for "Répéter" and for tests)."""
        return list(self._sentences)

    def speak(self, sentences: Sequence[str | Utterance], language: str = "fr") -> bool:
        """Stop any reading and read these sentences; False when speech is unavailable.

        Each Utterance is read with its parts' voices; a plain string is in ``language``.
        """
        self.stop()
        utterances = as_utterances(sentences, language)
        if not self._available or not utterances:
            return False
        self.prepare()
        self._generation += 1
        self._sentences = utterances
        self._clips, self._next, self._speaking = {}, 0, True
        for index, utterance in enumerate(utterances):
            self._jobs.put((self._generation, index, utterance, self.rate, self.volume))
        self.started.emit()
        return True

    def repeat(self) -> bool:
        """Say the last sentences again."""
        return self.speak(list(self._sentences))

    @Slot()
    def stop(self) -> None:
        """Silence now; stale clips still being made are dropped when they arrive."""
        if not self._speaking:
            return
        self._generation += 1
        self._speaking = False
        if self._player is not None:
            self._player.stop()
        self._clips, self._current = {}, None
        self.finished.emit(False)

    def shutdown(self) -> None:
        self.stop()
        if self._worker is None or self._folder is None:
            return
        self._jobs.put(None)
        self._worker.join(timeout=5)
        self._folder.cleanup()

    # -- worker thread: never touches Qt objects except to emit signals -----------------------
    def _work(self, factory: SynthesizerFactory, folder: Path) -> None:
        from kiosk.speech.synthesizer import MissingVoiceError, SpeechUnavailableError

        try:
            synthesizer = factory()
        except Exception as error:  # SpeechUnavailableError, or any failure of the engine
            self._engine_failed.emit(str(error))
            return
        while (job := self._jobs.get()) is not None:
            generation, index, utterance, rate, volume = job
            if generation != self._generation:
                continue  # stopped or replaced meanwhile
            path = folder / f"clip-{generation}-{index}.wav"
            try:
                clip = synthesizer.synthesize(utterance, "", rate, path, volume=volume)
            except MissingVoiceError as error:
                self._voice_missing.emit(str(error))
                continue
            except SpeechUnavailableError as error:
                self._engine_failed.emit(str(error))
                continue
            self._clip_ready.emit(generation, index, str(clip.path), clip.seconds)

    # -- UI thread -----------------------------------------------------------------------------
    @Slot(int, int, str, float)
    def _on_clip_ready(self, generation: int, index: int, path: str, seconds: float) -> None:
        if generation != self._generation or not self._speaking:
            Path(path).unlink(missing_ok=True)
            return
        self._clips[index] = (Path(path), seconds)
        if index == self._next and self._current is None:
            self._play(index)

    def _play(self, index: int) -> None:
        path, seconds = self._clips[index]
        self._current = index
        self._next = index + 1
        player = self._player
        if player is None:
            from kiosk.speech.players import best_player

            player = self._use_player(best_player(self))
        player.play(path, seconds)
        self.sentence_started.emit(index)

    @Slot()
    def _on_clip_finished(self) -> None:
        if self._current is not None:
            path, _ = self._clips.pop(self._current, (None, 0.0))
            if path:
                path.unlink(missing_ok=True)
        self._current = None
        if not self._speaking:
            return
        if self._next >= len(self._sentences):
            self._speaking = False
            self.finished.emit(True)
        elif self._next in self._clips:
            self._play(self._next)

    @Slot(str)
    def _on_voice_missing(self, reason: str) -> None:
        """Only this language cannot be read; the others still can."""
        self.stop()
        self.voice_missing.emit(reason)

    @Slot(str)
    def _on_engine_failed(self, reason: str) -> None:
        was_available = self._available
        self._available = False
        self.stop()
        if was_available:
            self.unavailable.emit(reason)
