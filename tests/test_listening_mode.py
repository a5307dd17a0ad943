"""Mode écoute, through the real window: what the speech service is asked to say, touch by touch
and key by key, until a practice is done (EN 301 549 V3.2.1 clause 5.1.3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.ui.listening_mode import attach


class Heard:
    """Every list of sentences the speech service was asked to say, in order."""

    def __init__(self, speech) -> None:
        self.speech = speech
        self.said: list[list[str]] = []
        speech.started.connect(self._on_started)

    def _on_started(self) -> None:
        self.said.append([u.text for u in self.speech.sentences])

    @property
    def last(self) -> list[str]:
        return self.said[-1] if self.said else []

    def all_text(self) -> str:
        return "\n".join(s for said in self.said for s in said)

    def clear(self) -> None:
        self.said.clear()


@pytest.fixture
def listening(window, speech):
    mode = attach(window)
    yield mode, Heard(speech)
    speech.stop()


def touch(qtbot, widget) -> None:
    """A finger on ``widget``: it must be in sight."""
    assert widget.isVisible(), widget.accessibleName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def touch_twice(qtbot, heard, widget, expected: str) -> None:
    """First touch: the kiosk says ``expected`` (at the start of what it says); second: presses."""
    touch(qtbot, widget)
    assert heard.last and heard.last[0].startswith(expected), heard.last
    touch(qtbot, widget)


def settle(qtbot) -> None:
    """Let the mode say what a press changed (it waits for one turn of the event loop)."""
    for _ in range(3):
        QApplication.processEvents()


def test_the_welcome_button_says_what_it_does_then_switches_the_mode_on(qtbot, window, listening):
    mode, heard = listening
    button = window.welcome.listening_button
    touch(qtbot, button)
    assert not mode.on
    assert heard.last[0] == "Mode écoute."
    assert "Pour l'allumer, touchez encore ce bouton." in heard.last
    assert window.current_screen() is window.welcome  # the touch did not start a visit
    touch(qtbot, button)
    assert mode.on and button.isChecked()
    assert heard.last[0] == "Mode écoute allumé."
    touch(qtbot, window.welcome.start_button)
    assert heard.last == ["Touchez l'écran pour commencer, bouton."]
    assert window.current_screen() is window.welcome  # a first touch only speaks
    touch(qtbot, button)
    assert heard.last[0] == "Mode écoute, bouton, allumé."
    touch(qtbot, button)
    assert not mode.on and heard.last == ["Mode écoute éteint."]


def test_touch_only_journey_to_a_practice_done(qtbot, window, listening):
    _mode, heard = listening
    touch(qtbot, window.welcome.listening_button)
    touch(qtbot, window.welcome.listening_button)
    touch_twice(qtbot, heard, window.welcome.start_button, "Touchez l'écran pour commencer")
    settle(qtbot)
    assert window.current_screen() is window.home
    assert [s for s in heard.last[:-1]] == [u.text for u in window.home.reading()]  # read at once
    assert heard.last[-1].endswith("case à remplir, vide.")  # then where the focus is
    home = window.home
    security = next(c for c in home.cards if c.objectName() == "category-securite")
    touch_twice(qtbot, heard, security, "Sécurité")
    settle(qtbot)
    tile = next(c for c in home.cards if c.objectName() == "tutorial-securite-faux-sites")
    touch_twice(qtbot, heard, tile, "Reconnaître un faux site")
    settle(qtbot)
    assert window.current_screen() is window.overview
    touch_twice(qtbot, heard, window.overview.start_button, window.overview.start_button.text())
    settle(qtbot)
    player = window.player
    assert window.current_screen() is player
    assert heard.last[0].startswith("Étape 1 sur")  # each new step is read from its start
    while player.page is None:
        touch_twice(qtbot, heard, player.next_button, "Suivant, bouton.")
        settle(qtbot)
        assert heard.last[0].startswith(f"Étape {player.index + 1} sur"), heard.last
    page = player.page
    answers = list(zip(page.choice_buttons, page.practice.answers, strict=True))
    wrong = next(button for button, answer in answers if not answer.correct)
    right = next(button for button, answer in answers if answer.correct)
    touch_twice(qtbot, heard, wrong, wrong.text())
    assert heard.last == [page.feedback.text()]  # 5.1.3.15: the mistake is said
    touch_twice(qtbot, heard, page.repeat_button, "Répéter, bouton.")
    assert heard.last == [page.feedback.text()]  # 5.1.3.4: said again
    touch_twice(qtbot, heard, right, right.text())
    settle(qtbot)
    assert page.exercise.succeeded
    assert heard.last[-1] == "Pour continuer, touchez « Suivant »."
    assert any(s.startswith("Bravo") for s in heard.last), heard.last


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_keyboard_only_journey_to_a_practice_done(qtbot, window, listening):
    mode, heard = listening
    window.activateWindow()
    press(qtbot, Qt.Key.Key_F1)
    assert mode.on and heard.last[0] == "Mode écoute allumé."
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.current_screen() is window.home
    qtbot.keyClicks(window.home.search_field, "attestation")
    assert heard.last == ["n"]  # each letter typed is said
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        settle(qtbot)
        if QApplication.focusWidget().objectName() == "tutorial-ameli-attestation":
            break
    tile = QApplication.focusWidget()
    assert heard.last[0] == f"{tile.accessibleName()}, bouton.", heard.last  # the focus speaks
    press(qtbot, Qt.Key.Key_Space)
    settle(qtbot)
    assert window.current_screen() is window.overview
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    player = window.player
    while player.page is None or not player.page.rows:
        assert QApplication.focusWidget() is player.next_button
        press(qtbot, Qt.Key.Key_Return)
        settle(qtbot)
        assert heard.last[0].startswith(f"Étape {player.index + 1} sur"), heard.last
    page = player.page
    for _ in range(12):
        press(qtbot, Qt.Key.Key_Tab)
        settle(qtbot)
        if QApplication.focusWidget() is page.papers_button:
            break
    assert heard.last[0].startswith("Voir les papiers de"), heard.last
    press(qtbot, Qt.Key.Key_Space)
    settle(qtbot)
    said_papers = "\n".join(heard.last)
    assert "Carte Vitale" in said_papers  # the papers a press brings are read
    number = next(v for k, _l, v in page.papers[0].lines if k == "nir")
    assert number in said_papers  # the carte Vitale number can be heard
    (row,) = page.rows
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        settle(qtbot)
        if QApplication.focusWidget() is row.edit:
            break
    assert heard.last[0] == f"{row.label.text()}, case à remplir, vide."
    qtbot.keyClicks(row.edit, number)
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.exercise.succeeded
    assert any(s.startswith("Bravo") for s in heard.last), heard.said[-4:]


def open_step(qtbot, window, tutorial_id: str, step_id: str):
    window.start_session()
    window.start_tutorial(tutorial_id)
    player = window.player
    while player.step.id != step_id:
        player.go_next()
    return player


def test_listen_reads_the_drawing_the_papers_the_buttons_and_the_options(qtbot, window, listening):
    mode, heard = listening
    player = open_step(qtbot, window, "ameli-attestation", "log-in")
    window.welcome.language_chosen.emit("fr")
    page = player.page
    touch(qtbot, page.papers_button)  # with the mode off, a touch presses at once
    assert page.papers[0].isVisible()
    mode.switch(True, say=False)
    touch_twice(qtbot, heard, player.listen_button, "Écouter, bouton.")
    said = heard.last
    assert said[: len(player.reading())] == [u.text for u in player.reading()]
    assert len(said) == len(set(said))  # nothing twice (the step's text, the choices)
    number = next(v for k, _l, v in page.papers[0].lines if k == "nir")
    assert "Carte Vitale." in said and any(number in s for s in said)
    assert f"{page.rows[0].label.text()}, case à remplir, vide." in said
    assert "Précédent, bouton." in said and "Suivant, bouton." in said
    assert "Accueil, bouton." in said  # the toolbar too
    assert said[-4:] == [
        "Langue choisie : Français.",
        "Blanc sur noir : non.",
        "Texte : 100 %.",
        "Volume : 5 sur 10.",
    ]
    touch(qtbot, player.listen_button)  # pressed again while reading: silence
    assert not mode.speech.speaking


def test_a_drawing_says_its_description_and_contrast_is_said_chosen(qtbot, window, listening):
    mode, heard = listening
    player = open_step(qtbot, window, "franceconnect", player_step_with_image(window))
    mode.switch(True, say=False)
    touch(qtbot, player.illustration)
    assert heard.last == [f"Image : {player.illustration.accessibleName()}"]
    touch(qtbot, window.display_button)
    touch(qtbot, window.display_button)
    panel = window.display_panel
    touch_twice(qtbot, heard, panel.contrast_button, "Blanc sur noir, bouton, pas choisi.")
    settle(qtbot)
    assert panel.contrast_button.isChecked()
    assert heard.last == ["Blanc sur noir, bouton, choisi."]  # the new state, once pressed
    touch(qtbot, panel.contrast_button)  # still the one chosen: a touch presses again
    settle(qtbot)
    assert heard.last == ["Blanc sur noir, bouton, pas choisi."]
    touch(qtbot, panel.contrast_button)
    settle(qtbot)
    assert panel.contrast_button.isChecked()
    mode.toggle_reading()
    assert "Blanc sur noir : oui." in heard.last
    window.end_session("finished")  # the theme is the application's: back to standard
    assert not panel.contrast_button.isChecked()


def player_step_with_image(window) -> str:
    tutorial = window.services.content.tutorial("franceconnect")
    return next(step.id for step in tutorial.steps if step.image and step.practice is None)


def test_speech_stops_at_any_action_with_the_mode_off(qtbot, window, speech, listening):
    """5.1.3.5: "Plus grand", a key typed, a touch anywhere: the reading stops."""
    _mode, _heard = listening
    player = open_step(qtbot, window, "ameli-attestation", "log-in")
    for number, action in enumerate(
        (
            lambda: touch(qtbot, window.display_button),
            lambda: qtbot.keyClick(player.page.rows[0].edit, "2"),
            lambda: touch(qtbot, player.page.papers_button),
            lambda: touch(qtbot, player.page.rows[0].keyboard_button),
        )
    ):
        window.display_panel.hide()
        with qtbot.waitSignal(speech.started, timeout=1000):
            touch(qtbot, player.listen_button)
        assert speech.speaking
        with qtbot.waitSignal(speech.finished, timeout=1000, raising=False) as stopped:
            action()
        assert stopped.signal_triggered, number
        assert stopped.args == [False], number


def test_listen_pressed_again_still_stops_with_the_mode_off(qtbot, window, speech, listening):
    open_step(qtbot, window, "franceconnect", "type-password")
    with qtbot.waitSignal(speech.started, timeout=1000):
        touch(qtbot, window.player.listen_button)
    touch(qtbot, window.player.listen_button)
    assert not speech.speaking
    touch(qtbot, window.player.listen_button)
    assert speech.speaking  # not stopped by its own press, then read again


def test_a_hidden_field_stays_silent(qtbot, window, listening):
    """5.1.3.8: neither the letters typed, nor the keys of the keyboard, nor the field's content."""
    mode, heard = listening
    player = open_step(qtbot, window, "franceconnect", "type-password")
    mode.switch(True, say=False)
    password = next(r for r in player.page.rows if r.item.masked)
    assert password.edit.echoMode() == QLineEdit.EchoMode.Password
    touch(qtbot, password.edit)
    assert heard.last == [f"{password.label.text()}, case à remplir, cachée, vide."]
    heard.clear()
    qtbot.keyClicks(password.edit, "Secret-Pass-2026")
    assert heard.said == []
    touch(qtbot, password.edit)
    assert "Secret" not in heard.all_text()
    touch_twice(qtbot, heard, password.keyboard_button, "Clavier, bouton.")
    key = window.keyboard.keys["s"]
    typed = password.edit.text()
    touch(qtbot, key)
    assert heard.last == ["touche."]  # not "s"
    touch(qtbot, key)
    settle(qtbot)
    assert len(password.edit.text()) == len(typed) + 1
    assert heard.last == ["touche."], heard.said[-4:]  # typed, and not said
    mode.toggle_reading()
    assert "Secret" not in heard.all_text()
    fiscal = next(r for r in player.page.rows if not r.item.masked)
    touch_twice(qtbot, heard, fiscal.keyboard_button, "Clavier, bouton.")
    touch(qtbot, key)
    assert heard.last == ["s, touche."]  # for a field shown on screen, the key says its letter
    touch(qtbot, key)
    settle(qtbot)
    assert fiscal.edit.text().endswith("s") and heard.last == ["s"]  # typed, and said


