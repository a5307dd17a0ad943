"""Clips played by a child process, with real programs; this machine has no sound card.

``aplay -D null`` (ALSA's null device) really reads the WAV but does not pace in real time:
it exits within milliseconds. Where a clip must last, a stand-in player run by this Python
reads the WAV header and sleeps the clip's duration.
"""

from __future__ import annotations

import logging
import sys
import time
import wave
from pathlib import Path

import pytest

from kiosk.speech.players import ProcessClipPlayer, choose_play_commands
from kiosk.speech.service import SpeechService
from tests.fresh_interpreter import modules_loaded

NULL_APLAY = ["aplay", "-q", "-D", "null"]
# A device name no machine has: the real aplay fails as it does without a card or when busy.
FAILING_APLAY = ["aplay", "-q", "-D", "pas-a-pas-no-such-device"]
PACED_PLAYER = [
    sys.executable,
    "-I",
    "-S",
    "-c",
    "import sys, time, wave; w = wave.open(sys.argv[1]); "
    "time.sleep(w.getnframes() / w.getframerate())",
]
ONE_CARD = (
    " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
    "                      HDA Intel PCH at 0xf7f10000 irq 130\n"
)
NO_CARDS = "--- no soundcards ---\n"


def silent_wav(path: Path, seconds: float, rate: int = 16000) -> Path:
    """A real 16-bit mono WAV, as espeak-ng writes them, of silence."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"\0\0" * int(rate * seconds))
    return path


def which_of(*installed: str):
    return lambda program: f"/usr/bin/{program}" if program in installed else None


@pytest.fixture
def make_player(qapp):
    players: list[ProcessClipPlayer] = []

    def make(command: list[str], fallbacks: tuple[list[str], ...] = ()) -> ProcessClipPlayer:
        players.append(ProcessClipPlayer(command, fallbacks=fallbacks))
        return players[-1]

    yield make
    for player in players:
        player.stop()
        player.deleteLater()


# -- choosing the command ----------------------------------------------------------------------
def test_pipewire_is_preferred_when_there_is_a_card_and_the_others_follow():
    which = which_of("pw-play", "paplay", "aplay")
    assert choose_play_commands(ONE_CARD, which) == [
        ["/usr/bin/pw-play"],
        ["/usr/bin/paplay"],
        ["/usr/bin/aplay", "-q"],
    ]


def test_bare_alsa_plays_quietly():
    assert choose_play_commands(ONE_CARD, which_of("aplay")) == [["/usr/bin/aplay", "-q"]]


@pytest.mark.parametrize("cards", [NO_CARDS, "", None])
def test_no_sound_card_means_silence(cards):
    assert choose_play_commands(cards, which_of("pw-play", "aplay")) == []


def test_no_player_program_means_silence():
    assert choose_play_commands(ONE_CARD, which_of()) == []


# -- real processes ----------------------------------------------------------------------------
def test_a_clip_played_to_the_end_finishes_once(qtbot, tmp_path, make_player):
    player = make_player(NULL_APLAY)
    clip = silent_wav(tmp_path / "clip.wav", 0.3)
    ends = []
    player.finished.connect(lambda: ends.append(1))
    with qtbot.waitSignal(player.finished, timeout=2000):
        player.play(clip, 0.3)
    with qtbot.assertNotEmitted(player.finished, wait=100):
        pass
    assert ends == [1] and not player.silenced


def test_a_failing_player_waits_out_the_clip_then_goes_silent(qtbot, tmp_path, make_player, caplog):
    player = make_player(FAILING_APLAY)
    clip = silent_wav(tmp_path / "clip.wav", 0.3)
    start = time.monotonic()
    with qtbot.assertNotEmitted(player.finished, wait=150):
        player.play(clip, 0.3)
    assert player.silenced  # aplay failed long ago, yet the clip is not over
    with qtbot.waitSignal(player.finished, timeout=2000):
        pass
    assert time.monotonic() - start >= 0.25
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "pas-a-pas-no-such-device" in warnings[0].getMessage()

    with qtbot.waitSignal(player.finished, timeout=2000):
        player.play(clip, 0.05)
        assert player.process_id is None  # no process spawned only to fail again
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_a_failing_player_hands_over_to_the_next_program(qtbot, tmp_path, make_player, caplog):
    """PipeWire installed but not running: pw-play fails, aplay takes over from the next clip."""
    player = make_player(FAILING_APLAY, fallbacks=(NULL_APLAY,))
    clip = silent_wav(tmp_path / "clip.wav", 0.3)
    start = time.monotonic()
    with qtbot.waitSignal(player.finished, timeout=2000):
        player.play(clip, 0.3)
    assert time.monotonic() - start >= 0.25  # the failed clip is waited out, not skipped
    assert not player.silenced and player.command == NULL_APLAY
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "next clips with aplay" in warnings[0]
    with qtbot.waitSignal(player.finished, timeout=2000):
        player.play(clip, 0.3)
        assert player.process_id is not None  # a real aplay plays this one
    assert not player.silenced


def test_a_program_that_cannot_start_is_silent_too(qtbot, tmp_path, make_player):
    player = make_player([str(tmp_path / "no-such-player")])
    clip = silent_wav(tmp_path / "clip.wav", 0.2)
    with qtbot.assertNotEmitted(player.finished, wait=100):
        player.play(clip, 0.2)
    with qtbot.waitSignal(player.finished, timeout=2000):
        pass
    assert player.silenced


def test_stop_kills_the_clip_and_the_next_one_plays_in_full(qtbot, tmp_path, make_player):
    player = make_player(PACED_PLAYER)
    long_clip = silent_wav(tmp_path / "long.wav", 30)
    short_clip = silent_wav(tmp_path / "short.wav", 0.2)
    player.play(long_clip, 30)
    pid = player.process_id
    assert pid is not None
    with qtbot.assertNotEmitted(player.finished, wait=200):
        player.stop()
    assert player.process_id is None
    # Reaped, not a zombie: a zombie keeps its /proc entry until its parent collects it.
    qtbot.waitUntil(lambda: not Path(f"/proc/{pid}").exists(), timeout=2000)

    player.play(long_clip, 30)
    player.stop()
    ends = []
    player.finished.connect(lambda: ends.append(1))
    start = time.monotonic()
    with qtbot.waitSignal(player.finished, timeout=3000):
        player.play(short_clip, 0.2)  # the killed clip's exit arrives meanwhile: ignored
    assert time.monotonic() - start >= 0.2
    assert ends == [1] and not player.silenced


def test_the_service_reads_through_a_player_process(qtbot, qapp):
    speech = SpeechService(player=ProcessClipPlayer(NULL_APLAY), rate=200)
    heard = []
    speech.sentence_started.connect(heard.append)
    try:
        with qtbot.waitSignal(speech.finished, timeout=15000) as finished:
            assert speech.speak(["Bonjour.", "Au revoir."], "fr")
        assert finished.args == [True] and heard == [0, 1]
    finally:
        speech.shutdown()


def test_choosing_a_player_does_not_load_qt_multimedia():
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "from kiosk.speech.players import best_player\n"
        "best_player()\n"
        "assert 'Multimedia' not in open('/proc/self/maps').read()  # nor its libraries\n"
    )
    assert [m for m in modules_loaded(script, ("PySide6",)) if "Multimedia" in m] == []
