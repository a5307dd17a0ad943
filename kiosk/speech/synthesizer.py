"""Text to a WAV file with pyttsx3 on espeak-ng. Plain Python, no Qt.

WORKAROUND for pyttsx3 2.99 on Linux (issues 262, 403, 193, 126): ``say()`` cannot be stopped
and plays through ``aplay``; we only use ``save_to_file`` and play the WAV ourselves, which can be
stopped at once.
"""

from __future__ import annotations

import contextlib
import io
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.core.languages import LANGUAGES

# espeak-ng keeps one global state per process: one synthesis at a time, whoever asks.
_ESPEAK_LOCK = threading.Lock()


class SpeechUnavailableError(Exception):
    """No speech engine works here; the message says why, for the log and the admin."""


class MissingVoiceError(SpeechUnavailableError):
    """The engine works but has no voice for this language."""


@dataclass(frozen=True)
class Clip:
    path: Path
    seconds: float


class Synthesizer(Protocol):
    def synthesize(self, text: str, language: str, rate: int, path: Path) -> Clip: ...


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


class Pyttsx3Synthesizer:
    """One pyttsx3 engine on the espeak driver, used from a single worker thread."""

    def __init__(self) -> None:
        try:
            import pyttsx3

            with _ESPEAK_LOCK:
                self._engine = pyttsx3.init("espeak")
                self._voices = {
                    v.id: (v.languages or [""])[0] for v in self._engine.getProperty("voices")
                }
        except Exception as error:  # any failure means: no speech on this kiosk
            raise SpeechUnavailableError(f"espeak-ng via pyttsx3: {error}") from error

    def voice_for(self, language: str) -> str | None:
        wanted = LANGUAGES[language].espeak_voice if language in LANGUAGES else None
        if wanted in self._voices:
            return wanted
        for voice_id, voice_language in self._voices.items():
            if voice_language.split("-")[0] == language:
                return voice_id
        return None

    def synthesize(self, text: str, language: str, rate: int, path: Path) -> Clip:
        voice = self.voice_for(language)
        if voice is None:
            raise MissingVoiceError(f"no espeak-ng voice for {language!r}")
        with _ESPEAK_LOCK:
            self._engine.setProperty("voice", voice)
            self._engine.setProperty("rate", rate)
            self._engine.save_to_file(text, str(path))
            # pyttsx3's espeak driver prints "Audio saved to …" on stdout.
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine.runAndWait()
        if not path.exists() or path.stat().st_size <= 44:
            raise SpeechUnavailableError(f"espeak-ng wrote no audio for {text[:40]!r}")
        return Clip(path, wav_seconds(path))
