"""Tutorial overview: what it is for, how long it takes, and what to have at hand."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.content import Tutorial
from kiosk.core.i18n import _, current_language, ngettext
from kiosk.core.languages import pick
from kiosk.core.spoken import Utterance, said, said_all
from kiosk.ui.button_row import ButtonRow
from kiosk.ui.categories import level_name
from kiosk.ui.layout_hint import Container
from kiosk.ui.screens.base import Screen, page_layout, scrolling
from kiosk.ui.widgets import BigButton, TextLabel


class OverviewScreen(Screen):
    """Signals: start_requested(str tutorial id, int step index), back_requested(),
    print_requested(str tutorial id).

    Within a visit, a tutorial left half-way offers "Reprendre à l'étape N" first, and
    "Recommencer au début" beside the place it names.
    """

    start_requested = Signal(str, int)
    back_requested = Signal()
    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tutorial: Tutorial | None = None
        self.resume_at = 0  # the step (from 0) to resume at; 0: start at the beginning
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = Container()
        layout = page_layout(body)
        self.title = TextLabel("title")
        self.fallback_note = TextLabel("notice")
        self.place_note = TextLabel("notice")
        self.restart_button = BigButton("previous")
        self.restart_button.setObjectName("overview-restart")
        self.restart_button.clicked.connect(self._on_restart)
        self.summary = TextLabel()
        self.facts = TextLabel()
        self.prepare_title = TextLabel("title")
        self.prepare_list = TextLabel()
        for widget in (
            self.title,
            self.fallback_note,
            self.place_note,
            self.restart_button,
            self.summary,
            self.facts,
            self.prepare_title,
            self.prepare_list,
        ):
            layout.addWidget(widget)
        self.print_button = BigButton("print")
        self.print_button.clicked.connect(self._on_print)
        layout.addStretch(1)
        # after the facts: seen without scrolling
        layout.insertWidget(
            layout.indexOf(self.facts) + 1, self.print_button, 0, Qt.AlignmentFlag.AlignLeft
        )
        outer.addWidget(scrolling(body), 1)
        self.back_button = BigButton("previous")
        self.back_button.clicked.connect(self.back_requested)
        self.start_button = BigButton("next", "primary")
        self.start_button.clicked.connect(self._on_start)
        outer.addWidget(ButtonRow([self.back_button], [self.start_button]))
        self.retranslate_ui()

    def show_tutorial(self, tutorial: Tutorial, resume_at: int = 0) -> None:
        """Show ``tutorial``; ``resume_at`` (from 0) is where this person left it, if > 0."""
        self.tutorial = tutorial
        self.resume_at = resume_at if 0 < resume_at < len(tutorial.steps) else 0
        self.retranslate_ui()
        self.scroll_to_top()
        self.start_button.setFocus()

    def _on_start(self) -> None:
        if self.tutorial:
            self.start_requested.emit(self.tutorial.id, self.resume_at)

    def _on_restart(self) -> None:
        if self.tutorial:
            self.start_requested.emit(self.tutorial.id, 0)

    def _on_print(self) -> None:
        if self.tutorial:
            self.print_requested.emit(self.tutorial.id)

    def retranslate_ui(self) -> None:
        self.back_button.set_text(_("Retour"))
        step = self.resume_at + 1
        if self.resume_at:
            self.start_button.set_text(_("Reprendre à l'étape {number}").format(number=step))
        else:
            self.start_button.set_text(_("Commencer le tutoriel"))
        self.place_note.setText(_("Vous étiez à l'étape {number}.").format(number=step))
        self.restart_button.set_text(_("Recommencer au début"))
        self.place_note.setVisible(bool(self.resume_at))
        self.restart_button.setVisible(bool(self.resume_at))
        self.print_button.set_text(
            _("Imprimer ma fiche"), _("Une feuille à garder, avec l'adresse du site")
        )
        self.prepare_title.setText(_("À préparer"))
        tutorial = self.tutorial
        if tutorial is None:
            for label in (self.title, self.summary, self.facts, self.prepare_list):
                label.clear()
            self.fallback_note.hide()
            return
        language = current_language()
        title = pick(tutorial.title, language)
        self.title.setText(title.text)
        self.fallback_note.setText(
            _("Ce tutoriel n'existe pas encore dans votre langue. Il est en français.")
        )
        self.fallback_note.setVisible(language not in tutorial.languages())
        self.summary.setText(pick(tutorial.summary, language).text)
        steps = len(tutorial.steps)
        self.facts.setText(
            "\n".join(
                [
                    _("Durée : {minutes} minutes environ.").format(minutes=tutorial.minutes),
                    _("Niveau : {level}.").format(level=level_name(tutorial.level)),
                    ngettext("{n} étape.", "{n} étapes.", steps).format(n=steps),
                ]
            )
        )
        items = [pick(item, language).text for item in tutorial.prepare]
        self.prepare_list.setText("\n".join(f"•  {item}" for item in items))
        self.prepare_title.setVisible(bool(items))
        self.prepare_list.setVisible(bool(items))

    def first_focus(self) -> QWidget | None:
        return self.start_button

    def screen_title(self) -> str:
        return self.title.text()

    def speech_language(self) -> str:
        if self.tutorial and current_language() not in self.tutorial.languages():
            return "fr"
        return current_language()

    def speech_sentences(self) -> list[str]:
        return [utterance.text for utterance in self.reading()]

    def reading(self) -> list[Utterance]:
        """The tutorial's texts in the content's language, ours in the interface language."""
        interface, content = current_language(), self.speech_language()
        sentences = [said(self.title.text(), content)]
        if self.fallback_note.isVisibleTo(self):
            sentences.append(said(self.fallback_note.text(), interface))
        if self.place_note.isVisibleTo(self):
            sentences.append(said(self.place_note.text(), interface))
        sentences.append(said(self.summary.text(), content))
        sentences += said_all(self.facts.text().split("\n"), interface)
        if self.prepare_list.isVisibleTo(self):
            sentences.append(said(self.prepare_title.text() + ".", interface))
            items = self.prepare_list.text().split("\n")
            sentences += said_all([line.strip("• ") + "." for line in items], content)
        return [s for s in sentences if s.text.strip()]

    def reset(self) -> None:
        self.tutorial = None
        self.resume_at = 0
        self.retranslate_ui()
