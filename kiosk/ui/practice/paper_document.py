"""A persona's paper (carte Vitale, avis d'impôt…) drawn large and readable."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.practice.documents import DOCUMENTS, document_lines, document_title
from kiosk.core.practice.model import Persona
from kiosk.ui.theme import FONT_FAMILY, palette

LINE_HEIGHT = 76


class PaperDocument(QWidget):
    """Draws one document; ``highlight(key)`` frames the box holding that value."""

    def __init__(self, kind: str, persona: Persona, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.persona = persona
        self.highlighted: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(420)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the labels (language change) and describe the paper for screen readers."""
        self.lines = document_lines(self.kind, self.persona)
        self.setFixedHeight(self.sizeHint().height())
        description = ". ".join(f"{label} : {value}" for _key, label, value in self.lines)
        self.setAccessibleName(document_title(self.kind))
        self.setAccessibleDescription(description)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(620, 96 + LINE_HEIGHT * len(document_lines(self.kind, self.persona)))

    def highlight(self, key: str | None) -> None:
        self.highlighted = key
        self.update()

    def paintEvent(self, _event) -> None:
        colours = palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = DOCUMENTS[self.kind].card
        paper = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        painter.setPen(QPen(QColor(colours.border), 3))
        painter.setBrush(QColor(colours.card_paper if card else colours.sheet_paper))
        painter.drawRoundedRect(paper, 24 if card else 4, 24 if card else 4)
        painter.setPen(QColor(colours.text))
        painter.setFont(QFont(FONT_FAMILY, 20, QFont.Weight.Bold))
        painter.drawText(
            paper.adjusted(24, 16, -24, 0), Qt.AlignmentFlag.AlignTop, document_title(self.kind)
        )
        top = paper.top() + 80
        for key, label, value in self.lines:
            box = QRectF(paper.left() + 20, top, paper.width() - 40, LINE_HEIGHT - 8)
            if key == self.highlighted:
                painter.setPen(QPen(QColor(colours.focus), 6))
                painter.setBrush(QColor(colours.highlight))
                painter.drawRoundedRect(box, 8, 8)
            painter.setPen(QColor(colours.text))
            painter.setFont(QFont(FONT_FAMILY, 13))
            painter.drawText(box.adjusted(12, 2, -12, 0), Qt.AlignmentFlag.AlignTop, label)
            painter.setFont(QFont(FONT_FAMILY, 20, QFont.Weight.Bold))
            painter.drawText(box.adjusted(12, 0, -12, -4), Qt.AlignmentFlag.AlignBottom, value)
            top += LINE_HEIGHT
        painter.end()
