"""The step player: one idea per screen, "Étape 2 sur 7", and Précédent / Écouter / Suivant."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QBoxLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content import Step, Tutorial
from kiosk.core.i18n import _, current_language
from kiosk.core.languages import pick
from kiosk.core.practice.exercise import Exercise
from kiosk.core.reading import parse_blocks, spoken_sentences, to_html
from kiosk.core.spoken import Part, Utterance, said, said_all
from kiosk.store.content_store import ContentStore
from kiosk.ui.button_row import ButtonRow
from kiosk.ui.layout_hint import Container
from kiosk.ui.practice.simulated_page import SimulatedPage
from kiosk.ui.screens.base import Screen, page_layout, scrolling
from kiosk.ui.theme import highlight_style
from kiosk.ui.touch_scroll import reveal
from kiosk.ui.widgets import BigButton, Illustration, RichLabel, TextLabel

# (tutorial id, step index, field, outcome kind, hint used): stored without the typed value.
AttemptRecorder = Callable[[str, int, str, str, bool], None]


class StepPlayerScreen(Screen):
    """Signals: step_changed(int), completed(str tutorial id), listen_requested(),
    speak_requested(list of sentences), practice_succeeded(int step index),
    keyboard_requested(QLineEdit).
    """

    step_changed = Signal(int)
    keyboard_requested = Signal(QLineEdit)
    completed = Signal(str)
    listen_requested = Signal()
    speak_requested = Signal(list)
    practice_succeeded = Signal(int)

    def __init__(
        self,
        content: ContentStore,
        record_attempt: AttemptRecorder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = content
        self._record_attempt = record_attempt
        self.page: SimulatedPage | None = None
        self._page_for: tuple[str, int] | None = None
        # The next step's simulated page, made while the person reads this one (see
        # ``_prepare_next_page``): "Suivant" then only shows it. Never shown before, so
        # nothing typed survives leaving a step.
        self._prepared: SimulatedPage | None = None
        self._prepared_for: tuple[str, int] | None = None
        self._idle_work: list[Callable[[], None]] = []
        self._idle_turn = QTimer(self)
        self._idle_turn.setSingleShot(True)
        self._idle_turn.setInterval(0)
        self._idle_turn.timeout.connect(self._do_idle_work)
        self.tutorial: Tutorial | None = None
        self.index = 0
        self._highlight: int | None = None
        self._scale = 1.0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = Container()
        head_layout = page_layout(head)
        head_layout.setContentsMargins(48, 16, 48, 0)
        head_layout.setSpacing(8)
        self.position_label = TextLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        head_layout.addWidget(self.position_label)
        head_layout.addWidget(self.progress)
        outer.addWidget(head)
        self.head = head
        body = Container()
        layout = page_layout(body)
        self.fallback_note = TextLabel("notice")
        self.title = TextLabel("title")
        self.text = RichLabel()
        self.illustration = Illustration()
        self.tip = TextLabel("tip")
        self.warning = TextLabel("warning")
        layout.addWidget(self.fallback_note)
        layout.addWidget(self.title)
        # Text beside the drawing on a wide screen; the drawing goes below at large text sizes.
        self.content_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.content_box.setSpacing(32)
        reading = QVBoxLayout()
        reading.setSpacing(24)
        for widget in (self.text, self.tip, self.warning):
            reading.addWidget(widget)
        reading.addStretch(1)
        self.content_box.addLayout(reading, 3)
        # The right column holds the drawing, or, on a practice step, the simulated page:
        # the exercise is in sight at once, not below the fold.
        side = QVBoxLayout()
        side.addWidget(self.illustration, 0, Qt.AlignmentFlag.AlignTop)
        self.practice_box = QVBoxLayout()
        side.addLayout(self.practice_box)
        side.addStretch(1)
        self.content_box.addLayout(side, 2)
        layout.addLayout(self.content_box)
        layout.addStretch(1)
        self.scroll = scrolling(body)
        outer.addWidget(self.scroll, 1)
        self.previous_button = BigButton("previous")
        self.previous_button.clicked.connect(self.go_previous)
        self.listen_button = BigButton("listen")
        self.listen_button.clicked.connect(self.listen_requested)
        self.next_button = BigButton("next", "primary")
        self.next_button.clicked.connect(self.go_next)
        self.navigation_bar = ButtonRow(
            [self.previous_button], [self.next_button], middle=[self.listen_button]
        )
        outer.addWidget(self.navigation_bar)

    # -- navigation ----------------------------------------------------------------------------
    def start(self, tutorial: Tutorial, index: int = 0) -> None:
        self.tutorial = tutorial
        self.show_step(index)

    @property
    def step(self) -> Step | None:
        return self.tutorial.steps[self.index] if self.tutorial else None

    def show_step(self, index: int) -> None:
        if not self.tutorial:
            return
        self.index = max(0, min(index, len(self.tutorial.steps) - 1))
        self._highlight = None
        self.retranslate_ui()
        self.scroll.scroll_to_top()
        self.next_button.setFocus()
        self.step_changed.emit(self.index)
        self._prepare_next_page()

    @Slot()
    def go_next(self) -> None:
        if not self.tutorial:
            return
        if self.index + 1 >= len(self.tutorial.steps):
            self.completed.emit(self.tutorial.id)
        else:
            self.show_step(self.index + 1)

    @Slot()
    def go_previous(self) -> None:
        if self.index > 0:
            self.show_step(self.index - 1)

    # -- what is shown -------------------------------------------------------------------------
    def _language(self) -> str:
        language = current_language()
        if self.tutorial and language not in self.tutorial.languages():
            return "fr"
        return language

    def retranslate_ui(self) -> None:
        self.previous_button.set_text(_("Précédent"))
        self.listen_button.set_text(_("Écouter"), _("Lire cette étape à voix haute"))
        step, tutorial = self.step, self.tutorial
        if step is None or tutorial is None:
            return
        total = len(tutorial.steps)
        is_last = self.index + 1 == total
        self.next_button.set_text(_("Finir le tutoriel") if is_last else _("Suivant"))
        self.previous_button.setEnabled(self.index > 0)
        self.position_label.setText(
            _("Étape {number} sur {total}").format(number=self.index + 1, total=total)
        )
        # QProgressBar.setValue repaints at once; drawn with the rest of the frame instead.
        self.progress.setUpdatesEnabled(False)
        self.progress.setRange(0, total)
        self.progress.setValue(self.index + 1)
        self.progress.setUpdatesEnabled(True)
        self.progress.setAccessibleName(self.position_label.text())
        language = self._language()
        self.fallback_note.setText(
            _("Ce tutoriel n'existe pas encore dans votre langue. Il est en français.")
        )
        self.fallback_note.setVisible(language != current_language())
        self.title.setText(pick(step.title, language).text)
        self._render_text()
        # A practice step shows its page in the drawing's place: its drawing is not rendered.
        shows_image = step.image and step.practice is None
        image = self.content.image(tutorial.id, step.image) if shows_image else None
        self.illustration.set_image(image, pick(step.image_alt, language).text)
        for label, text, prefix in (
            (self.tip, step.tip, _("Bon à savoir :")),
            (self.warning, step.warning, _("Attention :")),
        ):
            label.setText(f"{prefix} {pick(text, language).text}" if text else "")
            label.setVisible(bool(text))
        self._show_practice(tutorial, step, language)
        if self.page is not None:
            self.illustration.hide()

    def _show_practice(self, tutorial: Tutorial, step: Step, language: str) -> None:
        """A new simulated page for each step shown: nothing typed survives leaving it."""
        if self._page_for == (tutorial.id, self.index) and self.page is not None:
            self.page.set_language(language)
            return
        self._clear_practice()
        if step.practice is None:
            return
        page = self._take_prepared(tutorial.id, self.index)
        if page is None:
            page = self._make_page(tutorial, self.index)
        if page.language != language:
            page.set_language(language)
        self.page = page
        page.set_text_scale(self._scale)
        self.practice_box.addWidget(page)
        page.show()  # a widget added to a shown parent stays hidden until shown
        self._order_tab_chain()
        self.content_box.setStretch(0, 1)
        self.content_box.setStretch(1, 1)
        self._page_for = (tutorial.id, self.index)

    def _make_page(self, tutorial: Tutorial, index: int) -> SimulatedPage:
        """The simulated page of step ``index``, hidden, in the content's language."""
        practice = tutorial.steps[index].practice
        assert practice is not None
        persona = None
        if practice.persona:
            persona = self.content.persona(tutorial.id, practice.persona)

        def record(item: str, outcome: str, hint_used: bool) -> None:
            self._record_attempt(tutorial.id, index, item, outcome, hint_used)

        exercise = Exercise(practice, persona, self._language(), record)
        # Made inside the scrolled body, so that it is styled as it will be shown.
        page = SimulatedPage(exercise, self.scroll.widget())
        page.hide()
        page.speak.connect(self.speak_requested)
        page.keyboard_requested.connect(self.keyboard_requested)
        page.succeeded.connect(lambda: self._on_practice_succeeded(index))
        return page

    # -- the next step's page, made in idle turns ----------------------------------------------
    def _prepare_next_page(self) -> None:
        """Make the next step's simulated page, or draw its drawing, after this frame, in idle
        turns.

        Making a page (its labels, fields, buttons) and styling it took about 20 ms of the
        25–35 ms of a "Suivant" onto a practice step, rendering a step's SVG 2–4 ms of a plain
        one (cProfile, docs/benchmarks.md); the person reads this step for seconds meanwhile.
        The first turn only lets the frame of this step be painted; a touch that comes during
        the work waits for one turn at most.
        """
        tutorial = self.tutorial
        following = self.index + 1
        if tutorial is None or following >= len(tutorial.steps):
            return
        step = tutorial.steps[following]
        if step.practice is None:
            self._drop_prepared()
            if step.image:

                def draw() -> None:
                    if self.tutorial is tutorial and self.index + 1 == following:
                        self.illustration.prepare(self.content.image(tutorial.id, step.image))

                self._idle_work = [lambda: None, draw]
                self._idle_turn.start()
            return
        if self._prepared_for == (tutorial.id, following):
            return
        self._drop_prepared()
        key = (tutorial.id, following)

        def make() -> None:
            if self.tutorial is tutorial and self._prepared is None:
                self._prepared = self._make_page(tutorial, following)
                self._prepared_for = key

        def style() -> None:
            if self._prepared is not None and self._prepared_for == key:
                self._prepared.ensurePolished()
                for child in self._prepared.findChildren(QWidget):
                    child.ensurePolished()

        self._idle_work = [lambda: None, make, style]
        self._idle_turn.start()

    @Slot()
    def _do_idle_work(self) -> None:
        if self._idle_work:
            self._idle_work.pop(0)()
        if self._idle_work:
            self._idle_turn.start()

    def _take_prepared(self, tutorial_id: str, index: int) -> SimulatedPage | None:
        """The page made in advance for this step, if it is the one; else None."""
        if self._prepared_for != (tutorial_id, index):
            self._drop_prepared()
            return None
        page = self._prepared
        self._prepared, self._prepared_for = None, None
        self._idle_work = []
        return page

    def _drop_prepared(self) -> None:
        self._idle_work = []
        self._idle_turn.stop()
        if self._prepared is not None:
            self._prepared.setParent(None)
            self._prepared.deleteLater()
        self._prepared, self._prepared_for = None, None

    def _order_tab_chain(self) -> None:
        """Tab goes through the exercise before the buttons below it, as the eye does."""
        chain = [
            w for w in self.page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        chain += [self.previous_button, self.listen_button, self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _on_practice_succeeded(self, index: int) -> None:
        """After "Bravo !", one obvious next action: "Suivant", which gets the focus."""
        self.next_button.setFocus()
        self.practice_succeeded.emit(index)

    def keyboard_visibility_changed(self, shown: bool) -> None:
        """With the keyboard open, the step's text and field take all the room left."""
        self.head.setVisible(not shown)
        self.navigation_bar.setVisible(not shown)

    def _clear_practice(self) -> None:
        self.content_box.setStretch(0, 3)
        self.content_box.setStretch(1, 2)
        if self.page is not None:
            self.page.hide()
            self.page.setParent(None)
            self.page.deleteLater()
        self.page = None
        self._page_for = None

    def _render_text(self) -> None:
        step = self.step
        if step is None:
            return
        markdown = pick(step.text, self._language()).text
        self.text.setText(to_html(markdown, self._highlight, highlight_style()))
        self.text.setAccessibleName(" ".join(spoken_sentences(markdown)))

    # -- Screen --------------------------------------------------------------------------------
    def first_focus(self) -> QWidget | None:
        return self.next_button

    def screen_title(self) -> str:
        return f"{self.position_label.text()}. {self.title.text()}"

    def speech_language(self) -> str:
        return self._language()

    def speech_sentences(self) -> list[str]:
        return [utterance.text for utterance in self.reading()]

    def reading(self) -> list[Utterance]:
        """Position (and the "not in your language" note) in the interface language; title,
        text, tip and warning in the content's; then the exercise (highlighted while read).
        """
        step = self.step
        if step is None:
            return []
        interface, language = current_language(), self._language()
        sentences = [said(self.position_label.text() + ".", interface)]
        if language != interface:
            sentences.append(said(self.fallback_note.text(), interface))
        sentences.append(said(self.title.text() + ".", language))
        text = step.speech if self._reads_speech_field() else step.text
        sentences += said_all(spoken_sentences(pick(text, language).text), language)
        for text, prefix in ((step.tip, _("Bon à savoir :")), (step.warning, _("Attention :"))):
            if text:
                parts = (Part(prefix + " ", interface), Part(pick(text, language).text, language))
                sentences.append(Utterance(parts))
        if self.page is not None:
            sentences += self.page.reading()
        return sentences

    def _reads_speech_field(self) -> bool:
        """A step's hand-written ``speech`` replaces its text, in the languages it has."""
        step = self.step
        return step is not None and bool(step.speech and step.speech.get(self._language()))

    def _first_text_sentence(self) -> int:
        """Where the text's sentences start in ``reading()``: after position, note, title."""
        return 3 if self._language() != current_language() else 2

    def refresh_highlight(self) -> None:
        """Draw the text again (the theme changed the highlight colours)."""
        self._render_text()

    def highlight_sentence(self, index: int | None) -> None:
        """The position, the note and the title come first; the text's sentences follow."""
        step = self.step
        if step is None or self._reads_speech_field():
            return
        body_count = sum(
            len(b.sentences) for b in parse_blocks(pick(step.text, self._language()).text)
        )
        text_index = None if index is None else index - self._first_text_sentence()
        if text_index is not None and not 0 <= text_index < body_count:
            text_index = None
        if text_index != self._highlight:
            self._highlight = text_index
            self._render_text()
        if index is not None:
            self._reveal_sentence(index, text_index, body_count)

    def _reveal_sentence(self, index: int, text_index: int | None, body_count: int) -> None:
        """Scroll so that the sentence being read is in sight (a long step at 200 %)."""
        if text_index is not None:
            top, height = self._sentence_band(text_index)
            reveal(self.text, top, height)
            return
        after_text = index - self._first_text_sentence() - body_count
        extras = [label for label in (self.tip, self.warning) if label.isVisibleTo(self)]
        if 0 <= after_text < len(extras):
            reveal(extras[after_text])
        elif after_text >= len(extras) and self.page is not None:
            reveal(self.page)

    def _sentence_band(self, text_index: int) -> tuple[int, int]:
        """Top and height, in px of the text label, of the highlighted sentence's lines."""
        document = QTextDocument()
        document.setDefaultFont(self.text.font())
        document.setDocumentMargin(0)
        document.setHtml(self.text.text())
        document.setTextWidth(self.text.contentsRect().width())
        marker = document.find(_highlighted_sentence(self, text_index))
        if marker.isNull():
            return 0, self.text.height()
        layout = document.documentLayout()
        block = marker.block()
        block_top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        start = lines.lineForTextPosition(marker.selectionStart() - block.position())
        end = lines.lineForTextPosition(marker.selectionEnd() - block.position())
        top = block_top + (start.y() if start.isValid() else 0)
        bottom = block_top + (
            end.y() + end.height() if end.isValid() else lines.boundingRect().height()
        )
        return int(top), int(bottom - top)

    def text_scale_changed(self, scale: float) -> None:
        self._scale = scale
        direction = (
            QBoxLayout.Direction.TopToBottom if scale >= 1.5 else QBoxLayout.Direction.LeftToRight
        )
        self.content_box.setDirection(direction)
        if self.page is not None:
            self.page.set_text_scale(scale)

    def reset(self) -> None:
        self.tutorial = None
        self.index = 0
        self._highlight = None
        for label in (self.title, self.text, self.position_label, self.tip, self.warning):
            label.clear()
        self.illustration.set_image(None, "")
        self._clear_practice()
        self._drop_prepared()
        self.keyboard_visibility_changed(False)


def _highlighted_sentence(player: StepPlayerScreen, text_index: int) -> str:
    """The plain text of the ``text_index``-th sentence of the step's text."""
    step = player.step
    if step is None:
        return ""
    sentences = spoken_sentences(pick(step.text, player.speech_language()).text)
    return sentences[text_index] if 0 <= text_index < len(sentences) else ""
