"""The plain-language check drawn in a text field: a wavy underline where a rule is broken."""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from kiosk.core.plain_language import Severity
from kiosk.core.plain_language_marks import Mark

# Red for an error, a dark orange for a warning: both reach 4.5:1 on white as lines.
COLOURS = {Severity.ERROR: QColor("#b00020"), Severity.WARNING: QColor("#8a4b00")}


class PlainLanguageMarks(QSyntaxHighlighter):
    """Marks ``marks`` (indexes in the whole text) in ``document``; ``set_marks`` redraws."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.marks: tuple[Mark, ...] = ()

    def set_marks(self, marks: tuple[Mark, ...]) -> None:
        if marks != self.marks:
            self.marks = marks
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        start = self.currentBlock().position()
        end = start + len(text)
        for mark in self.marks:
            if mark.end <= start or mark.start >= end:
                continue
            shape = QTextCharFormat()
            shape.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            shape.setUnderlineColor(COLOURS[mark.severity])
            shape.setBackground(QColor("#fff1c2"))
            shape.setToolTip(mark.hint)
            first = max(mark.start, start) - start
            self.setFormat(first, min(mark.end, end) - start - first, shape)
