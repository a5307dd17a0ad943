"""One tutorial being edited: its texts per language, its steps, the live preview, the
plain-language check as one types, drafts saved by themselves, undo and redo, "Publier".

Each key only changes the document in memory and restarts three timers: the preview (150 ms),
the check (400 ms, run in a worker process: it takes up to a second on a long tutorial) and the
draft's saving (1.5 s). Typing therefore never waits for layout, checking or the disk.
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content import CATEGORIES
from kiosk.core.local_edits import Key, merge, resolve
from kiosk.core.pack_limits import MAX_IMAGE_BYTES
from kiosk.core.plain_language import Severity
from kiosk.core.plain_language_marks import TutorialCheck, field_key
from kiosk.core.practice import texts as practice_texts
from kiosk.core.tutorial_checks import image_problem, publish_problems
from kiosk.speech.service import SpeechService
from kiosk.store.content_store import ContentStore
from kiosk.store.local_edits_store import LocalEditsStore, PublishError
from kiosk.ui.admin.editor.check_worker import PlainLanguageChecker
from kiosk.ui.admin.editor.conflict_view import ConflictView
from kiosk.ui.admin.editor.plain_language_marks import PlainLanguageMarks
from kiosk.ui.admin.editor.step_preview import PreviewContent, StepPreview
from kiosk.ui.admin.editor.undo_commands import ChangeSteps, SetField
from kiosk.ui.categories import CATEGORY_NAMES
from kiosk.ui.touch_scroll import TouchScrollArea
from kiosk.ui.widgets import BigButton, TextLabel

FieldPath = tuple[str, ...]
"""("tutorial", name, language), ("tutorial", name), ("prepare", language), ("keywords",
language), ("step", step id, name, language), ("step", step id, name) or ("practice", step id,
place, language) for a text of the step's practice (kiosk.core.practice.texts)."""

CHECK_DELAY_MS = 400
SAVE_DELAY_MS = 1500
OPTIONAL_STEP_TEXTS = ("speech", "image_alt", "tip", "warning")
# The editor's own controls, smaller than the citizen's (88 px, 20 pt) so that the form and the
# preview fit side by side on a 1280 × 800 kiosk: 56 px is still above the 44 px targets of
# WCAG 2.2 § 2.5.5, and 15 pt text above EN 301 549 § 5.1.4's 24 px capitals is not needed
# here (the admin reads at arm's length, as on any screen). The preview keeps the citizen's.
COMPACT_BUTTON_HEIGHT = 56
COMPACT_TEXT_PT = 15
COMPACT_STYLE = """
#editor-bar QPushButton, #editor-form QPushButton, #editor-preview-bar QPushButton,
#editor-conflicts QPushButton {
    min-height: 56px; padding: 2px 12px; font-size: 15pt; }
#editor-bar QPushButton:focus, #editor-form QPushButton:focus,
#editor-preview-bar QPushButton:focus, #editor-conflicts QPushButton:focus {
    padding: 0px 9px; }
#editor-form QLabel, #editor-form QPlainTextEdit, #editor-form QLineEdit, #editor-status,
#editor-check QLabel, #editor-check QListWidget, #editor-conflicts QLabel {
    font-size: 15pt; }
#editor-form QLabel[role="title"], #editor-preview-bar QLabel,
#editor-conflicts QLabel[role="big_title"] { font-size: 17pt; }
#editor-form QLineEdit { min-height: 40px; }
#editor-status { padding: 4px 12px; }
"""
MINUTES_STEP = 5  # "Plus long" and "Plus court" change the duration by this much
MINUTES_RANGE = (1, 240)  # the pack format's range (docs/content-format.md, `minutes`)

TUTORIAL_TEXTS = (
    ("title", "Titre", 1),
    ("summary", "Résumé", 3),
    ("prepare", "À préparer (une chose par ligne)", 3),
    ("next_steps", "Et après (écran de fin)", 3),
)
TUTORIAL_PLAIN = (
    ("keywords", "Mots pour la recherche (séparés par des virgules)"),
    ("official_url", "Adresse officielle"),
    ("source", "Source"),
    ("checked", "Vérifié le (année-mois-jour)"),
)
STEP_TEXTS = (
    ("title", "Titre de l'étape", 1),
    ("text", "Texte (**gras**, listes « - »)", 5),
    ("tip", "Bon à savoir", 2),
    ("warning", "Attention", 2),
    ("speech", "Texte lu à voix haute (si différent)", 2),
    ("image_alt", "Description de l'image", 2),
)


def text_field(name: str, lines: int) -> QPlainTextEdit:
    """A text field ``lines`` lines high (of the compact style's 15 pt text), one more at
    most; its own undo is off (QUndoStack's)."""
    field = QPlainTextEdit()
    field.setObjectName(f"edit-{name}")
    field.setUndoRedoEnabled(False)
    field.setTabChangesFocus(True)
    font = QFont(field.font())
    font.setPointSize(COMPACT_TEXT_PT)
    line = QFontMetrics(font).lineSpacing()
    height = max(COMPACT_BUTTON_HEIGHT, line * lines + 16)
    field.setMinimumHeight(height)
    field.setMaximumHeight(height + line)  # a longer text scrolls inside its field
    return field


