"""A simulated page: a neutral look, a permanent "Simulation" banner, and the exercise."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.i18n import _, current_language
from kiosk.core.languages import pick
from kiosk.core.practice.exercise import Exercise
from kiosk.core.practice.model import PracticeField
from kiosk.core.practice.validators import password_rules
from kiosk.core.spoken import Part, Utterance, compose, said
from kiosk.ui.layout_hint import LayoutSizeHint
from kiosk.ui.practice.keyboard import EMAIL_FIELD
from kiosk.ui.practice.paper_document import PaperDocument
from kiosk.ui.private_field import PrivateField
from kiosk.ui.touch_scroll import reveal
from kiosk.ui.widgets import BigButton, TextLabel, WrappingButton, restyle


class FieldRow(LayoutSizeHint, QWidget):
    """A label, a big field, its keyboard button, its message, hint and "Montrez-moi"."""

    def __init__(self, item: PracticeField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.label = TextLabel()
        self.edit = PrivateField()
        self.edit.setObjectName(f"field-{item.id}")
        if item.masked:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setProperty(EMAIL_FIELD, item.check == "email")
        self.label.setBuddy(self.edit)
        row = QHBoxLayout()
        self.keyboard_button = BigButton("keyboard")
        row.addWidget(self.edit, 1)
        row.addWidget(self.keyboard_button)
        self.rules = TextLabel()
        self.rules.setVisible(item.check == "password")
        self.message = TextLabel("feedback")
        self.message.hide()
        self.hint = TextLabel("tip")
        self.hint.hide()
        self.show_me_button = BigButton("help")
        self.show_me_button.hide()
        for widget in (self.label,):
            layout.addWidget(widget)
        layout.addLayout(row)
        for widget in (self.rules, self.message, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.show_me_button, 0, Qt.AlignmentFlag.AlignLeft)
        if item.check == "password":
            self.edit.textChanged.connect(self._show_rules)
        self.retranslate_ui()

    def set_label(self, text: str) -> None:
        """The field's name, in the content's language, also given to screen readers."""
        self.label.setText(text)
        self.edit.setAccessibleName(text)

    def retranslate_ui(self) -> None:
        self.keyboard_button.set_text(_("Clavier"), _("Ouvrir le clavier à l'écran"))
        self.show_me_button.set_text(_("Montrez-moi"), _("Remplir la case avec la réponse"))
        self._show_rules()

    def _show_rules(self) -> None:
        """The password rules, each ticked as soon as it is met."""
        if self.item.check != "password":
            return
        rules = password_rules(self.edit.text())
        lines = [("✔ " if r.met else "✘ ") + r.label for r in rules]
        self.rules.setText(_("Un mot de passe solide a :") + "\n" + "\n".join(lines))


class SimulatedPage(LayoutSizeHint, QFrame):
    """The exercise of one step.

    Signals: speak(list of Utterance: each tagged with its language), keyboard_requested(QLineEdit),
    succeeded().
    """

    speak = Signal(list)
    keyboard_requested = Signal(QLineEdit)
    succeeded = Signal()

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simulated_page")
        self.exercise = exercise
        self.practice = exercise.practice
        self.language = exercise.language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.setSpacing(16)
        self.header = TextLabel()
        self.header.setObjectName("site_header")
        self.banner = TextLabel()
        self.banner.setObjectName("simulation_banner")
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        body = QVBoxLayout()
        body.setContentsMargins(24, 0, 24, 0)
        body.setSpacing(16)
        layout.addLayout(body)
        self.intro = TextLabel()
        body.addWidget(self.intro)
        self.papers: list[PaperDocument] = []
        self.papers_button = BigButton("cat-identite")
        self.papers_button.clicked.connect(self._toggle_papers)
        self.papers_box = QVBoxLayout()
        if exercise.persona and self.practice.documents:
            body.addWidget(self.papers_button, 0, Qt.AlignmentFlag.AlignLeft)
            for kind in self.practice.documents:
                paper = PaperDocument(kind, exercise.persona)
                paper.hide()
                self.papers.append(paper)
                self.papers_box.addWidget(paper)
            body.addLayout(self.papers_box)
        else:
            self.papers_button.hide()
        self.rows: list[FieldRow] = []
        self.choice_buttons: list[WrappingButton] = []
        self.exhibit = TextLabel("exhibit")
        self.question = TextLabel("title")
        self.feedback = TextLabel("feedback")
        self.feedback.hide()
        self.success = TextLabel("success")
        self.success.hide()
        # A tick, not an arrow: "Suivant" below the page is the only way forward.
        self.submit_button = BigButton("check", "primary")
        builders = {
            "form": self._build_form,
            "find": self._build_find,
            "question": self._build_question,
            "scam": self._build_question,
        }
        builders[self.practice.kind](body)
        body.addWidget(self.feedback)
        body.addWidget(self.success)
        # "Répéter" says the last message again (EN 301 549 5.1.3.4), once there is one.
        self.repeat_button = BigButton("listen")
        self.repeat_button.setObjectName("practice-repeat")
        self.repeat_button.clicked.connect(self.repeat_message)
        self.repeat_button.hide()
        self._last_message: list[Utterance] = []
        body.addWidget(self.repeat_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.restart_button = BigButton("previous")
        self.restart_button.clicked.connect(self.restart)
        body.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate_ui()

    def _text(self, text) -> str:
        return pick(text, self.language).text if text else ""

    # -- building each kind --------------------------------------------------------------------
    def _build_form(self, body: QVBoxLayout) -> None:
        for item in self.practice.fields:
            row = FieldRow(item)
            row.keyboard_button.clicked.connect(
                lambda _c=False, edit=row.edit: self.keyboard_requested.emit(edit)
            )
            row.edit.returnPressed.connect(self.submit)
            row.show_me_button.clicked.connect(lambda _c=False, r=row: self._show_me(r))
            body.addWidget(row)
            self.rows.append(row)
        self.submit_button.setObjectName("practice-submit")
        self.submit_button.clicked.connect(self.submit)
        body.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _build_find(self, body: QVBoxLayout) -> None:
        for target in self.practice.targets:
            button = WrappingButton("link" if target.kind == "link" else "tile")
            button.setObjectName(f"target-{target.id}")
            button.clicked.connect(lambda _c=False, t=target.id: self._choose_target(t))
            body.addWidget(button)  # full width: its label wraps instead of running off
            self.choice_buttons.append(button)
        self.submit_button.hide()

    def _build_question(self, body: QVBoxLayout) -> None:
        exhibit = self.practice.exhibit
        if exhibit:
            body.addWidget(self.exhibit)
        body.addWidget(self.question)
        for index in range(len(self.practice.answers)):
            button = WrappingButton()
            button.setObjectName(f"answer-{index + 1}")
            button.clicked.connect(lambda _c=False, i=index: self._choose_answer(i))
            body.addWidget(button)  # full width: its label wraps instead of running off
            self.choice_buttons.append(button)
        self.submit_button.hide()

    def set_language(self, language: str) -> None:
        """The content's texts follow a change of language; what was typed or found stays."""
        self.language = self.exercise.language = language
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(self._text(self.practice.intro))
        for row in self.rows:
            row.set_label(self._text(row.item.label))
        choices = (
            [target.label for target in self.practice.targets]
            if self.practice.kind == "find"
            else [answer.text for answer in self.practice.answers]
        )
        for button, text in zip(self.choice_buttons, choices, strict=True):
            button.set_text(self._text(text))
        self.header.setText(_("{site} — simulation").format(site=self.practice.site))
        self.banner.setText(_("Simulation : rien n'est envoyé. Ici, vous pouvez vous tromper."))
        self.submit_button.set_text(self._text(self.practice.submit) or _("Valider"))
        self.restart_button.set_text(_("Recommencer l'exercice"))
        self.repeat_button.set_text(_("Répéter"), _("Dire encore le dernier message"))
        persona = self.exercise.persona
        if persona:
            self.papers_button.set_text(
                _("Voir les papiers de {name}").format(name=persona.value("full_name"))
            )
        exhibit = self.practice.exhibit
        if exhibit:
            prefix = self._exhibit_prefix().format(sender=exhibit.sender)
            self.exhibit.setText(f"{prefix}\n{self._text(exhibit.text)}")
        self.question.setText(self._text(self.practice.question))
        for row in self.rows:
            row.retranslate_ui()
        for paper in self.papers:
            paper.refresh()

    def _exhibit_prefix(self) -> str:
        kind = self.practice.exhibit.kind if self.practice.exhibit else "address"
        return {
            "sms": _("SMS de {sender} :"),
            "email": _("E-mail de {sender} :"),
            "address": _("Adresse du site :"),
        }[kind]

    def _said(self, text: str) -> Utterance:
        """A text of the exercise, in the content's language."""
        return said(text, self.language)

    def reading(self) -> list[Utterance]:
        """What "Écouter" reads of the exercise (never what was typed): the banner in the
        interface language, the exercise's texts in the content's."""
        interface = current_language()
        sentences = [said(self.banner.text(), interface), self._said(self.intro.text())]
        exhibit = self.practice.exhibit
        if exhibit:
            sender = Part(exhibit.sender, self.language)
            sentences.append(compose(self._exhibit_prefix(), interface, sender=sender))
            sentences.append(self._said(self._text(exhibit.text)))
        if self.practice.question:
            sentences.append(self._said(self.question.text()))
        sentences += [self._said(b.text()) for b in self.choice_buttons]
        sentences += [self._said(row.label.text()) for row in self.rows]
        return [s for s in sentences if s.text.strip()]

    # -- what the person does ------------------------------------------------------------------
    @Slot()
    def _toggle_papers(self) -> None:
        visible = not (self.papers and self.papers[0].isVisible())
        for paper in self.papers:
            paper.setVisible(visible)

    def _show_papers(self, highlight: str | None) -> None:
        for paper in self.papers:
            paper.show()
            paper.highlight(highlight)

    def set_text_scale(self, scale: float) -> None:
        """The papers grow with the text, as everything else does."""
        for paper in self.papers:
            paper.set_scale(scale)

    @Slot()
    def submit(self) -> None:
        if self.exercise.succeeded:
            return  # a second press of "Continuer" is not a second success
        values = {row.item.id: row.edit.text() for row in self.rows}
        results = self.exercise.submit(values)
        interface = current_language()
        spoken: list[Utterance] = []
        for row in self.rows:
            feedback = results[row.item.id]
            ok = feedback.outcome.ok
            row.message.setText(_("C'est juste.") if ok else feedback.outcome.message)
            restyle(row.message, "role", "success" if ok else "feedback")
            row.message.show()
            if not ok:
                label = Part(row.label.text() + " : ", self.language)
                spoken.append(Utterance((label, Part(feedback.outcome.message, interface))))
            if feedback.hint:
                row.hint.setText(_("Un indice :") + " " + feedback.hint)
                row.hint.show()
                hint = self.exercise.spoken_hint(row.item)
                spoken.append(Utterance((Part(_("Un indice :") + " ", interface), *hint.parts)))
                if row.item.document:
                    self._show_papers(row.item.expect)
            row.show_me_button.setVisible(feedback.offer_show_me)
        if self.exercise.succeeded:
            self._succeed()
        else:
            wrong = next((r for r in self.rows if not results[r.item.id].outcome.ok), None)
            if wrong is not None:
                reveal(wrong)
            self._say(spoken)

    def _show_me(self, row: FieldRow) -> None:
        value, explanation = self.exercise.show_me(row.item.id)
        row.edit.setText(value)
        row.message.hide()  # the error was about what was typed before: it no longer holds
        row.hint.setText(explanation)
        row.hint.show()
        row.show_me_button.hide()
        if row.item.document:
            self._show_papers(row.item.expect)
            paper = next((p for p in self.papers if p.shows(row.item.expect)), None)
            reveal(paper if paper is not None else row)
        else:
            reveal(row)
        self._say([self.exercise.answer_source(row.item)])

    def _choose_target(self, target_id: str) -> None:
        if self.exercise.succeeded:
            return
        result = self.exercise.choose_target(target_id)
        target = next(t for t in self.practice.targets if t.id == target_id)
        own = bool(target.feedback)  # else the kiosk's own words, in the interface language
        self._show_choice(result.correct, result.message, self.language if own else None)

    def _choose_answer(self, index: int) -> None:
        if self.exercise.succeeded:
            return
        result = self.exercise.choose_answer(index)
        self._show_choice(result.correct, result.message, self.language)

    def _show_choice(self, correct: bool, message: str, language: str | None) -> None:
        """Show and say an answer's message; ``language`` None: the interface's."""
        spoken = said(message, language or current_language())
        self.feedback.setText(message)
        restyle(self.feedback, "role", "success" if correct else "feedback")
        self.feedback.show()
        if correct:
            self._succeed(spoken)
        else:
            reveal(self.feedback)
            self._say([spoken])

    def _succeed(self, already_said: Utterance | None = None) -> None:
        """ "Bravo !", then what to press next: the page's own button is done with."""
        next_hint = _("Pour continuer, touchez « Suivant ».")
        self.success.setText(self.exercise.success_message() + "\n" + next_hint)
        self.success.show()
        self.submit_button.hide()
        reveal(self.feedback if self.feedback.isVisibleTo(self) else self.success)
        own = bool(self.practice.success)  # else the kiosk's own "Bravo !"
        message = self.exercise.success_message()
        success = said(message, self.language if own else current_language())
        hint = said(next_hint, current_language())
        self._say([s for s in (already_said, success, hint) if s and s.text.strip()])
        self.succeeded.emit()

    def _say(self, message: list[Utterance]) -> None:
        """Say a message and keep it for "Répéter"."""
        if not message:
            return
        self._last_message = list(message)
        self.repeat_button.show()
        self.speak.emit(list(message))

    @Slot()
    def repeat_message(self) -> None:
        """Say the last message again, in the same languages."""
        if self._last_message:
            self.speak.emit(list(self._last_message))

    def reveal_answers(self) -> None:
        """The mediator shows the answer: each field filled from the papers, or the right
        choice pressed. Recorded as shown, never as found alone."""
        if self.exercise.succeeded:
            return
        for row in self.rows:
            if self.exercise.expected(row.item) is not None:
                self._show_me(row)
        if self.practice.kind == "find":
            target = next((t for t in self.practice.targets if t.correct), None)
            if target is not None:
                self._choose_target(target.id)
        elif self.practice.kind in ("question", "scam"):
            index = next((i for i, a in enumerate(self.practice.answers) if a.correct), None)
            if index is not None:
                self._choose_answer(index)

    @Slot()
    def restart(self) -> None:
        """Empty every field and every message: the exercise starts again."""
        self.exercise.restart()
        self._last_message = []
        self.repeat_button.hide()
        for row in self.rows:
            row.edit.clear()
            for label in (row.message, row.hint):
                label.clear()
                label.hide()
            row.show_me_button.hide()
        for label in (self.feedback, self.success):
            label.clear()
            label.hide()
        self.submit_button.setVisible(self.practice.kind == "form")
        for paper in self.papers:
            paper.highlight(None)
            paper.hide()
