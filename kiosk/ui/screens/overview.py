"""Tutorial overview: what it is for, how long it takes, and what to have at hand."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.content import Tutorial
from kiosk.core.i18n import _, current_language, ngettext
from kiosk.core.languages import pick
from kiosk.ui.categories import level_name
from kiosk.ui.screens.base import Screen, page_layout, scrolling
from kiosk.ui.widgets import BigButton, TextLabel


class OverviewScreen(Screen):
    """Signals: start_requested(str tutorial id), back_requested(),
    print_requested(str tutorial id)."""

    start_requested = Signal(str)
    back_requested = Signal()
    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tutorial: Tutorial | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        layout = page_layout(body)
        self.title = TextLabel("title")
        self.fallback_note = TextLabel("notice")
        self.summary = TextLabel()
        self.facts = TextLabel()
        self.prepare_title = TextLabel("title")
        self.prepare_list = TextLabel()
        for widget in (
            self.title,
            self.fallback_note,
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
        layout.insertWidget(4, self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(scrolling(body), 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(48, 8, 48, 24)
        self.back_button = BigButton("previous")
        self.back_button.clicked.connect(self.back_requested)
        self.start_button = BigButton("next", "primary")
        self.start_button.clicked.connect(self._on_start)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.start_button)
        outer.addLayout(bar)
        self.retranslate_ui()

    def show_tutorial(self, tutorial: Tutorial) -> None:
        self.tutorial = tutorial
        self.retranslate_ui()
        self.start_button.setFocus()

    def _on_start(self) -> None:
        if self.tutorial:
            self.start_requested.emit(self.tutorial.id)

    def _on_print(self) -> None:
        if self.tutorial:
            self.print_requested.emit(self.tutorial.id)

    def retranslate_ui(self) -> None:
        self.back_button.set_text(_("Retour"))
        self.print_button.set_text(
            _("Imprimer ma fiche"), _("Une feuille à garder, avec l'adresse du site")
        )
        self.start_button.set_text(_("Commencer le tutoriel"))
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
        sentences = [self.title.text()]
        if self.fallback_note.isVisibleTo(self):
            sentences.append(self.fallback_note.text())
        sentences += [self.summary.text(), *self.facts.text().split("\n")]
        if self.prepare_list.isVisibleTo(self):
            sentences.append(self.prepare_title.text() + ".")
            sentences += [line.strip("• ") + "." for line in self.prepare_list.text().split("\n")]
        return [s for s in sentences if s.strip()]

    def reset(self) -> None:
        self.tutorial = None
        self.retranslate_ui()