def test_exploring_by_touch_keeps_the_visit_alive(qtbot, make_window, speech):
    """First touches are swallowed, but they are not being away: the idle time starts again."""
    window = make_window()
    mode = attach(window)
    window.start_session()
    mode.switch(True, say=False)
    window.idle.watcher._timer.setInterval(60_000)
    window.idle.watcher._timer.start(60_000)
    with qtbot.waitSignal(window.idle.watcher.activity, timeout=1000):
        touch(qtbot, window.home.search_field)
    assert window.idle.watcher._timer.remainingTime() > 59_000


def test_f3_says_the_last_thing_again(qtbot, window, speech, listening):
    _mode, heard = listening
    window.activateWindow()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    first = heard.last
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    assert heard.last == first and len(heard.said) == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert heard.last[: len(window.welcome.reading())] == [u.text for u in window.welcome.reading()]


def test_the_mode_ends_with_the_visit(qtbot, window, listening):
    mode, heard = listening
    touch(qtbot, window.welcome.listening_button)
    touch(qtbot, window.welcome.listening_button)
    assert mode.on
    window.start_session()
    heard.clear()
    window.end_session("finished")
    assert not mode.on and not window.welcome.listening_button.isChecked()
    assert "Mode écoute éteint." not in heard.all_text()  # the next person hears nothing of it


