"""Completion: well done, what to do next for real, and the official site's address."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.content import Tutorial
from kiosk.core.dates import long_date
from kiosk.core.i18n import _, current_language
from kiosk.core.languages import pick
from kiosk.core.reading import spoken_sentences
from kiosk.core.spoken import Part, Utterance, compose, said, said_all
from kiosk.ui.button_row import ButtonRow
from kiosk.ui.layout_hint import Container
from kiosk.ui.screens.base import Screen, page_layout, scrolling
from kiosk.ui.widgets import BigButton, TextLabel


def readable_address(url: str) -> str:
    """'https://www.ameli.fr/assure' → 'www.ameli.fr/assure': what people type."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


class CompletionScreen(Screen):
    """Signals: home_requested(), restart_requested(str tutorial id),
    print_requested(str tutorial id)."""

    home_requested = Signal()
    restart_requested = Signal(str)
    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tutorial: Tutorial | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = Container()
        layout = page_layout(body)
        self.title = TextLabel("big_title")
        self.done = TextLabel()
        self.next_title = TextLabel("title")
        self.next_steps = TextLabel()
        self.address_title = TextLabel()
        self.address = TextLabel("title")
        self.checked = TextLabel()
        for widget in (
            self.title,
            self.done,
            self.next_title,
            self.next_steps,
            self.address_title,
            self.address,
            self.checked,
        ):
            layout.addWidget(widget)
        self.print_button = BigButton("print")
        self.print_button.clicked.connect(self._on_print)
        layout.addStretch(1)
        # after « Vous avez fini… »: seen without scrolling
        layout.insertWidget(2, self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(scrolling(body), 1)
        self.restart_button = BigButton("previous")
        self.restart_button.clicked.connect(self._on_restart)
        self.home_button = BigButton("home", "primary")
        self.home_button.clicked.connect(self.home_requested)
        outer.addWidget(ButtonRow([self.restart_button], [self.home_button]))
        self.retranslate_ui()

    def show_tutorial(self, tutorial: Tutorial) -> None:
        self.tutorial = tutorial
        self.retranslate_ui()
        self.home_button.setFocus()

    def _on_restart(self) -> None:
        if self.tutorial:
            self.restart_requested.emit(self.tutorial.id)

    def _on_print(self) -> None:
        if self.tutorial:
            self.print_requested.emit(self.tutorial.id)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Bravo !"))
        self.print_button.set_text(
            _("Imprimer ma fiche"), _("Une feuille à garder, avec l'adresse du site")
        )
        self.next_title.setText(_("Et maintenant ?"))
        self.address_title.setText(_("L'adresse du vrai site :"))
        self.restart_button.set_text(_("Recommencer ce tutoriel"))
        self.home_button.set_text(_("Choisir un autre tutoriel"))
        tutorial = self.tutorial
        if tutorial is None:
            for label in (self.done, self.next_steps, self.address, self.checked):
                label.clear()
            return
        language = self._content_language()
        self.done.setText(
            _("Vous avez fini le tutoriel « {title} ».").format(
                title=pick(tutorial.title, language).text
            )
        )
        self.next_steps.setText(pick(tutorial.next_steps, language).text)
        self.address.setText(readable_address(tutorial.official_url))
        checked = datetime.date.fromisoformat(tutorial.checked)
        self.checked.setText(
            _("Informations vérifiées le {date}.").format(
                date=long_date(checked, current_language())
            )
        )

    def first_focus(self) -> QWidget | None:
        return self.home_button

    def screen_title(self) -> str:
        return self.title.text()

    def speech_sentences(self) -> list[str]:
        return [utterance.text for utterance in self.reading()]

    def reading(self) -> list[Utterance]:
        """Our words in the interface language; the tutorial's title and next steps in the
        content's; the address in the interface language (its dots said as "point", "dot"…).
        """
        interface = current_language()
        tutorial = self.tutorial
        sentences = [said(self.title.text(), interface)]
        if tutorial is not None:
            content = self._content_language()
            title = Part(pick(tutorial.title, content).text, content)
            sentences.append(
                compose(_("Vous avez fini le tutoriel « {title} »."), interface, title=title)
            )
            sentences.append(said(self.next_title.text(), interface))
            sentences += said_all(spoken_sentences(self.next_steps.text()), content)
            sentences.append(said(self.address_title.text(), interface))
            sentences.append(said(self.address.text(), interface))
        return sentences

    def _content_language(self) -> str:
        language = current_language()
        if self.tutorial is None or language not in self.tutorial.languages():
            return "fr"
        return language

    def reset(self) -> None:
        self.tutorial = None
        self.retranslate_ui()
