"""Playing WAV clips: with a small player program per clip, or silently at the clip's pace.

A child process (``pw-play``, ``paplay`` or ``aplay``) costs the kiosk nothing until a clip
is heard, where Qt Multimedia loaded FFmpeg and Qt Network into the kiosk (+16 MiB) just to
ask whether there was a sound card. The silent player keeps highlighting and auto-advance
working on a kiosk without speakers (and in headless tests).
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal, Slot

log = logging.getLogger(__name__)

SOUND_CARDS = Path("/proc/asound/cards")
# Most capable first: PipeWire, then PulseAudio, then bare ALSA (alsa-utils, a Debian dependency).
PLAY_COMMANDS: tuple[tuple[str, ...], ...] = (("pw-play",), ("paplay",), ("aplay", "-q"))
# A card line of /proc/asound/cards: " 0 [PCH            ]: HDA-Intel - HDA Intel PCH".
_CARD_LINE = re.compile(r"^\s*\d+\s*\[", re.MULTILINE)


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


class ProcessClipPlayer(ClipPlayer):
    """Runs ``command + [clip]`` in a fresh QProcess per clip; ``stop()`` kills it at once.

    A player that fails (cannot start, crashes, exits non-zero: no device, busy device, PipeWire
    installed but not running) must not make reading race through the sentences: the rest of
    the clip is waited out in silence. The next clips use the next program of ``fallbacks``;
    when none is left they are silent too, rather than spawning one failing process per sentence.
    """

    def __init__(
        self,
        command: Sequence[str],
        parent: QObject | None = None,
        fallbacks: Sequence[Sequence[str]] = (),
    ) -> None:
        super().__init__(parent)
        self.command = list(command)
        self._fallbacks = [list(other) for other in fallbacks]
        self._process: QProcess | None = None
        self._deadline = 0.0
        self._silenced = False
        self._silent = SilentClipPlayer(self)
        self._silent.finished.connect(self.finished)

    @property
    def silenced(self) -> bool:
        """True once the program has failed: every clip from then on is silent."""
        return self._silenced

    @property
    def process_id(self) -> int | None:
        """The running player's pid, None between clips or when silenced."""
        if self._process is None or self._process.state() == QProcess.ProcessState.NotRunning:
            return None
        return self._process.processId() or None

    def play(self, path: Path, seconds: float) -> None:
        self.stop()
        self._deadline = time.monotonic() + seconds
        if self._silenced:
            self._silent.play(path, seconds)
            return
        process = QProcess(self)
        process.setStandardInputFile(QProcess.nullDevice())
        process.setStandardOutputFile(QProcess.nullDevice())
        # A fresh QProcess per clip: the slots compare sender() with the current process, so an
        # old clip's exit can never end a new one. Bound slots, not lambdas: a lambda holding
        # ``self`` is released inside ~QProcess and could free this parent mid-way (bus error).
        process.finished.connect(self._on_exit)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        process.start(self.command[0], [*self.command[1:], str(path)])

    def stop(self) -> None:
        """Silence now without waiting: the killed process is reaped when Qt sees it exit."""
        self._silent.stop()
        process, self._process = self._process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.kill()

    @Slot(int, QProcess.ExitStatus)
    def _on_exit(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if not isinstance(process, QProcess):
            return
        process.deleteLater()  # the exit has been reaped; the object is no longer needed
        if process is not self._process:
            return  # stopped: its clip is over for the listener already
        self._process = None
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self.finished.emit()
            return
        reason = f"exit code {code}" if status == QProcess.ExitStatus.NormalExit else "crashed"
        errors = bytes(process.readAllStandardError().data()).decode(errors="replace").strip()
        self._fail(f"{reason}: {errors.splitlines()[-1]}" if errors else reason)

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        process = self.sender()
        if error != QProcess.ProcessError.FailedToStart or not isinstance(process, QProcess):
            return  # a crash also ends with finished(), handled there
        process.deleteLater()  # never started: no finished() will follow
        if process is self._process:
            self._process = None
            self._fail(process.errorString())

    def _fail(self, reason: str) -> None:
        failed = " ".join(self.command)
        if self._fallbacks:
            self.command = self._fallbacks.pop(0)
            log.warning("%s failed (%s); next clips with %s.", failed, reason, self.command[0])
        else:
            self._silenced = True
            log.warning("%s failed (%s); speech goes on silently.", failed, reason)
        self._silent.play(Path(), max(0.0, self._deadline - time.monotonic()))


def has_sound_card(cards_text: str) -> bool:
    """Whether ``/proc/asound/cards`` lists a card ("--- no soundcards ---" lists none)."""
    return bool(_CARD_LINE.search(cards_text))


def choose_play_commands(
    cards_text: str | None, which: Callable[[str], str | None] = shutil.which
) -> list[list[str]]:
    """The commands that can play a clip here, best first (the clip's path is appended);
    none for silence."""
    if cards_text is None or not has_sound_card(cards_text):
        return []
    commands = []
    for program, *arguments in PLAY_COMMANDS:
        found = which(program)
        if found:
            commands.append([found, *arguments])
    return commands


def read_sound_cards(path: Path = SOUND_CARDS) -> str | None:
    """The kernel's list of sound cards, None where there is no ALSA (no driver, no /proc)."""
    try:
        return path.read_text(errors="replace")
    except OSError:
        return None


def best_player(parent: QObject | None = None) -> ClipPlayer:
    """A player program when there is a sound card and one is installed, else silence."""
    commands = choose_play_commands(read_sound_cards())
    if not commands:
        log.info("No sound card or no player program: speech is silent.")
        return SilentClipPlayer(parent)
    log.info("Clips are played with %s.", " ".join(commands[0]))
    return ProcessClipPlayer(commands[0], parent, fallbacks=commands[1:])
