"""Reading aloud with real espeak-ng: WAV clips off the UI thread, stopped by any navigation."""

from __future__ import annotations

import array
import wave

import pytest
from PySide6.QtCore import Qt

from kiosk.speech.service import SpeechService
from kiosk.speech.synthesizer import EspeakSynthesizer, SpeechUnavailableError
from kiosk.ui.theme import PALETTE

SENTENCE = "Bonjour. Ici, vous pouvez vous entraîner sans risque."


def loudness(path) -> float:
    with wave.open(str(path), "rb") as wav:
        samples = array.array("h", wav.readframes(wav.getnframes()))
    return (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5


def test_espeak_renders_french_to_a_wav_of_plausible_duration(tmp_path):
    synthesizer = EspeakSynthesizer()
    clip = synthesizer.synthesize(SENTENCE, "fr", 140, tmp_path / "fr.wav")
    # 9 words at 140 words a minute: about 4 s, give or take pauses.
    assert 2.0 < clip.seconds < 8.0
    with wave.open(str(clip.path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        assert wav.getframerate() in (16000, 22050, 24000)
    assert loudness(clip.path) > 300  # real speech, not silence


def test_slower_rate_gives_longer_speech(tmp_path):
    synthesizer = EspeakSynthesizer()
    slow = synthesizer.synthesize(SENTENCE, "fr", 110, tmp_path / "slow.wav")
    fast = synthesizer.synthesize(SENTENCE, "fr", 220, tmp_path / "fast.wav")
    assert slow.seconds > fast.seconds * 1.4


def test_the_french_and_english_voices_exist():
    synthesizer = EspeakSynthesizer()
    assert synthesizer.voice_for("fr") == "roa/fr"
    assert synthesizer.voice_for("en") == "gmw/en"
    assert synthesizer.voice_for("tlh") is None


def test_service_reads_each_sentence_in_turn(qtbot, speech):
    heard = []
    speech.sentence_started.connect(heard.append)
    with qtbot.waitSignal(speech.finished, timeout=15000) as finished:
        assert speech.speak(["Bonjour.", "Au revoir."], "fr")
        assert speech.speaking
    assert finished.args == [True]
    assert heard == [0, 1]
    assert not speech.speaking


def test_new_speech_stops_the_previous_one(qtbot, speech):
    heard = []
    speech.sentence_started.connect(heard.append)
    with qtbot.waitSignal(speech.sentence_started, timeout=5000):
        speech.speak(["Une longue première phrase qui prend du temps.", "Encore."], "fr")
    with qtbot.waitSignal(speech.finished, timeout=5000) as stopped:
        speech.speak(["Bonjour."], "fr")
    assert stopped.args == [False]
    heard.clear()
    with qtbot.waitSignal(speech.finished, timeout=10000) as done:
        pass
    assert done.args == [True] and heard == [0]


def test_stop_is_immediate_and_repeat_reads_again(qtbot, speech):
    with qtbot.waitSignal(speech.sentence_started, timeout=5000):
        speech.speak(["Une phrase assez longue pour être coupée au milieu."], "fr")
    with qtbot.waitSignal(speech.finished, timeout=100) as stopped:
        speech.stop()
    assert stopped.args == [False] and not speech.speaking
    with qtbot.waitSignal(speech.sentence_started, timeout=5000):
        assert speech.repeat()
    speech.stop()


def test_missing_voice_is_reported_not_fatal(qtbot, speech):
    with qtbot.waitSignal(speech.voice_missing, timeout=5000):
        speech.speak(["Qapla'."], "tlh")
    assert speech.available
    with qtbot.waitSignal(speech.sentence_started, timeout=5000):
        speech.speak(["Bonjour."], "fr")
    speech.stop()


def broken_engine():
    raise SpeechUnavailableError("no espeak-ng library here")


def test_no_engine_says_so_once_and_the_app_goes_on(qtbot, make_window, db, content):
    from kiosk.store.activity_store import ActivityStore
    from kiosk.store.settings_store import SettingsStore
    from kiosk.ui.main_window import MainWindow, Services

    speech = SpeechService(synthesizer_factory=broken_engine)
    notices = []
    speech.unavailable.connect(notices.append)
    try:
        window = MainWindow(Services(content, ActivityStore(db), SettingsStore(db), speech))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.speech_notice.isVisible())
        assert "ne marche pas" in window.speech_notice.text()
        assert not window.listen_button.isEnabled()
        assert not speech.speak(["Bonjour."], "fr")
        qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
        assert window.current_screen() is window.home
        assert notices == ["no espeak-ng library here"]
    finally:
        speech.shutdown()


def open_player(qtbot, window):
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    window.open_tutorial("ameli-attestation")
    qtbot.mouseClick(window.overview.start_button, Qt.MouseButton.LeftButton)
    return window.player


def test_listen_highlights_the_sentence_and_next_stops_it(qtbot, window, speech):
    player = open_player(qtbot, window)
    with qtbot.waitSignal(speech.sentence_started, timeout=5000):
        qtbot.mouseClick(player.listen_button, Qt.MouseButton.LeftButton)
    assert player.listen_button.text() == "Arrêter"
    # Sentences 0 and 1 are "Étape 1 sur N" and the title; 2 is the text's first sentence.
    with qtbot.waitSignal(speech.sentence_started, timeout=20000, check_params_cb=lambda i: i == 2):
        pass
    assert PALETTE.highlight in player.text.text()
    with qtbot.waitSignal(speech.finished, timeout=1000) as stopped:
        qtbot.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
    assert stopped.args == [False]
    assert player.position_label.text().startswith("Étape 2")
    assert PALETTE.highlight not in player.text.text()
    assert player.listen_button.text() == "Écouter"


@pytest.mark.parametrize("auto_read", [True, False])
def test_automatic_reading_follows_the_setting(qtbot, make_window, speech, auto_read):
    window = make_window(auto_read=auto_read)
    starts = []
    speech.started.connect(lambda: starts.append(1))
    open_player(qtbot, window)
    if auto_read:
        qtbot.waitUntil(lambda: speech.speaking, timeout=2000)
        assert starts
    else:
        assert not speech.speaking and not starts


def test_a_missing_voice_is_said_in_text(qtbot, window, speech):
    with qtbot.waitSignal(speech.voice_missing, timeout=5000):
        speech.speak(["Qapla'."], "tlh")
    assert window.speech_notice.isVisible()
    assert "n'existe pas dans cette langue" in window.speech_notice.text()
    assert window.listen_button.isEnabled()  # the other languages can still be read


def test_every_interface_language_has_an_espeak_voice():
    from kiosk.core.languages import LANGUAGES

    synthesizer = EspeakSynthesizer()
    for code, language in LANGUAGES.items():
        assert synthesizer.voice_for(code) == language.espeak_voice, code


def test_a_practice_message_interrupts_the_reading_and_is_said_in_its_language(
    qtbot, window, speech
):
    """5.1.3.5: new speech stops the current one; the message replaces the screen's reading."""
    window.start_session()
    window.start_tutorial("securite-faux-sites")
    player = window.player
    while player.page is None or not player.page.choice_buttons:
        player.go_next()
    with qtbot.waitSignal(speech.sentence_started, timeout=5000):
        qtbot.mouseClick(player.listen_button, Qt.MouseButton.LeftButton)
    wrong = next(
        button
        for button, answer in zip(
            player.page.choice_buttons, player.page.practice.answers, strict=True
        )
        if not answer.correct
    )
    with qtbot.waitSignal(speech.finished, timeout=1000) as stopped:
        qtbot.mouseClick(wrong, Qt.MouseButton.LeftButton)
    assert stopped.args == [False]
    assert speech.speaking
    assert [u.text for u in speech.sentences] == [player.page.feedback.text()]
    assert speech.sentences[0].languages == ("fr",)
    speech.stop()


def test_repeat_says_the_last_practice_message_again(qtbot, window, speech):
    """5.1.3.4: a spoken error or explanation can be heard again, in the same voices."""
    window.welcome.language_chosen.emit("en")
    window.start_session()
    window.start_tutorial("securite-faux-sites")
    player = window.player
    while player.page is None or not player.page.choice_buttons:
        player.go_next()
    page = player.page
    assert not page.repeat_button.isVisibleTo(page)
    wrong = next(
        button
        for button, answer in zip(page.choice_buttons, page.practice.answers, strict=True)
        if not answer.correct
    )
    qtbot.mouseClick(wrong, Qt.MouseButton.LeftButton)
    said_first = speech.sentences
    assert page.repeat_button.isVisibleTo(page)
    assert page.repeat_button.text() == "Repeat"
    speech.stop()
    with qtbot.waitSignal(speech.started, timeout=1000):
        qtbot.mouseClick(page.repeat_button, Qt.MouseButton.LeftButton)
    assert speech.sentences == said_first and said_first[0].languages == ("en",)
    speech.stop()
    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    assert not page.repeat_button.isVisibleTo(page)
