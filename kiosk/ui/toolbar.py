"""The toolbar at the top of every screen: what a lost person needs, always in the same place.

Accueil, the language (its name in that language), "Voir mieux" (text size and contrast),
Écouter and Terminer. On one row when they fit; when they do not (large text on a 1024 px
screen), Écouter and Terminer go to a second row instead of being squeezed or cut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets import ToolbarButton

SPACING = 8  # px between buttons
MARGINS = 16  # px at both ends


class Toolbar(QWidget):
    """Holds the buttons; the window connects them. Never grows wider than the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolbar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.home_button = ToolbarButton("home")
        self.language_button = ToolbarButton("globe")
        self.display_button = ToolbarButton("text-bigger")
        self.display_button.setObjectName("display")
        self.listen_button = ToolbarButton("listen")
        self.finish_button = ToolbarButton("finish")
        self.leading = [self.home_button, self.language_button, self.display_button]
        self.trailing = [self.listen_button, self.finish_button]
        column = QVBoxLayout(self)
        column.setContentsMargins(MARGINS, 10, MARGINS, 10)
        column.setSpacing(8)
        self.top_row, self.bottom_row = QHBoxLayout(), QHBoxLayout()
        for row in (self.top_row, self.bottom_row):
            row.setSpacing(SPACING)
            column.addLayout(row)
        self._rows = 0
        self.arrange()

    def needed_width(self) -> int:
        """Width of one row holding every visible button at its natural size, in px."""
        buttons = [b for b in self.leading + self.trailing if not b.isHidden()]
        widths = [b.sizeHint().width() for b in buttons]
        return sum(widths) + SPACING * max(0, len(widths) - 1) + 2 * MARGINS + SPACING

    def arrange(self) -> None:
        """One row if everything fits the width, else two; only when that changes."""
        rows = 1 if self.width() <= 0 or self.needed_width() <= self.width() else 2
        if rows == self._rows:
            return
        self._rows = rows
        for row in (self.top_row, self.bottom_row):
            while row.count():
                row.takeAt(0)
        for button in self.leading:
            self.top_row.addWidget(button)
        self.top_row.addStretch(1)
        second = self.top_row if rows == 1 else self.bottom_row
        if rows == 2:
            second.addStretch(1)
        for button in self.trailing:
            second.addWidget(button)

    @property
    def rows(self) -> int:
        return self._rows

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange()
