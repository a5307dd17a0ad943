"""Home: the categories as large tiles, and a forgiving search "Que voulez-vous faire ?"."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.content import CATEGORIES
from kiosk.core.i18n import _, current_language, ngettext
from kiosk.core.languages import pick
from kiosk.core.search_terms import matches
from kiosk.core.spoken import Utterance, said
from kiosk.store.content_store import ContentStore, TutorialSummary
from kiosk.ui.categories import category_icon, category_name, level_name
from kiosk.ui.layout_hint import LayoutSizeHint
from kiosk.ui.private_field import PrivateField
from kiosk.ui.screens.base import Screen, page_layout, scrolling
from kiosk.ui.theme import palette
from kiosk.ui.widgets import BigButton, CardButton, TextLabel, icon

# The basics come first: a first-time user finds them without looking.
HOME_ORDER = ("bases", *(c for c in CATEGORIES if c != "bases"))


class HomeScreen(Screen):
    """Signals: tutorial_chosen(str), keyboard_requested(QLineEdit)."""

    tutorial_chosen = Signal(str)
    keyboard_requested = Signal(QLineEdit)

    SEARCH_DELAY_MS = 200
    # A theme shows this many tiles at a time (6 rows of 2), then "Voir la suite": with
    # thousands of tutorials a press builds one page, and the page scrolls like any other.
    PAGE_SIZE = 12

    def __init__(self, content: ContentStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self._category: str | None = None
        self._columns = 3  # how many tiles fit in a row at this text size
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = OpaquePage()
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
        # Themes and tutorials each have their own shelf of tiles, made once and reused: going
        # from the themes to a theme moves no tile, it only changes texts (issue #19).
        self.category_shelf = TileShelf(self._card_pressed, columns=3)
        self.tutorial_shelf = TileShelf(self._card_pressed, columns=2)
        layout.addWidget(self.category_shelf)
        layout.addWidget(self.tutorial_shelf)
        # Below a theme's page: the other pages, with where we are ("Page 2 sur 40").
        self.page_label = TextLabel()
        self.page_label.setObjectName("home-page")
        layout.addWidget(self.page_label)
        pages = QHBoxLayout()
        pages.setSpacing(16)
        self.earlier_button = BigButton("previous")
        self.earlier_button.setObjectName("home-earlier")
        self.earlier_button.clicked.connect(lambda: self._turn_page(-1))
        self.later_button = BigButton("next")
        self.later_button.setObjectName("home-later")
        self.later_button.clicked.connect(lambda: self._turn_page(1))
        pages.addWidget(self.earlier_button)
        pages.addWidget(self.later_button)
        pages.addStretch(1)
        layout.addLayout(pages)
        layout.addStretch(1)
        outer.addWidget(scrolling(body))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.search_field.textEdited.connect(lambda _text: self._timer.start())
        self.cards: list[CardButton] = []  # the tiles shown, in reading order
        self._page = 0
        self.retranslate_ui()
        # Once the themes are in sight, one tile made per idle turn while the person reads
        # them (a timer of the screen's own: it dies with the screen).
        self._tile_maker = QTimer(self)
        self._tile_maker.setInterval(0)
        self._tile_maker.timeout.connect(self._prepare_tiles)

    # -- what is shown -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Que voulez-vous faire ?"))
        self.search_field.setPlaceholderText(_("Par exemple : impôts"))
        self.search_field.setAccessibleName(_("Que voulez-vous faire ?"))
        self.search_button.set_text(_("Chercher"))
        self.keyboard_button.set_text(_("Clavier"), _("Ouvrir le clavier à l'écran"))
        self.erase_button.set_text(_("Effacer"), _("Effacer les mots cherchés"))
        self.back_button.set_text(_("Retour aux thèmes"))
        self.earlier_button.set_text(_("Voir les précédents"))
        self.later_button.set_text(_("Voir la suite"))
        self._refresh()

    def _refresh(self) -> None:
        if self.search_field.text().strip():
            self._search_now()
        else:
            self._show_browsing_view()

    def _clear_grid(self) -> None:
        # A tile pressed goes away with its view: the focus then goes to the new view's first
        # tile, not to whatever Qt finds next (the toolbar).
        self._focus_new_view = any(card.hasFocus() for card in self.cards) or any(
            button.hasFocus() for button in (self.back_button, *self._page_buttons())
        )
        self.cards = []
        for shelf in (self.category_shelf, self.tutorial_shelf):
            shelf.begin(self._columns)

    def _page_buttons(self) -> tuple[BigButton, BigButton]:
        return (self.earlier_button, self.later_button)

    def _focus_view(self) -> None:
        """After a tile, "Retour aux thèmes" or a page button was pressed: the first tile."""
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

    # -- tiles ---------------------------------------------------------------------------------
    def _show_cards(self) -> None:
        """Show the tiles placed since the last _clear_grid; hide the shelves' others."""
        for shelf in (self.category_shelf, self.tutorial_shelf):
            shelf.finish()
        # Tab goes as the eye does: the tiles, then the other pages (tiles reused from a pool
        # were made after those buttons, and Qt's default order is the order of making).
        chain = [self.back_button, *self.cards, self.earlier_button, self.later_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._focus_view()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if len(self.tutorial_shelf.tiles) < self.PAGE_SIZE:
            self._tile_maker.start()

    def _prepare_tiles(self) -> None:
        """One tile made per turn of the event loop, until a page of each kind is ready."""
        made = self.category_shelf.prepare(len(CATEGORIES)) or self.tutorial_shelf.prepare(
            self.PAGE_SIZE
        )
        if not made:
            self._tile_maker.stop()

    def _card_pressed(self, card: CardButton) -> None:
        if getattr(card, "target", None) is None:
            return  # a tile made ahead of time, not placed yet
        kind, value = card.target
        if kind == "category":
            self.show_category(value)
        else:
            self.tutorial_chosen.emit(value)

    @Slot()
    def show_categories(self) -> None:
        self._category = None
        self._clear_grid()
        self.heading.setText(_("Choisissez un thème"))
        self.back_button.hide()
        self._show_page_buttons(0, 0)
        counts = self.content.category_counts()
        for category in HOME_ORDER:
            if counts.get(category):
                self._add_category_card(category, counts[category])
        self._show_cards()

    def _add_category_card(self, category: str, count: int) -> None:
        card = self.category_shelf.place(
            category_icon(category), f"category-{category}", ("category", category)
        )
        self.cards.append(card)
        _say_in(card, None)  # in the interface's language
        card.set_texts(
            category_name(category),
            ngettext("{n} tutoriel", "{n} tutoriels", count).format(n=count),
        )

    def show_category(self, category: str, page: int = 0) -> None:
        """A theme's tutorials, PAGE_SIZE at a time: the cost of a page never grows with
        the library (issue #19: 5,000 tutorials made one tile each, 2.8 s on one press)."""
        self._category = category
        self._clear_grid()
        self.heading.setText(category_name(category))
        self.back_button.show()
        total = self.content.category_counts().get(category, 0)
        page = max(0, min(page, (total - 1) // self.PAGE_SIZE)) if total else 0
        self._page = page
        for summary in self.content.tutorials(category, page * self.PAGE_SIZE, self.PAGE_SIZE):
            self._add_tutorial_card(summary)
        self._show_page_buttons(page, total)
        self._show_cards()

    def _show_page_buttons(self, page: int, total: int) -> None:
        """ "Voir les précédents" and "Voir la suite" around a page, when there are more."""
        pages = -(-total // self.PAGE_SIZE)
        self.earlier_button.setVisible(page > 0)
        self.later_button.setVisible(page + 1 < pages)
        self.page_label.setVisible(pages > 1)
        if pages > 1:
            self.page_label.setText(_("Page {page} sur {pages}").format(page=page + 1, pages=pages))

    def _turn_page(self, step: int) -> None:
        if self._category:
            self.show_category(self._category, self._page + step)
            self.scroll_to_top()

    def _add_tutorial_card(self, summary: TutorialSummary) -> None:
        language = current_language()
        card = self.tutorial_shelf.place(
            category_icon(summary.category), f"tutorial-{summary.id}", ("tutorial", summary.id)
        )
        self.cards.append(card)
        detail = _("{minutes} minutes environ · {level} · {steps} étapes").format(
            minutes=summary.minutes, level=level_name(summary.level), steps=summary.step_count
        )
        if language not in summary.languages:
            detail += " · " + _("en français seulement")
        title = pick(summary.title, language)
        card.set_texts(title.text, detail)
        _say_in(card, title.language)  # read in the title's own voice

    @Slot()
    def _search_now(self) -> None:
        self._timer.stop()
        query = self.search_field.text().strip()
        if not query:
            self._show_browsing_view()
            return
        self._clear_grid()
        self.back_button.show()
        self._show_page_buttons(0, 0)
        counts = self.content.category_counts()
        found_categories = [
            c for c in CATEGORIES if counts.get(c) and matches(query, category_name(c))
        ]
        tutorials = self.content.search(query, limit=self.PAGE_SIZE)  # the best page
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
        self._show_cards()

    def _show_browsing_view(self) -> None:
        """The themes, or the theme the person opened, when there is nothing to search."""
        if self._category:
            self.show_category(self._category, self._page)
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
        if self.page_label.isVisible():
            sentences.append(said(self.page_label.text() + ".", interface))
        return sentences

    def reset(self) -> None:
        self._timer.stop()
        self.search_field.clear()
        self._category = None
        self._page = 0
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


class OpaquePage(LayoutSizeHint, QWidget):
    """The scrolled page of the home: it paints its whole background itself, in one fill,
    and keeps Qt's language changes from its widgets.

    A page of the style sheet's kind is drawn over five others of the same colour (window,
    central widget, stack of screens, scroll area, its viewport), each filling the whole
    screen again at every frame: 20 MB written per frame at 1280×800, a fifth of the time of
    opening a theme here (perf: ``qt_memfill32``). Marked opaque (``WA_OpaquePaintEvent``),
    Qt leaves those below it alone (QWidget documentation, "Transparency and Double
    Buffering"); it fills with its palette's window colour, which the style sheet sets (the
    contrast theme's too).
    """

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def event(self, event: QEvent) -> bool:
        """A change of language stops here. The home gives every widget of its page its new
        texts itself (``retranslate_ui``, called by the window), and none of them reads Qt's
        ``LanguageChange``, which Qt sends to every widget of the window, hidden ones
        included, each through the application's event filters: with a theme open, 121 of
        the 403 such events of a change of language were the page's (tiles made ahead of
        time included), about 2 ms of its 15–20 ms of CPU here. ``LayoutDirectionChange``
        (Arabic) still reaches them."""
        if event.type() == QEvent.Type.LanguageChange:
            return True
        return super().event(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        painter.end()


class TileShelf(LayoutSizeHint, QWidget):
    """A grid of tiles that keeps its tiles: each view gives them new texts, not new widgets.

    ``begin(columns)``, then ``place()`` for each tile in reading order, then ``finish()``
    hides the tiles left over. Making a tile costs about a millisecond (labels, layouts,
    icon); hiding, moving and showing it again cost as much; a tile that keeps its place
    and only changes its texts costs a tenth of that. ``columns`` is the most tiles a row
    holds (themes 3, tutorials 2 for their longer titles), fewer at large text sizes.
    """

    def __init__(self, pressed: Callable[[CardButton], None], columns: int) -> None:
        super().__init__()
        self._pressed = pressed
        self._most_columns = columns
        self._columns = columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        self.tiles: list[CardButton] = []  # every tile made so far
        self._used = 0
        self._cells: dict[int, tuple[int, int]] = {}  # where each tile is, by its index
        self._icons: dict[tuple[str, str], QPixmap] = {}

    def begin(self, columns: int) -> None:
        self._used = 0
        self._columns = min(columns, self._most_columns)
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < self._columns else 0)

    def place(self, icon_name: str, object_name: str, target: tuple[str, str]) -> CardButton:
        """The next tile, named ``object_name``; ``target`` is what pressing it opens."""
        index = self._used
        if index == len(self.tiles):
            self.tiles.append(self._new_tile())
        card = self.tiles[index]
        pixmap = self._icon(icon_name)
        if card.icon_label.pixmap().cacheKey() != pixmap.cacheKey():
            card.icon_label.setPixmap(pixmap)  # the same drawing again would lay it out again
        card.setObjectName(object_name)
        card.target = target
        cell = divmod(index, self._columns)
        if self._cells.get(index) != cell:
            if index in self._cells:
                self.grid.removeWidget(card)
            self.grid.addWidget(card, *cell)
            self._cells[index] = cell
        self._used += 1
        return card

    def prepare(self, count: int) -> bool:
        """Make one more tile if there are fewer than ``count``; whether one was made.

        Called one tile per turn of the event loop while nobody touches the screen, so the
        first theme opened finds its tiles made and styled (about 1 ms each). While the
        shelf is hidden, the tile also takes its cell and is shown inside the hidden shelf:
        the first view that shows the shelf shows it with it, instead of placing and showing
        each tile (14 of the 20 ms of CPU of a first opening of a theme).
        """
        if len(self.tiles) >= count:
            return False
        card = self._new_tile()
        self.tiles.append(card)
        if self.isHidden():
            index = len(self.tiles) - 1
            self._cells[index] = divmod(index, self._columns)
            self.grid.addWidget(card, *self._cells[index])
            card.show()  # shown with the shelf; finish() hides it if a view does not use it
        return True

    def _new_tile(self) -> CardButton:
        card = CardButton(None, self)
        # Hidden until placed, even when its parent shows (a child not hidden explicitly would
        # appear with it: a stray tile with nothing to open, found by the soak).
        card.hide()
        card.target = None
        card.icon_label.show()
        card.clicked.connect(lambda _c=False, tile=card: self._pressed(tile))
        card.ensurePolished()  # styled now, not when first shown
        return card

    def finish(self) -> None:
        if self._used == 0:
            # A view without this kind of tile: the shelf hides as one, and its tiles stay
            # where they are for the next view (showing, hiding and moving twelve tiles one
            # by one was most of the cost of opening a theme).
            self.hide()
            return
        for index in range(self._used, len(self.tiles)):
            if index in self._cells:
                self.tiles[index].hide()  # gone at once, not at the next event loop turn
                self.grid.removeWidget(self.tiles[index])
                del self._cells[index]
        for card in self.tiles[: self._used]:
            if card.isHidden():
                card.show()  # at once, not at the next turn of the event loop
        self.setVisible(self._used > 0)

    def _icon(self, icon_name: str) -> QPixmap:
        """A theme's drawing in the text colour now in use (contrast); drawn once per colour."""
        colour = palette().text
        key = (icon_name, colour)
        if key not in self._icons:
            self._icons[key] = icon(icon_name, colour).pixmap(QSize(56, 56))
        return self._icons[key]


def _say_in(card: CardButton, language: str | None) -> None:
    """The language a tile is read in (None: the interface's), for the listening mode.

    Set only when it changes: each change of a property sends the tile an event.
    """
    if card.property("speech_language") != language:
        card.setProperty("speech_language", language)
