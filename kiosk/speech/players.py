"""Playing WAV clips: through the sound card, or silently at the clip's pace when there is none.

The silent player keeps highlighting and auto-advance working on a kiosk without speakers
(and in headless tests); the sound-card player is used whenever Qt sees an audio output.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot


class ClipPlayer(QObject):
    """Plays one clip at a time. Signals: ``finished()`` when a clip ends by itself."""

    finished = Signal()

    def play(self, path: Path, seconds: float) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class SilentClipPlayer(ClipPlayer):
    """Waits for the clip's duration without sound."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.finished)

    def play(self, path: Path, seconds: float) -> None:
        self._timer.start(max(1, int(seconds * 1000)))

    def stop(self) -> None:
        self._timer.stop()


class AudioClipPlayer(ClipPlayer):
    """QMediaPlayer on the default audio output; ``stop()`` is immediate."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._media_status = QMediaPlayer.MediaStatus
        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)

    def play(self, path: Path, seconds: float) -> None:
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def stop(self) -> None:
        self._player.stop()

    @Slot(object)
    def _on_status(self, status: object) -> None:
        if status == self._media_status.EndOfMedia:
            self.finished.emit()

    @Slot(object, str)
    def _on_error(self, _error: object, _message: str) -> None:
        self.finished.emit()


def best_player(parent: QObject | None = None) -> ClipPlayer:
    """The sound card when Qt sees one, otherwise the silent player."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        if QMediaDevices.audioOutputs():
            return AudioClipPlayer(parent)
    except ImportError:
        pass
    return SilentClipPlayer(parent)
