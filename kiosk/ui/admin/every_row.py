"""A table of the admin's pages as tall as all its rows, inside the page's one scroll.

A table that scrolls by itself inside a page that scrolls catches a finger's swipe: the page
stops moving as soon as the finger lands on the table, and the table's own scroll bar stands
beside the page's. A town-hall agent swiping down a page expects the page to move, rows and
all; so each table shows every row and the page scrolls once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView


def show_every_row(table: QTableView) -> None:
    """Make ``table`` no taller and no shorter than its header and all its rows (px), with no
    vertical scroll bar of its own. Call it again once its rows are filled or resized."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    head = 0 if header.isHidden() else header.sizeHint().height()
    rows = table.verticalHeader().length()  # the sum of the row heights, without measuring
    scrollbar = table.horizontalScrollBar()
    sideways = scrollbar.sizeHint().height() if scrollbar.maximum() > 0 else 0
    table.setFixedHeight(head + rows + 2 * table.frameWidth() + sideways)