def test_touch_then_touch_is_one_press_even_quickly_after_the_last_one(qtbot, window, listening):
    """The second-tap guard ignores a press 0.6 s after the last one; in this mode the first
    touch already asked, so a quick second touch presses, and a third (the new step) speaks."""
    from tests.conftest import FakeClock

    mode, heard = listening
    window.tap_guard.clock = FakeClock()  # time stands still: every press is "too soon"
    player = open_step(qtbot, window, "franceconnect", "what-is-it")
    mode.switch(True, say=False)
    start = player.index
    touch_twice(qtbot, heard, player.next_button, "Suivant, bouton.")
    touch_twice(qtbot, heard, player.next_button, "Suivant, bouton.")
    assert player.index == start + 2  # one step per "touch, touch", never more, never less


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_what_the_mode_says_is_tagged_with_its_language(qtbot, window, listening, language):
    """Buttons, papers, fields and options in Arabic or Ukrainian over French content: each part
    goes to the voice of the language it is written in (as tests/test_speech_languages.py asks
    of the screens)."""
    from tests.test_speech_languages import foreign_share, is_web_address

    mode, _heard = listening
    window.welcome.language_chosen.emit(language)
    player = open_step(qtbot, window, "ameli-attestation", "log-in")
    player.page._show_papers(None)
    mode.switch(True, say=False)
    said = mode.full_reading()
    for widget in (*player.page.choice_buttons, player.page.rows[0].edit, player.next_button):
        said += mode.describe(widget)
    mistagged = {
        (part.language, part.text)
        for utterance in said
        for part in utterance.parts
        if foreign_share(part) > 0.5 and not is_web_address(part.text.strip())
    }
    assert sorted(mistagged) == []
