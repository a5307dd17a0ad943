"""The voice's volume: real espeak-ng clips really louder or softer, two big buttons and keys,
the level said aloud, and the admin's level back at the end of every visit (EN 301 549
V3.2.1 clauses 5.1.3.12 and 5.1.3.13)."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from kiosk.core.volume import DEFAULT_LEVEL, HIGHEST, LOWEST, Volume, espeak_volume
from kiosk.speech.synthesizer import EspeakSynthesizer
from kiosk.ui.listening_mode import attach

SENTENCE = "Bonjour. Vous êtes à l'étape deux sur sept. Touchez Suivant pour continuer."


def loudness(path: Path) -> float:
    """Root mean square of a 16-bit mono WAV's samples (full scale 32767)."""
    with wave.open(str(path), "rb") as clip:
        assert clip.getsampwidth() == 2 and clip.getnchannels() == 1
        samples = np.frombuffer(clip.readframes(clip.getnframes()), dtype=np.int16)
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


@pytest.fixture(scope="module")
def synthesizer():
    return EspeakSynthesizer()


def test_each_level_scales_the_samples_of_a_real_clip(synthesizer, tmp_path):
    """Louder is really louder in the file itself, whatever program plays it (aplay has no
    volume option); level 1 is about 20 dB below level 10 (5.1.3.12 asks for steps)."""
    rms = {}
    for level in (LOWEST, DEFAULT_LEVEL, HIGHEST):
        clip = synthesizer.synthesize(
            SENTENCE, "fr", 140, tmp_path / f"{level}.wav", volume=espeak_volume(level)
        )
        rms[level] = loudness(clip.path)
    assert rms[HIGHEST] / rms[DEFAULT_LEVEL] == pytest.approx(2.0, rel=0.1)
    assert rms[LOWEST] / rms[DEFAULT_LEVEL] == pytest.approx(0.2, rel=0.1)
    assert 20 * np.log10(rms[HIGHEST] / rms[LOWEST]) >= 18


def test_the_loudest_level_is_not_clipped(synthesizer, tmp_path):
    clip = synthesizer.synthesize(SENTENCE, "fr", 140, tmp_path / "max.wav", volume=200)
    with wave.open(str(clip.path), "rb") as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    assert np.mean(np.abs(samples.astype(np.int32)) >= 32767) < 0.001


def test_the_levels_stay_in_their_range():
    volume = Volume(DEFAULT_LEVEL)
    while volume.louder():
        pass
    assert volume.level == HIGHEST and volume.espeak == 200
    while volume.softer():
        pass
    assert volume.level == LOWEST and volume.espeak == 20
    volume.reset(99)
    assert volume.level == HIGHEST  # a default out of range is brought in
    assert espeak_volume(DEFAULT_LEVEL) == 100  # the default is espeak-ng's normal level


class KeptClips(EspeakSynthesizer):
    """The real engine; each clip is also copied aside before the service plays and deletes it."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.kept: list[tuple[int, Path]] = []

    def synthesize(self, sentence, language, rate, path, volume=100):
        clip = super().synthesize(sentence, language, rate, path, volume)
        kept = self.folder / f"kept-{len(self.kept)}.wav"
        shutil.copy(clip.path, kept)
        self.kept.append((volume, kept))
        return clip


@pytest.fixture
def kept_clips(tmp_path):
    return KeptClips(tmp_path)


@pytest.fixture
def loud_window(qtbot, db, content, kept_clips):
    """The window with a speech service whose clips are kept, and the volume control attached."""
    from kiosk.speech.service import SpeechService
    from kiosk.store.activity_store import ActivityStore
    from kiosk.store.settings_store import SettingsStore
    from kiosk.ui.main_window import MainWindow, Services
    from tests.conftest import PatientClock

    speech = SpeechService(synthesizer_factory=lambda: kept_clips, rate=200)
    settings = SettingsStore(db)
    window = MainWindow(Services(content, ActivityStore(db), settings, speech))
    window.tap_guard.clock = PatientClock()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    mode = attach(window)
    yield window, mode, speech, settings
    speech.shutdown()


def read_to_the_end(completed: bool) -> bool:
    return completed  # finished(False) is a stop, when the next press speaks


def test_the_buttons_say_the_level_at_the_new_volume(qtbot, loud_window, kept_clips):
    window, mode, speech, _settings = loud_window
    control = mode.volume_control
    window.start_session()
    qtbot.mouseClick(window.display_button, Qt.MouseButton.LeftButton)
    assert control.isVisible() and control.parent() is not None  # in "Voir mieux"
    assert control.level.text() == "Volume : 5 sur 10"
    with qtbot.waitSignal(speech.finished, timeout=10_000, check_params_cb=read_to_the_end):
        qtbot.mouseClick(control.louder_button, Qt.MouseButton.LeftButton)
    assert speech.sentences[0].text == "Volume : 6 sur 10"
    assert control.level.text() == "Volume : 6 sur 10" and speech.volume == 120
    for _ in range(4):
        qtbot.mouseClick(control.softer_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(speech.finished, timeout=10_000, check_params_cb=read_to_the_end):
        qtbot.mouseClick(control.softer_button, Qt.MouseButton.LeftButton)
    assert speech.sentences[0].text == "Volume : 1 sur 10"
    with qtbot.waitSignal(speech.finished, timeout=10_000, check_params_cb=read_to_the_end):
        qtbot.mouseClick(control.softer_button, Qt.MouseButton.LeftButton)
    assert [u.text for u in speech.sentences] == ["Volume : 1 sur 10", "C'est le moins fort."]
    levels = {volume for volume, _path in kept_clips.kept}
    assert {120, 20} <= levels <= {120, 100, 80, 60, 40, 20}  # each at the level of its time
    louder = next(path for volume, path in kept_clips.kept if volume == 120)
    softer = next(path for volume, path in kept_clips.kept if volume == 20)
    assert loudness(louder) > 4 * loudness(softer)


def test_the_volume_keys_work_without_sight(qtbot, loud_window):
    window, mode, speech, _settings = loud_window
    window.activateWindow()
    qtbot.keyClick(window.welcome.start_button, Qt.Key.Key_F12)
    assert mode.volume_control.volume.level == 6
    assert speech.sentences[0].text == "Volume : 6 sur 10"
    qtbot.keyClick(window.welcome.start_button, Qt.Key.Key_VolumeDown)
    qtbot.keyClick(window.welcome.start_button, Qt.Key.Key_F11)
    assert mode.volume_control.volume.level == 4 and speech.volume == 80
    speech.stop()


def test_the_admins_level_comes_back_at_the_end_of_every_visit(qtbot, loud_window):
    window, mode, speech, settings = loud_window
    settings.set("default_volume", 3, by="admin")
    window.start_session()
    control = mode.volume_control
    for _ in range(5):
        control.louder()
    assert control.volume.level == 10 and speech.volume == 200
    window.end_session("idle")
    assert control.volume.level == 3 and speech.volume == 60
    assert control.level.text() == "Volume : 3 sur 10"
    speech.stop()


def test_the_setting_is_declared_for_the_admin():
    from kiosk.core.settings import SETTINGS

    setting = SETTINGS["default_volume"]
    assert setting.group == "Voix" and setting.default == DEFAULT_LEVEL
    assert (setting.minimum, setting.maximum) == (LOWEST, HIGHEST)
    with pytest.raises(ValueError, match="au plus 10"):
        setting.parse("11")