class FormScroll(QScrollArea):
    """A part of the form: it scrolls up and down, never sideways, so it asks for the width
    its content needs (a plain QScrollArea asks for almost none, and would cut it)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width + 2 * self.frameWidth()), hint.height())


class CheckColumn(QWidget):
    """The preview above the plain-language findings. When the column gets short (the
    on-screen keyboard takes the lower half of the screen), the list of findings steps aside
    for the preview, the reason to look at this column while typing; its summary line
    ("0 erreur, 2 avertissements") stays, and so do the marks in the fields."""

    SHORT = 420  # px: below this, the preview keeps the findings' height too

    def __init__(self, findings: QWidget) -> None:
        super().__init__()
        self.findings = findings

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.findings.setVisible(event.size().height() >= self.SHORT)


class TutorialEditor(QWidget):
    """Signals: closed() ("Liste des tutoriels"), checked() after a plain-language check
    arrived, published(str tutorial id), publish_refused(str sentence), restored(str tutorial
    id) after "Revenir à la version du paquet"."""

    closed = Signal()
    checked = Signal()
    published = Signal(str)
    publish_refused = Signal(str)
    restored = Signal(str)

    def __init__(
        self,
        content: ContentStore,
        edits: LocalEditsStore,
        tutorial_id: str,
        parent: QWidget | None = None,
        speech: SpeechService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tutorial-editor")
        self.speech = speech
        self.content = content
        self.edits = edits
        self.tutorial_id = tutorial_id
        base = edits.base(tutorial_id)
        if base is None:
            raise KeyError(tutorial_id)
        self.pack_id, self.base = base
        draft = edits.draft(tutorial_id)
        if draft is None:
            self.seen = copy.deepcopy(self.base)
            self.document = copy.deepcopy(self.base)
            conflicts: tuple = ()
        else:
            merged = merge(draft.seen, draft.draft, self.base)
            self.seen, self.document, conflicts = draft.seen, merged.document, merged.conflicts
        row = content.db.execute(
            "SELECT languages FROM packs WHERE id = ?", [self.pack_id]
        ).fetchone()
        self.languages: list[str] = json.loads(row[0]) if row else ["fr"]
        self.language = "fr"
        self.step_index = 0
        self.generation = 0
        self.saved_generation = 0
        self.check: TutorialCheck | None = None
        self.check_generation = -1
        self._check_running = False
        self.checker = PlainLanguageChecker(self)
        self.checker.finished.connect(self._on_checked)
        self.checker.failed.connect(self._on_check_failed)
        self._check_again = False
        self._publish_after_check = False
        self._loading = False
        self.undo_stack = QUndoStack(self)
        self._build()
        self.conflict_view: ConflictView | None = None
        if conflicts:
            self._show_conflicts(conflicts)
        self._load_fields()
        self._schedule()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        bar_box = QWidget()
        bar_box.setObjectName("editor-bar")
        bar = QHBoxLayout(bar_box)
        bar.setContentsMargins(0, 0, 0, 0)
        self.back_button = BigButton("previous")
        self.back_button.setObjectName("editor-back")
        self.back_button.set_text("Liste des tutoriels")
        self.back_button.clicked.connect(self.close_editor)
        self.undo_button = BigButton()
        self.undo_button.set_text("Annuler", "Annuler la dernière modification")
        self.undo_button.guarded = False
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button = BigButton()
        self.redo_button.set_text("Rétablir", "Refaire la modification annulée")
        self.redo_button.guarded = False
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.publish_button = BigButton("check", "primary")
        self.publish_button.setObjectName("editor-publish")
        self.publish_button.set_text("Publier")
        self.publish_button.clicked.connect(self.publish)
        for widget in (self.back_button, self.undo_button, self.redo_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.language_buttons: dict[str, BigButton] = {}
        for language in self.languages:
            button = BigButton()
            button.setCheckable(True)
            button.set_text(language.upper(), f"Modifier les textes en {language}")
            button.clicked.connect(lambda _c=False, lang=language: self.set_language(lang))
            bar.addWidget(button)
            self.language_buttons[language] = button
        bar.addWidget(self.publish_button)
        column.addWidget(bar_box)
        self.status = TextLabel("notice")
        self.status.setObjectName("editor-status")
        # Always shown, so that the first key does not make the form and the preview shorter
        # (the step player laid out again, 20 ms and more, while the admin types).
        self.status.setText("Vos modifications s'enregistrent toutes seules en brouillon.")
        column.addWidget(self.status)
        # The versions to choose between take the splitter's place while they wait.
        self.conflict_box = QVBoxLayout()
        column.addLayout(self.conflict_box, 1)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_form())
        self.findings = QListWidget()
        right = CheckColumn(self.findings)
        right.setObjectName("editor-check")
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        self.preview = StepPreview(
            PreviewContent(self.content, lambda: self.edits.images(self.tutorial_id)),
            self.speech,
        )
        right_column.addWidget(self.preview, 1)
        self.check_summary = TextLabel()
        self.check_summary.setObjectName("editor-check-summary")
        self.check_summary.setText("Vérification du langage clair…")
        right_column.addWidget(self.check_summary)
        self.findings.setObjectName("editor-findings")
        self.findings.setWordWrap(True)
        self.findings.setMinimumHeight(90)
        self.findings.setMaximumHeight(130)
        self.findings.itemClicked.connect(self._go_to_finding)
        right_column.addWidget(self.findings)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        column.addWidget(splitter, 1)
        self.setStyleSheet(COMPACT_STYLE)
        for button in self.findChildren(QPushButton):
            if not self.preview.frame.isAncestorOf(button):
                button.setMinimumHeight(COMPACT_BUTTON_HEIGHT)
        self.preview_timer = self.preview.timer
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.start_check)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_draft)

    def _build_form(self) -> QWidget:
        """Two parts behind two big buttons: the steps (shown first: most changes are there)
        and the tutorial's own texts; each part scrolls."""
        self.fields: dict[tuple[str, str], QPlainTextEdit | QLineEdit] = {}
        self.marks: dict[tuple[str, str], PlainLanguageMarks] = {}
        container = QWidget()
        container.setObjectName("editor-form")
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        switch = QHBoxLayout()
        self.part_buttons: dict[str, BigButton] = {}
        for key, name in (("step", "Les étapes"), ("tutorial", "Le tutoriel")):
            button = BigButton()
            button.setCheckable(True)
            button.set_text(name)
            button.clicked.connect(lambda _c=False, k=key: self.show_part(k))
            switch.addWidget(button)
            self.part_buttons[key] = button
        switch.addStretch(1)
        column.addLayout(switch)
        self.parts = QStackedWidget()
        self.part_scrolls = {
            "step": self._scrolling(self._build_steps_part()),
            "tutorial": self._scrolling(self._build_tutorial_part()),
        }
        for scroll in self.part_scrolls.values():
            self.parts.addWidget(scroll)
        column.addWidget(self.parts, 1)
        self.show_part("step")
        return container

    @staticmethod
    def _scrolling(widget: QWidget) -> QScrollArea:
        scroll = FormScroll()
        scroll.setWidgetResizable(True)
        scroll.setWidget(widget)
        return scroll

    def show_part(self, key: str) -> None:
        """ "Les étapes" or "Le tutoriel"."""
        self.parts.setCurrentWidget(self.part_scrolls[key])
        self.part_scrolls[key].updateGeometry()  # the width it needs, asked again
        for other, button in self.part_buttons.items():
            button.setChecked(other == key)

    def _build_tutorial_part(self) -> QWidget:
        part = QWidget()
        column = QVBoxLayout(part)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for name, label, lines in TUTORIAL_TEXTS:
            field = text_field(f"tutorial-{name}", lines)
            self._bind(("tutorial", name), field)
            form.addRow(self._label(label), field)
        form.addRow(self._label("Thème (où la personne le trouve)"), self._build_themes())
        form.addRow(self._label("Durée"), self._build_duration())
        for name, label in TUTORIAL_PLAIN:
            line = QLineEdit()
            line.setObjectName(f"edit-tutorial-{name}")
            line.setAccessibleName(label)
            self._bind(("tutorial", name), line)
            form.addRow(self._label(label), line)
        self.today_button = BigButton("clock")
        self.today_button.set_text("Vérifié aujourd'hui")
        self.today_button.clicked.connect(self.checked_today)
        form.addRow(self.today_button)
        column.addLayout(form)
        self.restore_button = BigButton("erase")
        self.restore_button.setObjectName("editor-restore")
        self.restore_button.set_text("Revenir à la version du paquet")
        self.restore_button.clicked.connect(self.ask_restore)
        self.restore_question = TextLabel("notice")
        self.restore_question.setText(
            "Effacer toutes les modifications faites sur cette borne pour ce tutoriel, même "
            "publiées ? Les personnes verront de nouveau le texte du paquet."
        )
        self.restore_question.hide()
        self.restore_confirm = BigButton("check")
        self.restore_confirm.setObjectName("editor-restore-confirm")
        self.restore_confirm.set_text("Oui, revenir au paquet")
        self.restore_confirm.clicked.connect(self.restore_base)
        self.restore_confirm.hide()
        column.addWidget(self.restore_button)
        column.addWidget(self.restore_question)
        column.addWidget(self.restore_confirm)
        column.addStretch(1)
        return part

    def _build_themes(self) -> QWidget:
        """One big button per theme, two a row: a theme is chosen, never typed."""
        box = QWidget()
        box.setObjectName("editor-themes")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.theme_buttons: dict[str, BigButton] = {}
        for index, category in enumerate(CATEGORIES):
            button = BigButton()
            button.setObjectName(f"editor-theme-{category}")
            button.setCheckable(True)
            button.set_text(CATEGORY_NAMES[category], f"Thème : {CATEGORY_NAMES[category]}")
            button.clicked.connect(lambda _c=False, c=category: self.choose_theme(c))
            grid.addWidget(button, index // 2, index % 2)
            self.theme_buttons[category] = button
        return box

    def _build_duration(self) -> QWidget:
        """ "Plus court", the duration in minutes, "Plus long": no number to type."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.shorter_button = BigButton()
        self.shorter_button.setObjectName("editor-shorter")
        self.shorter_button.set_text("Plus court", f"{MINUTES_STEP} minutes de moins")
        self.shorter_button.guarded = False
        self.shorter_button.clicked.connect(lambda: self.change_minutes(-MINUTES_STEP))
        self.minutes_label = TextLabel("title")
        self.minutes_label.setObjectName("editor-minutes")
        self.longer_button = BigButton()
        self.longer_button.setObjectName("editor-longer")
        self.longer_button.set_text("Plus long", f"{MINUTES_STEP} minutes de plus")
        self.longer_button.guarded = False
        self.longer_button.clicked.connect(lambda: self.change_minutes(MINUTES_STEP))
        row.addWidget(self.shorter_button)
        row.addWidget(self.minutes_label)
        row.addWidget(self.longer_button)
        row.addStretch(1)
        return box

    def choose_theme(self, category: str) -> None:
        path = ("tutorial", "category")
        old = self.value_at(path)
        if category != old:
            self.undo_stack.push(SetField(self, path, old, category))
        self._show_theme_and_minutes()

    def change_minutes(self, change: int) -> None:
        """The duration, a few minutes more or less, within the pack format's range."""
        path = ("tutorial", "minutes")
        old = self.value_at(path)
        low, high = MINUTES_RANGE
        current = int(old) if old.isdigit() else low
        new = str(max(low, min(high, current + change)))
        if new != old:
            self.undo_stack.push(SetField(self, path, old, new))

    def _show_theme_and_minutes(self) -> None:
        category = self.document.get("category")
        for key, button in self.theme_buttons.items():
            button.setChecked(key == category)
        minutes = int(self.document.get("minutes") or 0)
        self.minutes_label.setText(f"{minutes} minute{'s' if minutes > 1 else ''}")
        self.shorter_button.setEnabled(minutes > MINUTES_RANGE[0])
        self.longer_button.setEnabled(minutes < MINUTES_RANGE[1])

    def ask_restore(self) -> None:
        self.restore_question.show()
        self.restore_confirm.show()
        self.restore_confirm.setFocus()

    def restore_base(self) -> None:
        """Throw this kiosk's edits away (draft and published) and close the editor."""
        self.save_timer.stop()
        self.saved_generation = self.generation  # nothing left to save
        self.edits.discard(self.tutorial_id)
        self.content.content_changed()
        self.restored.emit(self.tutorial_id)
        self.closed.emit()

    def _build_steps_part(self) -> QWidget:
        part = QWidget()
        column = QVBoxLayout(part)
        self.steps_list = QListWidget()
        self.steps_list.setObjectName("editor-steps")
        self.steps_list.setMinimumHeight(130)
        # A long step title wraps: the list never scrolls sideways.
        self.steps_list.setWordWrap(True)
        self.steps_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps_list.currentRowChanged.connect(self._step_chosen)
        column.addWidget(self.steps_list)
        buttons = QHBoxLayout()
        self.add_button = BigButton()
        self.add_button.set_text("Ajouter une étape")
        self.add_button.clicked.connect(self.add_step)
        self.remove_button = BigButton("erase")
        self.remove_button.set_text("Supprimer l'étape")
        self.remove_button.clicked.connect(self.remove_step)
        self.up_button = BigButton()
        self.up_button.set_text("Monter", "Monter l'étape d'un cran")
        self.up_button.guarded = False
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button = BigButton()
        self.down_button.set_text("Descendre", "Descendre l'étape d'un cran")
        self.down_button.guarded = False
        self.down_button.clicked.connect(lambda: self.move_step(1))
        moves = QHBoxLayout()
        for row, pair in (
            (buttons, (self.add_button, self.remove_button)),
            (moves, (self.up_button, self.down_button)),
        ):
            for button in pair:
                row.addWidget(button)
            row.addStretch(1)
            column.addLayout(row)
        step_form = QFormLayout()
        step_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for name, label, lines in STEP_TEXTS:
            field = text_field(f"step-{name}", lines)
            self._bind(("step", name), field)
            step_form.addRow(self._label(label), field)
        column.addLayout(step_form)
        # The texts of the step's practice page, if it has one: built for each step shown,
        # since every practice has its own fields and messages.
        self.practice_box = QWidget()
        self.practice_box.setObjectName("editor-practice")
        practice_column = QVBoxLayout(self.practice_box)
        practice_column.setContentsMargins(0, 8, 0, 0)
        heading = TextLabel("title")
        heading.setText("L'exercice de cette étape (page d'entraînement)")
        practice_column.addWidget(heading)
        self.practice_form_box = QWidget()
        practice_column.addWidget(self.practice_form_box)
        self.practice_places: list[str] = []
        self.practice_box.hide()
        column.addWidget(self.practice_box)
        image_row = QHBoxLayout()
        self.image_label = TextLabel()
        self.image_label.setObjectName("editor-image")
        self.image_button = BigButton()
        self.image_button.set_text("Importer une image", "Une image PNG, JPEG ou SVG d'une clé USB")
        self.image_button.clicked.connect(self.choose_image)
        image_row.addWidget(self.image_label, 1)
        image_row.addWidget(self.image_button)
        column.addLayout(image_row)
        self.image_message = TextLabel("notice")
        self.image_message.setObjectName("editor-image-message")
        self.image_message.hide()
        column.addWidget(self.image_message)
        column.addStretch(1)
        return part

    def _build_practice_fields(self) -> None:
        """The fields of this step's practice texts, made again when its places differ."""
        practice = self.step.get("practice")
        places = practice_texts.places(practice) if isinstance(practice, dict) else []
        if places == self.practice_places:
            return
        for slot in [slot for slot in self.fields if slot[0] == "practice"]:
            del self.fields[slot]
            self.marks.pop(slot, None)
        old = self.practice_form_box
        new = QWidget()
        new.setObjectName("editor-practice-fields")
        form = QFormLayout(new)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for place in places:
            lines = 1 if place.endswith(".label") or place == "submit" else 2
            field = text_field(f"practice-{place}", lines)
            self._bind(("practice", place), field)
            name = practice_texts.describe(place, practice)
            field.setAccessibleName(name)
            form.addRow(self._label(name), field)
        self.practice_box.layout().replaceWidget(old, new)
        old.hide()
        old.deleteLater()
        self.practice_form_box = new
        self.practice_places = places
        self.practice_box.setVisible(bool(places))
        self.part_scrolls["step"].updateGeometry()

    @staticmethod
    def _label(text: str) -> TextLabel:
        label = TextLabel()
        label.setText(text)
        # A short name on one line (a form row's label is otherwise wrapped at a third of
        # the width); a long one wraps.
        label.setWordWrap(len(text) > 40)
        return label

    def _bind(self, slot: tuple[str, str], field: QPlainTextEdit | QLineEdit) -> None:
        self.fields[slot] = field
        if isinstance(field, QPlainTextEdit):
            field.setAccessibleName(slot[1])
            self.marks[slot] = PlainLanguageMarks(field.document())
            field.textChanged.connect(lambda s=slot: self._edited(s))
        else:
            field.textEdited.connect(lambda _t, s=slot: self._edited(s))

    # -- the document --------------------------------------------------------------------------
    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.document["steps"]

    @property
    def step(self) -> dict[str, Any]:
        return self.steps[self.step_index]

    def path_for(self, slot: tuple[str, str]) -> FieldPath:
        """Where the field ``slot`` writes now (the step shown, the language chosen)."""
        where, name = slot
        if where == "practice":
            return ("practice", self.step["id"], name, self.language)
        if where == "tutorial":
            if name == "prepare":
                return ("prepare", self.language)
            if name == "keywords":
                return ("keywords", self.language)
            if name in ("title", "summary", "next_steps"):
                return ("tutorial", name, self.language)
            return ("tutorial", name)
        return ("step", self.step["id"], name, self.language)

    def _step_by_id(self, step_id: str) -> dict[str, Any] | None:
        return next((s for s in self.steps if s["id"] == step_id), None)

    def value_at(self, path: FieldPath) -> str:
        kind = path[0]
        if kind == "prepare":
            return "\n".join(item.get(path[1], "") for item in self.document.get("prepare", []))
        if kind == "keywords":
            return ", ".join((self.document.get("keywords") or {}).get(path[1], ()))
        if kind == "practice":
            step = self._step_by_id(path[1])
            practice = (step or {}).get("practice") or {}
            return (practice_texts.text_at(practice, path[2]) or {}).get(path[3], "")
        if kind == "tutorial":
            value = self.document.get(path[1])
            if len(path) == 3:
                return (value or {}).get(path[2], "")
            return "" if value is None else str(value)
        step = self._step_by_id(path[1])
        if step is None:
            return ""
        value = step.get(path[2])
        if len(path) == 4:
            return (value or {}).get(path[3], "")
        return value or ""

    def _store(self, path: FieldPath, value: str) -> None:
        kind = path[0]
        if kind == "prepare":
            language = path[1]
            items = self.document.setdefault("prepare", [])
            lines = value.split("\n") if value else []
            while len(items) < len(lines):
                items.append({})
            for index, item in enumerate(items):
                if index < len(lines):
                    item[language] = lines[index]
                else:
                    item.pop(language, None)
            self.document["prepare"] = [item for item in items if any(item.values())]
            return
        if kind == "keywords":
            keywords = dict(self.document.get("keywords") or {})
            words = [word.strip() for word in value.split(",") if word.strip()]
            if words:
                keywords[path[1]] = words
            else:
                keywords.pop(path[1], None)
            self.document["keywords"] = keywords
            return
        if kind == "practice":
            step = self._step_by_id(path[1])
            practice = (step or {}).get("practice")
            if practice is not None:
                texts = dict(practice_texts.text_at(practice, path[2]) or {})
                if value:
                    texts[path[3]] = value
                else:
                    texts.pop(path[3], None)
                practice_texts.set_text(practice, path[2], texts)
            return
        if kind == "tutorial":
            if len(path) == 3:
                texts = self.document.setdefault(path[1], {})
                texts[path[2]] = value
            elif path[1] == "minutes":
                self.document["minutes"] = int(value) if value.isdigit() else MINUTES_RANGE[0]
            else:
                self.document[path[1]] = value
            return
        step = self._step_by_id(path[1])
        if step is None:
            return
        if len(path) == 4:
            texts = dict(step.get(path[2]) or {})
            if value:
                texts[path[3]] = value
            else:
                texts.pop(path[3], None)
            if texts or path[2] not in OPTIONAL_STEP_TEXTS:
                step[path[2]] = texts
            else:
                step[path[2]] = None
        else:
            step[path[2]] = value or None

    def apply_value(self, path: FieldPath, value: str) -> None:
        """Set a field (undo, redo, typing) and show it if it is on screen."""
        self._store(path, value)
        if path[0] in ("step", "practice"):
            index = next((i for i, s in enumerate(self.steps) if s["id"] == path[1]), None)
            if index is not None and index != self.step_index:
                self.steps_list.setCurrentRow(index)
        localized = path[0] in ("prepare", "keywords") or len(path) in (3, 4)
        if localized and path[-1] in self.languages and path[-1] != self.language:
            self.set_language(path[-1])
        for slot, field in self.fields.items():
            if self.path_for(slot) == path:
                self._show_in(field, value)
        if path[0] == "step" and path[2] == "title":
            self._refresh_step_names()
        if path[0] == "step" and path[2] == "image":
            self._show_image_name()
        if path in (("tutorial", "category"), ("tutorial", "minutes")):
            self._show_theme_and_minutes()
        self._changed()

    def apply_steps(self, steps: list[dict[str, Any]], index: int) -> None:
        """A new list of steps (added, removed, moved; or undone)."""
        self.document["steps"] = steps
        self.step_index = max(0, min(index, len(steps) - 1))
        self._refresh_step_names()
        self._load_step_fields()
        self._changed()

    # -- showing -------------------------------------------------------------------------------
    def _show_in(self, field: QPlainTextEdit | QLineEdit, value: str) -> None:
        current = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
        if current == value:
            return
        was, self._loading = self._loading, True
        if isinstance(field, QPlainTextEdit):
            field.setPlainText(value)
        else:
            field.setText(value)
        self._loading = was

    def _load_fields(self) -> None:
        for language, button in self.language_buttons.items():
            button.setChecked(language == self.language)
        for slot, field in self.fields.items():
            if slot[0] == "tutorial":
                self._show_in(field, self.value_at(self.path_for(slot)))
        self._show_theme_and_minutes()
        self._refresh_step_names()
        self.steps_list.setCurrentRow(min(self.step_index, len(self.steps) - 1))
        self._load_step_fields()

    def _load_step_fields(self) -> None:
        self._build_practice_fields()
        for slot, field in self.fields.items():
            if slot[0] in ("step", "practice"):
                self._show_in(field, self.value_at(self.path_for(slot)))
        self._show_image_name()
        self.remove_button.setEnabled(len(self.steps) > 1)
        self.up_button.setEnabled(self.step_index > 0)
        self.down_button.setEnabled(self.step_index + 1 < len(self.steps))
        self._show_marks()
        self.preview.show_later(self.document, self.language, self.step_index)

    def _show_image_name(self) -> None:
        image = self.step.get("image")
        self.image_label.setText(f"Image : {image}" if image else "Pas d'image pour cette étape.")

    def _refresh_step_names(self) -> None:
        names = []
        for number, step in enumerate(self.steps, start=1):
            title = step.get("title") or {}
            names.append(f"{number}. {title.get(self.language) or title.get('fr', '')}")
        self.steps_list.blockSignals(True)
        current = self.step_index
        if self.steps_list.count() != len(names):
            self.steps_list.clear()
            self.steps_list.addItems(names)
        else:
            for row, name in enumerate(names):
                if self.steps_list.item(row).text() != name:
                    self.steps_list.item(row).setText(name)
        self.steps_list.setCurrentRow(max(0, min(current, len(names) - 1)))
        self.steps_list.blockSignals(False)

    def set_language(self, language: str) -> None:
        self.language = language
        self._load_fields()

    def show_step(self, index: int) -> None:
        self.steps_list.setCurrentRow(index)

    def _step_chosen(self, row: int) -> None:
        if 0 <= row < len(self.steps) and row != self.step_index:
            self.step_index = row
            self._load_step_fields()

    # -- editing -------------------------------------------------------------------------------
    def _edited(self, slot: tuple[str, str]) -> None:
        """A key in a field: one command on the undo stack (merged with the keys before)."""
        if self._loading:
            return
        field = self.fields[slot]
        value = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
        path = self.path_for(slot)
        old = self.value_at(path)
        if value != old:
            self.undo_stack.push(SetField(self, path, old, value))

    def checked_today(self) -> None:
        path = ("tutorial", "checked")
        today = datetime.date.today().isoformat()
        self.undo_stack.push(SetField(self, path, self.value_at(path), today))

    def _new_step_id(self) -> str:
        taken = {s["id"] for s in self.steps}
        number = len(self.steps) + 1
        while f"etape-{number}" in taken:
            number += 1
        return f"etape-{number}"

    def add_step(self) -> None:
        after = copy.deepcopy(self.steps)
        index = self.step_index + 1
        after.insert(
            index,
            {
                "id": self._new_step_id(),
                "title": {"fr": "Nouvelle étape"},
                "text": {"fr": ""},
                "speech": None,
                "image": None,
                "image_alt": None,
                "tip": None,
                "warning": None,
                "practice": None,
            },
        )
        self.undo_stack.push(
            ChangeSteps(self, "Ajouter une étape", self.steps, after, self.step_index, index)
        )

    def remove_step(self) -> None:
        if len(self.steps) <= 1:
            return
        after = copy.deepcopy(self.steps)
        del after[self.step_index]
        index = min(self.step_index, len(after) - 1)
        self.undo_stack.push(
            ChangeSteps(self, "Supprimer l'étape", self.steps, after, self.step_index, index)
        )

    def move_step(self, offset: int) -> None:
        target = self.step_index + offset
        if not 0 <= target < len(self.steps):
            return
        after = copy.deepcopy(self.steps)
        after[self.step_index], after[target] = after[target], after[self.step_index]
        self.undo_stack.push(
            ChangeSteps(self, "Déplacer l'étape", self.steps, after, self.step_index, target)
        )

    def _changed(self) -> None:
        self.generation += 1
        self._say("Modifications en cours : le brouillon s'enregistre tout seul.")
        self._schedule()

    def _schedule(self) -> None:
        self.preview.show_later(self.document, self.language, self.step_index)
        self.check_timer.start()
        if self.generation != self.saved_generation:
            self.save_timer.start()

    # -- images --------------------------------------------------------------------------------
    def choose_image(self) -> None:
        """A file dialog (the admin's, not a citizen's) opened where USB sticks appear."""
        start = "/media" if Path("/media").is_dir() else str(Path.home())
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choisir une image", start, "Images (*.png *.jpg *.jpeg *.svg)"
        )
        if name:
            self.import_image(Path(name))

    def import_image(self, path: Path) -> bool:
        """Check the image and its description (this step's, in French); keep it and use it
        for this step. A refusal is said under the button; nothing changes."""
        description = ((self.step.get("image_alt") or {}).get("fr") or "").strip()
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                data = b"\0" * (MAX_IMAGE_BYTES + 1)
            else:
                data = path.read_bytes()
        except OSError:
            problem: str | None = "L'image ne peut pas être lue. Vérifiez la clé USB."
        else:
            problem = image_problem(path.name, data, description)
            if problem and not description:
                problem += " Écrivez-la d'abord dans « Description de l'image » (en français)."
        if problem:
            self.image_message.setText(problem)
            self.image_message.show()
            return False
        stored = f"images/local-{self.step['id']}-{path.name.lower()}"
        self.edits.add_image(self.tutorial_id, stored, data)
        step_path = ("step", self.step["id"], "image")
        self.undo_stack.push(SetField(self, step_path, self.value_at(step_path), stored))
        self.image_message.setText("Image ajoutée. Elle sera visible après « Publier ».")
        self.image_message.show()
        return True

    # -- the plain-language check --------------------------------------------------------------
    def start_check(self) -> None:
        """Send the document to the worker process; one check at a time."""
        if self._check_running:
            self._check_again = True
            return
        self._check_running = True
        self.checker.submit(self.generation, self.document)

    def _on_check_failed(self, sentence: str) -> None:
        self._check_running = False
        self.check_summary.setText(f"La vérification n'a pas pu se faire. {sentence}")
        self._publish_after_check = False

    def _on_checked(self, result: tuple[int, TutorialCheck]) -> None:
        self._check_running = False
        self.check_generation, self.check = result
        self._show_check()
        self.checked.emit()
        if self._check_again or self.check_generation != self.generation:
            self._check_again = False
            self.start_check()
            return
        if self._publish_after_check:
            self._publish_after_check = False
            self._publish_checked()

    def _show_check(self) -> None:
        check = self.check
        if check is None:
            return
        errors, warnings = check.errors, check.warnings
        self.check_summary.setText(
            f"Langage clair : {errors} erreur{'s' if errors > 1 else ''}, "
            f"{warnings} avertissement{'s' if warnings > 1 else ''}"
        )
        self.findings.clear()
        numbers = {s["id"]: n for n, s in enumerate(self.steps, start=1)}
        step_ids = [s["id"] for s in self.steps]
        for finding in check.findings:
            where = f"Étape {numbers.get(finding.step, '?')}" if finding.step else "Tutoriel"
            # The plain word first: the list is narrow; the field is found by touching it.
            label = "Erreur. " if finding.severity is Severity.ERROR else ""
            item = QListWidgetItem(f"{where} : {label}{finding.message}")
            item.setToolTip(finding.field)
            item.setData(Qt.ItemDataRole.UserRole, field_key(finding, step_ids, self.document))
            self.findings.addItem(item)
        self._show_marks()

    def _go_to_finding(self, item: QListWidgetItem) -> None:
        """A finding touched: its step, its language, and its field in sight with the focus."""
        key = item.data(Qt.ItemDataRole.UserRole)
        if not key:
            return
        step_id, name, language = key
        if language in self.languages and language != self.language:
            self.set_language(language)
        if step_id is not None:
            index = next((i for i, s in enumerate(self.steps) if s["id"] == step_id), None)
            if index is not None:
                self.show_step(index)
        if name.startswith("practice."):
            self.show_field(("practice", name.removeprefix("practice.")))
            return
        self.show_field(("step" if step_id else "tutorial", name))

    def show_field(self, slot: tuple[str, str]) -> None:
        """Scroll the form to a field and give it the focus."""
        field = self.fields.get(slot)
        if field is not None:
            part = "tutorial" if slot[0] == "tutorial" else "step"
            self.show_part(part)
            self.part_scrolls[part].ensureWidgetVisible(field)
            field.setFocus()

    def _show_marks(self) -> None:
        if self.check is None:
            return
        for slot, marks in self.marks.items():
            where, name = slot
            step_id = self.step["id"] if where in ("step", "practice") else None
            if where == "practice":
                name = f"practice.{name}"
            marks.set_marks(self.check.marks.get((step_id, name, self.language), ()))

    # -- drafts and publishing -----------------------------------------------------------------
    def save_draft(self) -> None:
        """Keep the draft in the database (a moment after the last change, and on leaving);
        the write itself is done off the UI thread (LocalEditsStore.save_draft)."""
        self.save_timer.stop()
        if self.generation == self.saved_generation:
            return
        self.edits.save_draft(self.tutorial_id, self.pack_id, self.seen, self.document)
        self.saved_generation = self.generation
        self._say(f"Brouillon enregistré à {datetime.datetime.now():%H:%M}.")

    def _say(self, sentence: str) -> None:
        """The line under the buttons: what just happened."""
        self.status.setText(sentence)

    def _refuse(self, sentence: str) -> None:
        self._say(sentence)
        self.publish_refused.emit(sentence)

    def publish(self) -> None:
        """Refused while conflicts, missing texts or plain-language errors remain; warnings
        are counted, not blocking. Otherwise the draft goes live at once, atomically."""
        if self.conflict_view is not None:
            self._refuse("Publier est impossible : choisissez d'abord entre les deux versions.")
            return
        problems = publish_problems(self.document, self.edits.image_paths(self.tutorial_id))
        if problems:
            self._refuse("Publier est impossible : " + " ".join(problems))
            return
        if self.check is not None and self.check_generation == self.generation:
            self._publish_checked()
            return
        self._say("Vérification du langage clair avant de publier…")
        self._publish_after_check = True
        self.check_timer.stop()
        self.start_check()

    def _publish_checked(self) -> None:
        check = self.check
        if check is None:
            return
        if check.errors:
            self._refuse(
                f"Publier est impossible : {check.errors} erreur"
                f"{'s' if check.errors > 1 else ''} de langage clair à corriger (la liste est "
                "sous l'aperçu, le texte est souligné)."
            )
            return
        self.generation += 1  # the draft saved now is the one published
        self.save_draft()
        try:
            self.edits.publish(self.tutorial_id)
        except PublishError as error:
            self._refuse(" ".join(error.problems))
            return
        self.content.content_changed()
        warnings = check.warnings
        note = (
            f" {warnings} avertissement{'s' if warnings > 1 else ''} à relire." if warnings else ""
        )
        self._say("Publié : les personnes voient maintenant ces textes." + note)
        self.published.emit(self.tutorial_id)

    # -- conflicts -----------------------------------------------------------------------------
    def _show_conflicts(self, conflicts: tuple) -> None:
        names = {
            step["id"]: f"l'étape {number} « {(step.get('title') or {}).get('fr', '')} »"
            for number, step in enumerate(self.steps, start=1)
        }
        view = ConflictView(conflicts, names)
        view.resolved.connect(self.resolve_conflicts)
        self.conflict_scroll = TouchScrollArea(view)
        self.conflict_scroll.setObjectName("editor-conflicts")
        for button in view.findChildren(QPushButton):
            button.setMinimumHeight(COMPACT_BUTTON_HEIGHT)
        self.conflict_box.addWidget(self.conflict_scroll)
        self.splitter.hide()
        self.conflict_view = view
        self._say(
            "Le paquet de base a été mis à jour. Choisissez la version à garder, puis publiez."
        )

    def resolve_conflicts(self, choices: dict[Key, str]) -> None:
        """Apply the admin's choices; the new base becomes the one the draft is made against."""
        self.document = resolve(self.document, self.base, choices)
        self.seen = copy.deepcopy(self.base)
        self.undo_stack.clear()
        if self.conflict_view is not None:
            self.conflict_scroll.hide()
            self.conflict_scroll.deleteLater()
            self.conflict_view = None
            self.splitter.show()
        self._load_fields()
        self._changed()
        self.save_draft()
        self._say("Vos choix sont enregistrés. Vous pouvez publier.")

    @property
    def settled(self) -> bool:
        """Nothing left after the last change: preview shown, check back, draft saved."""
        return not (
            self.preview_timer.isActive()
            or self.check_timer.isActive()
            or self.save_timer.isActive()
            or self._check_running
            or self.check_generation != self.generation
        )

    def close_editor(self) -> None:
        self.save_draft()
        self.closed.emit()

    def finished_work(self) -> None:
        """Stop the timers and the checking process (before the editor is thrown away)."""
        for timer in (self.preview_timer, self.check_timer, self.save_timer):
            timer.stop()
        self.checker.stop()
        self.preview.stop_reading(closing=True)
