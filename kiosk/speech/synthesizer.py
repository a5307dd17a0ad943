"""Text to a WAV file with espeak-ng, through pyttsx3's binding of the library. No Qt.

WORKAROUND for pyttsx3 2.99's espeak *driver* on Linux (issues 262, 403, 193, 126): ``say()``
cannot be stopped and plays through ``aplay``; ``runAndWait()`` returns before synthesis ends;
and its ``save_to_file`` writes the WAV before appending the last audio buffer, so short
sentences come out empty and long ones lose their last second. We therefore use pyttsx3's
ctypes binding of espeak-ng (``pyttsx3.drivers._espeak``) directly, in espeak's synchronous
mode, collect every buffer ourselves, and play the WAV in a child process that can be
killed at once (``players.py``).
"""

from __future__ import annotations

import ctypes
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.languages import LANGUAGES
from kiosk.core.pronunciation import given_to_voices, prepare_lexicons
from kiosk.core.spoken import Utterance, said

# espeak-ng keeps one global state per process: one synthesis at a time, whoever asks.
_ESPEAK_LOCK = threading.Lock()
_library: Any = None
_sample_rate = 0
_buffers: list[bytes] = []


class SpeechUnavailableError(Exception):
    """No speech engine works here; the message says why, for the log and the admin."""


class MissingVoiceError(SpeechUnavailableError):
    """The engine works but has no voice for this language."""


@dataclass(frozen=True)
class Clip:
    path: Path
    seconds: float


class Synthesizer(Protocol):
    def synthesize(
        self, sentence: str | Utterance, language: str, rate: int, path: Path, volume: int = 100
    ) -> Clip: ...


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


def _on_audio(wav: Any, samples: int, _events: Any) -> int:
    """espeak-ng's callback, called in the synthesizing thread in synchronous mode."""
    if samples > 0:
        _buffers.append(ctypes.string_at(wav, samples * 2))
    return 0


def _espeak() -> Any:
    """Load and initialise espeak-ng once per process. Call with ``_ESPEAK_LOCK`` held."""
    global _library, _sample_rate
    if _library is None:
        from pyttsx3.drivers import _espeak as library  # fails without libespeak-ng

        rate = library.Initialize(library.AUDIO_OUTPUT_SYNCHRONOUS, 500, None, 0)
        if rate <= 0:
            raise SpeechUnavailableError("espeak-ng could not start")
        library.SetSynthCallback(_on_audio)
        _library, _sample_rate = library, rate
    return _library


class EspeakSynthesizer:
    """Synthesizes one text at a time to a 16-bit mono WAV file."""

    def __init__(self) -> None:
        try:
            with _ESPEAK_LOCK:
                library = _espeak()
                self._voices = {
                    v.identifier.decode().lower(): v.languages[1:].decode(errors="ignore")
                    for v in library.ListVoices(None)
                }
        except SpeechUnavailableError:
            raise
        except Exception as error:  # a missing library, a broken install: no speech here
            raise SpeechUnavailableError(f"espeak-ng via pyttsx3: {error}") from error
        prepare_lexicons(LANGUAGES)  # in the speech thread, before the first sentence

    def voice_for(self, language: str) -> str | None:
        wanted = LANGUAGES[language].espeak_voice if language in LANGUAGES else None
        if wanted in self._voices:
            return wanted
        for voice_id, voice_language in self._voices.items():
            if voice_language.split("-")[0] == language:
                return voice_id
        return None

    def synthesize(
        self, sentence: str | Utterance, language: str, rate: int, path: Path, volume: int = 100
    ) -> Clip:
        """Render one sentence to a WAV file at ``path``; ``rate`` in words per minute.

        ``volume`` is espeak-ng's (0 to 200, 100 its normal level; see kiosk.core.volume): the
        samples themselves are louder or softer, whatever program plays them.

        A plain string is read in ``language``; an Utterance carries its parts' languages
        (``language`` is then unused). Each run of the sentence is read by the voice that can
        read its script (``voice_runs``), after that language's lexicon (``pronunciation``);
        the runs' audio is joined into one clip, so one sentence stays one highlight.
        Raises MissingVoiceError when a run's language has no voice, SpeechUnavailableError
        when espeak-ng makes no audio.
        """
        utterance = said(sentence, language) if isinstance(sentence, str) else sentence
        runs = [(self._voice(part.language), part.text) for part in given_to_voices(utterance)]
        chunks: list[bytes] = []
        with _ESPEAK_LOCK:
            library = _espeak()
            result = library.EE_OK
            for number, (voice, text) in enumerate(runs):
                library.SetVoiceByName(voice.encode())
                library.SetParameter(library.RATE, int(rate), 0)
                library.SetParameter(library.VOLUME, int(volume), 0)
                flags = library.CHARS_UTF8
                if number == len(runs) - 1:
                    flags |= library.ENDPAUSE  # the pause after the sentence, not inside it
                _buffers.clear()
                result = library.Synth(text, flags=flags)
                chunks.append(b"".join(_buffers))
                _buffers.clear()
                if result != library.EE_OK:
                    break
        audio = b"".join(chunks)
        if not runs or result != library.EE_OK or not audio:
            raise SpeechUnavailableError(f"espeak-ng made no audio for {utterance.text[:40]!r}")
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(_sample_rate)
            wav.writeframes(audio)
        return Clip(path, len(audio) / 2 / _sample_rate)

    def _voice(self, language: str) -> str:
        voice = self.voice_for(language)
        if voice is None:
            raise MissingVoiceError(f"no espeak-ng voice for {language!r}")
        return voice
