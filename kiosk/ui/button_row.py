"""A row of big buttons that goes to two rows instead of squeezing or cutting its buttons.

Used by the toolbar and the bars at the bottom of the screens: at 200 % text on a 1024 px
screen, "Recommencer ce tutoriel" and "Choisir un autre tutoriel" no longer fit side by side.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


class ButtonRow(QWidget):
    """``leading`` buttons at the start, ``middle`` ones centred, ``trailing`` ones at the end
    (in the reading direction).

    On one line when they fit at their natural width; else the trailing ones go to a second
    line, at its end. ``margins``: (left, top, right, bottom) in px. ``packed``: the buttons
    follow one another from the start, on one line or two (the admin's sections, read as one
    list), instead of leaving the room between the leading and the trailing ones.
    """

    def __init__(
        self,
        leading: list[QWidget],
        trailing: list[QWidget],
        middle: list[QWidget] | None = None,
        margins: tuple[int, int, int, int] = (48, 8, 48, 24),
        spacing: int = 16,
        parent: QWidget | None = None,
        packed: bool = False,
    ) -> None:
        super().__init__(parent)
        self.packed = packed
        self.leading = leading
        self.middle = middle or []
        self.trailing = trailing
        self.spacing = spacing
        column = QVBoxLayout(self)
        column.setContentsMargins(*margins)
        column.setSpacing(8)
        self.top_row, self.bottom_row = QHBoxLayout(), QHBoxLayout()
        for row in (self.top_row, self.bottom_row):
            row.setSpacing(spacing)
            column.addLayout(row)
        self._rows = 0
        self.arrange()

    @property
    def rows(self) -> int:
        return self._rows

    def needed_width(self) -> int:
        """Width of one line holding every shown button at its natural size, in px."""
        buttons = [b for b in self.leading + self.middle + self.trailing if not b.isHidden()]
        margins = self.layout().contentsMargins()
        widths = [b.sizeHint().width() for b in buttons]
        gaps = self.spacing * len(widths)  # between them, and at least one in the middle
        return sum(widths) + gaps + margins.left() + margins.right()

    def arrange(self) -> None:
        """One line if everything fits the width, else two; rebuilt only when that changes."""
        rows = 1 if self.width() <= 0 or self.needed_width() <= self.width() else 2
        if rows == self._rows:
            return
        self._rows = rows
        for row in (self.top_row, self.bottom_row):
            while row.count():
                row.takeAt(0)
        for button in self.leading:
            self.top_row.addWidget(button)
        if self.packed:
            second = self.top_row if rows == 1 else self.bottom_row
            for button in self.trailing:
                second.addWidget(button)
            for row in (self.top_row, self.bottom_row):
                row.addStretch(1)
            return
        self.top_row.addStretch(1)
        if self.middle:
            for button in self.middle:
                self.top_row.addWidget(button)
            if rows == 1:
                self.top_row.addStretch(1)
        second = self.top_row if rows == 1 else self.bottom_row
        if rows == 2:
            second.addStretch(1)
        for button in self.trailing:
            second.addWidget(button)

    def event(self, event: QEvent) -> bool:
        # A button's text or font changed its natural width: see whether it still fits.
        if event.type() == QEvent.Type.LayoutRequest:
            self.arrange()
        return super().event(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange()
