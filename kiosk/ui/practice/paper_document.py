"""A persona's paper (carte Vitale, avis d'impôt…) drawn large and readable."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.practice.documents import DOCUMENTS, document_lines, document_title
from kiosk.core.practice.model import Persona
from kiosk.ui.theme import FONT_FAMILY, palette

TITLE_PT, LABEL_PT, VALUE_PT = 20, 13, 20  # at 100 %; all grow with the text size
MARGIN, BOX_PADDING, BOX_GAP = 24, 12, 8  # px
WRAP = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere


class PaperDocument(QWidget):
    """Draws one document; ``highlight(key)`` frames the box holding that value.

    Its height follows its width: a long value (an IBAN at 200 %) goes to the next line.
    """

    def __init__(self, kind: str, persona: Persona, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.persona = persona
        self.highlighted: str | None = None
        self.scale = 1.0
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(360)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the labels (language change) and describe the paper for screen readers."""
        self.lines = document_lines(self.kind, self.persona)
        description = ". ".join(f"{label} : {value}" for _key, label, value in self.lines)
        self.setAccessibleName(document_title(self.kind))
        self.setAccessibleDescription(description)
        self.updateGeometry()
        self.update()

    def set_scale(self, scale: float) -> None:
        """Text size chosen with A+ / A− (1.0 to 2.0)."""
        if scale != self.scale:
            self.scale = scale
            self.updateGeometry()
            self.update()

    def shows(self, key: str | None) -> bool:
        """True when this paper holds the value ``key``."""
        return any(line_key == key for line_key, _label, _value in self.lines)

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        title = QFont(FONT_FAMILY)
        title.setPointSizeF(TITLE_PT * self.scale)
        title.setBold(True)
        label = QFont(FONT_FAMILY)
        label.setPointSizeF(LABEL_PT * self.scale)
        value = QFont(title)
        value.setPointSizeF(VALUE_PT * self.scale)
        return title, label, value

    def _layout(self, width: float) -> tuple[float, list[tuple[float, float, float]]]:
        """Title height, then for each line: its top, its label height, its value height."""
        title_font, label_font, value_font = self._fonts()
        inner = max(60.0, width - 2 * MARGIN - 2 * BOX_PADDING - 8)
        title_height = self._height(title_font, document_title(self.kind), width - 2 * MARGIN)
        top = MARGIN + title_height + 16
        boxes = []
        for _key, label, value in self.lines:
            label_height = self._height(label_font, label, inner)
            value_height = self._height(value_font, value, inner)
            boxes.append((top, label_height, value_height))
            top += label_height + value_height + 2 * BOX_PADDING + BOX_GAP
        return top + MARGIN - BOX_GAP, boxes

    @staticmethod
    def _height(font: QFont, text: str, width: float) -> float:
        rect = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 10_000), WRAP, text)
        return rect.height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._layout(width)[0]) + 1

    def sizeHint(self) -> QSize:
        width = round(620 * min(self.scale, 1.5))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.heightForWidth(360))

    def highlight(self, key: str | None) -> None:
        self.highlighted = key
        self.update()

    def paintEvent(self, _event) -> None:
        colours = palette()
        title_font, label_font, value_font = self._fonts()
        _height, boxes = self._layout(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = DOCUMENTS[self.kind].card
        paper = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        painter.setPen(QPen(QColor(colours.border), 3))
        painter.setBrush(QColor(colours.card_paper if card else colours.sheet_paper))
        painter.drawRoundedRect(paper, 24 if card else 4, 24 if card else 4)
        painter.setPen(QColor(colours.text))
        painter.setFont(title_font)
        painter.drawText(
            QRectF(MARGIN, MARGIN, self.width() - 2 * MARGIN, 10_000),
            int(Qt.AlignmentFlag.AlignTop | WRAP),
            document_title(self.kind),
        )
        for (key, label, value), (top, label_height, value_height) in zip(
            self.lines, boxes, strict=True
        ):
            box = QRectF(
                MARGIN - 4,
                top,
                self.width() - 2 * MARGIN + 8,
                label_height + value_height + 2 * BOX_PADDING,
            )
            if key == self.highlighted:
                painter.setPen(QPen(QColor(colours.focus), 6))
                painter.setBrush(QColor(colours.highlight))
                painter.drawRoundedRect(box, 8, 8)
            text_box = box.adjusted(BOX_PADDING, BOX_PADDING, -BOX_PADDING, -BOX_PADDING)
            colour = colours.highlight_text if key == self.highlighted else colours.text
            painter.setPen(QColor(colour))
            painter.setFont(label_font)
            painter.drawText(text_box, int(Qt.AlignmentFlag.AlignTop | WRAP), label)
            painter.setFont(value_font)
            painter.drawText(
                text_box.adjusted(0, label_height, 0, 0),
                int(Qt.AlignmentFlag.AlignTop | WRAP),
                value,
            )
        painter.end()
