"""One small chart for the admin's statistics: horizontal bars, or a funnel, drawn with QPainter.

Made to be read at a glance by someone who never reads charts: one bar per line with its name
on the left in the kiosk's text size, the number written at the end of the bar, no axis to
decode, the longest bar the width of the chart. A funnel is the same bars centred, so the
narrowing from one step to the next shows where people stop.

Why not a library: Qt Charts is not in PySide6-Essentials (it comes with the add-ons, 400 MB
more), and pyqtgraph or matplotlib would add 30 to 60 MB and a second look for two kinds of
chart that fit in this file.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.theme import palette

LABEL_SHARE = 0.42  # at most this part of the width goes to the names
GAP = 12  # px between the name, the bar and its number


class BarChart(QWidget):
    """Bars with their names and numbers. ``funnel``: bars centred, for the steps of a
    tutorial. ``bars`` holds what is drawn: (name, value, text written at its end)."""

    def __init__(self, funnel: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.funnel = funnel
        self.bars: list[tuple[str, int, str]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[tuple[str, int]], texts: Sequence[str] = ()) -> None:
        """Draw ``bars`` (name, value ≥ 0) in this order; ``texts``: what to write at each
        bar's end instead of its value (e.g. "3 (75 %)")."""
        self.bars = [
            (name, max(0, value), texts[index] if index < len(texts) else str(value))
            for index, (name, value) in enumerate(bars)
        ]
        lines = [f"{name} : {text}" for name, _value, text in self.bars]
        self.setAccessibleDescription("\n".join(lines) or self.empty_text)
        self.updateGeometry()
        self.update()

    def row_height(self) -> int:
        return round(QFontMetrics(self.font()).height() * 1.7)

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.bars))
        return QSize(480, rows * self.row_height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        colours = palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        text_colour, bar_colour = QColor(colours.text), QColor(colours.primary)
        painter.setPen(text_colour)
        width = self.width()
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        widest_name = max(metrics.horizontalAdvance(name) for name, _v, _t in self.bars)
        label_width = min(widest_name, int(width * LABEL_SHARE))
        widest_text = max(metrics.horizontalAdvance(text) for _n, _v, text in self.bars)
        room = max(1, width - label_width - widest_text - 3 * GAP)
        top_value = max((value for _n, value, _t in self.bars), default=0) or 1
        row = self.row_height()
        bar_height = round(row * 0.62)
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for index, (name, value, text) in enumerate(self.bars):
            y = index * row
            length = room * value / top_value
            if value and length < 3:
                length = 3  # a small number still shows a bar
            name_box = QRectF(0, y, label_width, row)
            start = label_width + GAP
            if self.funnel:
                start += (room - length) / 2
            bar = QRectF(start, y + (row - bar_height) / 2, length, bar_height)
            text_box = QRectF(bar.right() + GAP, y, widest_text + GAP, row)
            if right_to_left:  # mirrored: names on the right, bars grow leftwards
                name_box = QRectF(width - label_width, y, label_width, row)
                bar = QRectF(width - bar.right(), bar.top(), bar.width(), bar.height())
                text_box = QRectF(bar.left() - GAP - widest_text, y, widest_text, row)
            shown_name = metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_width)
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
            )
            painter.drawText(name_box, int(align), shown_name)
            painter.fillRect(bar, bar_colour)
            text_align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
            )
            painter.drawText(text_box, int(text_align), text)
        painter.end()
