"""The admin's screen: the sections (settings, codes, and those other pieces add), going back
to the welcome screen, and the only way to close the kiosk.

Always in French, left to right: it is read by the kiosk's staff, whatever language the last
person chose. Sections are built the first time they are opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.admin.admin_keyboard import AdminKeyboard
from kiosk.ui.button_row import ButtonRow
from kiosk.ui.overlay import Overlay
from kiosk.ui.touch_scroll import TouchScrollArea
from kiosk.ui.widgets import BigButton, TextLabel

Section = tuple[str, str, Callable[[], QWidget]]
"""(key, French name on its button, a function building its page). A page that scrolls by
itself (a QAbstractScrollArea, or a page whose ``scrolls_itself`` property is True) is shown as
it is; any other is put in a swipe scroll area, so that the title and the buttons above the
sections always stay in sight. Either way the section scrolls once, under a header that never
moves (a page with a scroll area of its own inside another one had two scroll bars, and a
swipe moved whichever was under the finger).

A page with a ``whole_screen_wanted(bool)`` signal may ask for the whole screen (the tutorial
editor, which needs the form and the preview side by side on 1280 × 800): the title, the
section buttons and "Revenir à l'accueil" are hidden until it gives the screen back (its own
button leads back)."""

# The header's buttons, smaller than the citizen's (88 px, 20 pt): the six sections on one
# line at 1280 px and at 1024 px, and some 600 px of the kiosk's 800 left to the section.
# 64 px stays above the 44 px targets of WCAG 2.2 § 2.5.5 (target size, enhanced); 18 pt bold
# is what the tutorial editor's compact bars read at arm's length, a little larger.
HEADER_BUTTON_HEIGHT = 64
HEADER_ICON = QSize(32, 32)
HEADER_STYLE = """
#admin-header QPushButton { min-height: 64px; padding: 2px 12px; font-size: 18pt; }
#admin-header QPushButton:focus { padding: 0px 9px; }
#admin-header QLabel[role="title"] { font-size: 24pt; }
"""


class SectionStack(QStackedWidget):
    """The sections' pages, one at a time, in the room the header leaves.

    It asks for no more than its pages' minimum height: a QStackedWidget asks for its
    tallest page's preferred height (a scroll area's is up to 24 lines of text, 744 px), and
    the admin screen then scrolled as a whole around a section that scrolled too.
    """

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()


class AdminScreen(Overlay):
    """Signals: leave_requested() ("Revenir à l'accueil"), exit_requested() (after the
    confirmation of "Fermer la borne")."""

    leave_requested = Signal()
    exit_requested = Signal()
    section_opened = Signal(str, QWidget)

    def __init__(self, sections: list[Section], parent: QWidget | None = None) -> None:
        super().__init__("admin_screen", parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._builders = {key: build for key, _name, build in sections}
        self.pages: dict[str, QWidget] = {}
        self._shown: dict[str, QWidget] = {}  # the page, or the scroll area holding it
        layout = self.body
        layout.setContentsMargins(24, 12, 24, 0)
        layout.setSpacing(8)
        self._margins, self._spacing = layout.contentsMargins(), layout.spacing()
        self.whole_screen = False
        # The header: the title and the two ways out on one line, the sections under them.
        self.header = QWidget()
        self.header.setObjectName("admin-header")
        self.header.setStyleSheet(HEADER_STYLE)
        column = QVBoxLayout(self.header)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.title = TextLabel("title")
        self.title.setText("Administration de la borne")
        self.section_buttons: dict[str, BigButton] = {}
        for key, name, _build in sections:
            button = BigButton()
            button.setObjectName(f"admin-section-{key}")
            button.setCheckable(True)
            button.set_text(name)
            button.clicked.connect(lambda _c=False, k=key: self.open_section(k))
            self.section_buttons[key] = button
        # One line at 1280 and 1024 px; on two, the second following the first, if a wider
        # text (a larger font on another kiosk) no longer leaves room.
        buttons = list(self.section_buttons.values())
        half = (len(buttons) + 1) // 2
        self.sections_row = ButtonRow(
            buttons[:half], buttons[half:], margins=(0, 0, 0, 0), spacing=12, packed=True
        )
        self.sections_row.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # "Revenir à l'accueil" and "Fermer la borne" stay at the top, above long sections.
        top = self.top_row = QHBoxLayout()
        top.setSpacing(12)
        self.leave_button = BigButton("home", "primary")
        self.leave_button.setObjectName("admin-leave")
        self.leave_button.set_text("Revenir à l'accueil")
        self.leave_button.clicked.connect(self.leave_requested)
        self.exit_button = BigButton("finish")
        self.exit_button.setObjectName("admin-exit")
        self.exit_button.set_text("Fermer la borne")
        self.exit_button.clicked.connect(self.ask_exit)
        self.exit_question = TextLabel("notice")
        self.exit_question.setText(
            "Fermer la borne ? Plus personne ne pourra l'utiliser avant son redémarrage."
        )
        self.exit_question.hide()
        self.exit_confirm = BigButton("check")
        self.exit_confirm.setObjectName("admin-exit-confirm")
        self.exit_confirm.set_text("Oui, fermer la borne")
        self.exit_confirm.clicked.connect(self.exit_requested)
        self.exit_confirm.hide()
        top.addWidget(self.title, 1)
        top.addWidget(self.leave_button)
        top.addWidget(self.exit_button)
        column.addLayout(top)
        # The question and its answer on one line, under the two ways out.
        question = QHBoxLayout()
        question.setSpacing(12)
        question.addWidget(self.exit_question, 1)
        question.addWidget(self.exit_confirm)
        column.addLayout(question)
        column.addWidget(self.sections_row)
        for button in (self.leave_button, self.exit_button, self.exit_confirm, *buttons):
            button.setMinimumHeight(HEADER_BUTTON_HEIGHT)
            button.setIconSize(HEADER_ICON)
        layout.addWidget(self.header)
        # The section takes what the header leaves, and scrolls there by itself (the screen
        # around it scrolls only in a window too small for its header and a few lines).
        self.stack = SectionStack()
        self.stack.setMinimumHeight(HEADER_BUTTON_HEIGHT * 3)
        layout.addWidget(self.stack, 1)
        # Every text field of every section opens the on-screen keyboard when touched.
        self.keyboard = AdminKeyboard(self)
        if sections:
            self.open_section(sections[0][0])

    def open_section(self, key: str) -> QWidget:
        """Show the section ``key`` (built now if needed) and return its page."""
        page = self.pages.get(key)
        if page is None:
            page = self._builders[key]()
            self.pages[key] = page
            scrolls = isinstance(page, QAbstractScrollArea) or page.property("scrolls_itself")
            shown = page if scrolls else TouchScrollArea(page)
            self._shown[key] = shown
            self.stack.addWidget(shown)
            wanted = getattr(page, "whole_screen_wanted", None)
            if wanted is not None:
                wanted.connect(self.set_whole_screen)
        self.stack.setCurrentWidget(self._shown[key])
        for other, button in self.section_buttons.items():
            button.setChecked(other == key)
        self.section_opened.emit(key, page)
        return page

    def set_whole_screen(self, on: bool) -> None:
        """Give the section's page the whole screen (True), or show the title, "Revenir à
        l'accueil" and the section buttons again (False)."""
        self.whole_screen = on
        self.header.setVisible(not on)
        if on:
            self.exit_question.hide()
            self.exit_confirm.hide()
            self.body.setContentsMargins(16, 8, 16, 8)
            self.body.setSpacing(0)  # the hidden rows' gaps
        else:
            self.body.setContentsMargins(self._margins)
            self.body.setSpacing(self._spacing)
        self.scroll.scroll_to_top()

    def open_screen(self) -> None:
        self.exit_question.hide()
        self.exit_confirm.hide()
        self.cover()
        current = next((k for k, b in self.section_buttons.items() if b.isChecked()), None)
        if current is not None:
            self.section_opened.emit(current, self.pages[current])

    def ask_exit(self) -> None:
        self.exit_question.show()
        self.exit_confirm.show()
        self.exit_confirm.setFocus()

    def focus_first(self) -> None:
        self.leave_button.setFocus()

    def dismiss(self) -> None:
        """Escape leaves the admin screen, as "Revenir à l'accueil" does."""
        self.hide()
        self.leave_requested.emit()

    def retranslate_ui(self) -> None:
        """Nothing to do: the admin screen is always in French."""
