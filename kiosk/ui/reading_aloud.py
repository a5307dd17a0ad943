"""Reading aloud: "Écouter"/"Arrêter", the sentence being read, and what to say when the kiosk
cannot speak."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from kiosk.core.i18n import _

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class ReadingAloud(QObject):
    """Connects the speech service to the shell's screens and its "Écouter" buttons."""

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self.shell = shell
        self.speech = shell.services.speech
        self.speech.rate = shell.services.settings.get("speech_rate")
        self.speech.sentence_started.connect(self._on_sentence_started)
        self.speech.started.connect(self.update_buttons)
        self.speech.finished.connect(self._on_finished)
        self.speech.unavailable.connect(self._on_unavailable)
        self.speech.voice_missing.connect(self._on_voice_missing)

    @Slot()
    def toggle(self) -> None:
        """ "Écouter" reads the screen; pressed again while reading ("Arrêter"), it stops."""
        if self.speech.speaking:
            self.speech.stop()
        else:
            self.read_screen()

    def read_screen(self) -> None:
        citizen = self.shell.citizen
        screen = citizen.current_screen()
        tutorial = screen.tutorial if screen is citizen.built("player") else None
        listening = self.shell.listening
        # In listening mode, everything on the screen: drawings' descriptions, the papers'
        # values, the buttons and which options are chosen.
        reading = listening.full_reading() if listening and listening.on else screen.reading()
        if self.speech.speak(reading):
            self.shell.session.record("listen", tutorial.id if tutorial else None)

    @Slot(list)
    def speak_practice(self, sentences: list) -> None:
        """Feedback of an exercise is spoken, as every text is; never what was typed.
        Each sentence carries its language (the page tags them)."""
        self.speech.speak(list(sentences), self.shell.citizen.player.speech_language())

    @Slot(int)
    def _on_sentence_started(self, index: int) -> None:
        self.shell.citizen.current_screen().highlight_sentence(index)

    @Slot(bool)
    def _on_finished(self, _completed: bool) -> None:
        for screen in self.shell.citizen.screens:
            screen.highlight_sentence(None)
        self.update_buttons()

    @Slot()
    def update_buttons(self) -> None:
        if self.speech.speaking:
            text, name = _("Arrêter"), "stop"
        else:
            text, name = _("Écouter"), "listen"
        buttons = [self.shell.toolbar.listen_button]
        player = self.shell.citizen.built("player")
        if player is not None:
            buttons.append(player.listen_button)
        for button in buttons:
            button.set_text(text, _("Lire cet écran à voix haute"))
            button.set_icon(name)
            button.setEnabled(self.speech.available)

    def retranslate_ui(self) -> None:
        if self.speech.available:
            self.shell.speech_notice.hide()  # a missing voice was for the previous language
        self.shell.speech_notice.setText(
            _("La lecture à voix haute ne marche pas sur cette borne. Vous pouvez lire le texte.")
        )
        self.update_buttons()

    @Slot(str)
    def _on_unavailable(self, _reason: str) -> None:
        self.shell.speech_notice.show()
        self.update_buttons()

    @Slot(str)
    def _on_voice_missing(self, _reason: str) -> None:
        """Say it in text, once per language, instead of reading in a wrong voice."""
        self.shell.speech_notice.setText(
            _("La lecture à voix haute n'existe pas dans cette langue. Vous pouvez lire le texte.")
        )
        self.shell.speech_notice.show()
        self.update_buttons()
