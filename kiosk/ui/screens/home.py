"""Home: the categories as large tiles, and a forgiving search "Que voulez-vous faire ?"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.content import CATEGORIES
from kiosk.core.i18n import _, current_language, ngettext
from kiosk.core.languages import pick
from kiosk.core.search_terms import matches
from kiosk.core.spoken import Utterance, said
from kiosk.store.content_store import ContentStore, TutorialSummary
from kiosk.ui.categories import category_icon, category_name, level_name
from kiosk.ui.private_field import PrivateField
from kiosk.ui.screens.base import Screen, page_layout, scrolling
from kiosk.ui.widgets import BigButton, CardButton, TextLabel

# The basics come first: a first-time user finds them without looking.
HOME_ORDER = ("bases", *(c for c in CATEGORIES if c != "bases"))


class HomeScreen(Screen):
    """Signals: tutorial_chosen(str), keyboard_requested(QLineEdit)."""

    tutorial_chosen = Signal(str)
    keyboard_requested = Signal(QLineEdit)

    SEARCH_DELAY_MS = 200

    def __init__(self, content: ContentStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self._category: str | None = None
        self._columns = 3  # how many tiles fit in a row at this text size
        self._view_columns = 3  # themes: 3 in a row; tutorials: 2, for their longer titles
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        layout = page_layout(body)
        self.title = TextLabel("title")
        layout.addWidget(self.title)
        # The field, then its buttons: on one line, or the buttons below it at large text.
        self.search_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.search_row.setSpacing(16)
        self.search_field = PrivateField()
        self.search_field.setObjectName("search")
        self.search_field.returnPressed.connect(self._search_now)
        self.search_field.textChanged.connect(self._show_erase_button)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.search_button = BigButton("search", "primary")
        self.search_button.clicked.connect(self._search_now)
        self.keyboard_button = BigButton("keyboard")
        self.keyboard_button.setObjectName("search-keyboard")
        self.keyboard_button.clicked.connect(
            lambda: self.keyboard_requested.emit(self.search_field)
        )
        # Our own big "Effacer" instead of Qt's clear button (20 px, unnamed, on the border).
        self.erase_button = BigButton("erase")
        self.erase_button.setObjectName("search-erase")
        self.erase_button.clicked.connect(self._erase_search)
        self.erase_button.hide()
        for button in (self.search_button, self.keyboard_button, self.erase_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.search_row.addWidget(self.search_field, 1)
        self.search_row.addLayout(buttons)
        layout.addLayout(self.search_row)
        self.heading = TextLabel("title")
        layout.addWidget(self.heading)
        self.back_button = BigButton("previous")
        self.back_button.clicked.connect(self.show_categories)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        outer.addWidget(scrolling(body))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.search_field.textEdited.connect(lambda _text: self._timer.start())
        self.cards: list[CardButton] = []
        self.retranslate_ui()

    # -- what is shown -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Que voulez-vous faire ?"))
        self.search_field.setPlaceholderText(_("Par exemple : impôts"))
        self.search_field.setAccessibleName(_("Que voulez-vous faire ?"))
        self.search_button.set_text(_("Chercher"))
        self.keyboard_button.set_text(_("Clavier"), _("Ouvrir le clavier à l'écran"))
        self.erase_button.set_text(_("Effacer"), _("Effacer les mots cherchés"))
        self.back_button.set_text(_("Retour aux thèmes"))
        self._refresh()

    def _refresh(self) -> None:
        if self.search_field.text().strip():
            self._search_now()
        else:
            self._show_browsing_view()

    def _row_length(self) -> int:
        return min(self._columns, self._view_columns)

    def _equal_columns(self) -> None:
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < self._row_length() else 0)

    def _clear_grid(self) -> None:
        # A tile pressed goes away with its view: the focus then goes to the new view's first
        # tile, not to whatever Qt finds next (the toolbar).
        self._focus_new_view = any(card.hasFocus() for card in self.cards) or (
            self.back_button.hasFocus()
        )
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone at once, not at the next event loop turn
                item.widget().deleteLater()
        self.cards = []
        self._equal_columns()

    def _focus_view(self) -> None:
        """After a tile or "Retour aux thèmes" was pressed, the new view's first tile."""
        if getattr(self, "_focus_new_view", False):
            self._focus_new_view = False
            target = self.cards[0] if self.cards else self.search_field
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _erase_search(self) -> None:
        self.search_field.clear()
        self.search_field.setFocus()
        self._search_now()

    def _show_erase_button(self, text: str) -> None:
        self.erase_button.setVisible(bool(text))

    def hideEvent(self, event) -> None:
        """A search still waiting for its delay is dropped with the screen (or the window)."""
        self._timer.stop()
        super().hideEvent(event)

    def go_back(self) -> None:
        """Escape: from a theme or a search, back to the themes."""
        if self._category or self.search_field.text():
            self._timer.stop()
            self.search_field.clear()
            self._category = None
            self.show_categories()
            self.search_field.setFocus()

    def _add_card(self, card: CardButton) -> None:
        position = len(self.cards)
        row_length = self._row_length()
        self.grid.addWidget(card, position // row_length, position % row_length)
        card.show()  # at once, not at the next turn of the event loop
        self.cards.append(card)

    @Slot()
    def show_categories(self) -> None:
        self._category = None
        self._view_columns = 3
        self._clear_grid()
        self.heading.setText(_("Choisissez un thème"))
        self.back_button.hide()
        counts = self.content.category_counts()
        for category in HOME_ORDER:
            if counts.get(category):
                self._add_category_card(category, counts[category])
        self._focus_view()

    def _add_category_card(self, category: str, count: int) -> None:
        card = CardButton(category_icon(category))
        card.setObjectName(f"category-{category}")
        card.set_texts(
            category_name(category),
            ngettext("{n} tutoriel", "{n} tutoriels", count).format(n=count),
        )
        card.clicked.connect(lambda _c=False, cat=category: self.show_category(cat))
        self._add_card(card)

    def show_category(self, category: str) -> None:
        self._category = category
        self._view_columns = 2
        self._clear_grid()
        self.heading.setText(category_name(category))
        self.back_button.show()
        for summary in self.content.tutorials(category):
            self._add_tutorial_card(summary)
        self._focus_view()

    def _add_tutorial_card(self, summary: TutorialSummary) -> None:
        from kiosk.core.i18n import current_language

        language = current_language()
        card = CardButton(category_icon(summary.category))
        card.setObjectName(f"tutorial-{summary.id}")
        detail = _("{minutes} minutes environ · {level} · {steps} étapes").format(
            minutes=summary.minutes, level=level_name(summary.level), steps=summary.step_count
        )
        if language not in summary.languages:
            detail += " · " + _("en français seulement")
        title = pick(summary.title, language)
        card.set_texts(title.text, detail)
        card.setProperty("speech_language", title.language)  # read in the title's own voice
        card.clicked.connect(lambda _c=False, tid=summary.id: self.tutorial_chosen.emit(tid))
        self._add_card(card)

    @Slot()
    def _search_now(self) -> None:
        self._timer.stop()
        query = self.search_field.text().strip()
        if not query:
            self._show_browsing_view()
            return
        self._view_columns = 2
        self._clear_grid()
        self.back_button.show()
        counts = self.content.category_counts()
        found_categories = [
            c for c in CATEGORIES if counts.get(c) and matches(query, category_name(c))
        ]
        tutorials = self.content.search(query)
        total = len(found_categories) + len(tutorials)
        if total:
            self.heading.setText(ngettext("{n} résultat", "{n} résultats", total).format(n=total))
        else:
            self.heading.setText(
                _("Nous n'avons rien trouvé. Essayez un autre mot, ou choisissez un thème.")
            )
        for category in found_categories:
            self._add_category_card(category, counts[category])
        for summary in tutorials:
            self._add_tutorial_card(summary)
        self._focus_view()

    def _show_browsing_view(self) -> None:
        """The themes, or the theme the person opened, when there is nothing to search."""
        if self._category:
            self.show_category(self._category)
        else:
            self.show_categories()

    # -- Screen --------------------------------------------------------------------------------
    def first_focus(self) -> QWidget | None:
        return self.search_field

    def screen_title(self) -> str:
        return _("Que voulez-vous faire ?")

    def speech_sentences(self) -> list[str]:
        return [utterance.text for utterance in self.reading()]

    def reading(self) -> list[Utterance]:
        """Our words in the interface language; a tutorial's title in its own language."""
        interface = current_language()
        sentences = [said(self.title.text(), interface), said(self.heading.text(), interface)]
        for card in self.cards:
            language = card.property("speech_language") or interface
            sentences.append(said(card.title_label.text() + ".", language))
        return sentences

    def reset(self) -> None:
        self._timer.stop()
        self.search_field.clear()
        self._category = None
        self.show_categories()
        self.scroll_to_top()

    def text_scale_changed(self, scale: float) -> None:
        self.search_row.setDirection(
            QBoxLayout.Direction.LeftToRight if scale < 1.5 else QBoxLayout.Direction.TopToBottom
        )
        columns = 3 if scale < 1.4 else 2 if scale < 1.8 else 1
        if columns != self._columns:
            self._columns = columns
            self._refresh()
