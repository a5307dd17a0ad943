"""A text field that keeps what a person types to itself: a public kiosk's clipboard is shared.

On X11, selecting text in a ``QLineEdit`` puts it in the PRIMARY selection (a middle click pastes
it anywhere), and Ctrl+C / Ctrl+X put it in the clipboard: the next person at the kiosk could
paste what the previous one typed. This field never offers its text to either: no copy, no cut,
no context menu, and the selection is taken back from PRIMARY as soon as Qt gives it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

LEAKING_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)


class PrivateField(QLineEdit):
    """A ``QLineEdit`` whose text never reaches the clipboard or the PRIMARY selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)

    def keyPressEvent(self, event) -> None:
        if any(event.matches(key) for key in LEAKING_KEYS):
            event.accept()  # Ctrl+C and Ctrl+X do nothing here
            return
        super().keyPressEvent(event)
        _take_back_selection()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        _take_back_selection()

    def mouseDoubleClickEvent(self, event) -> None:
        super().mouseDoubleClickEvent(event)
        _take_back_selection()


def _take_back_selection() -> None:
    """Empty PRIMARY if Qt just filled it from this application (X11 only has it)."""
    clipboard = QApplication.clipboard()
    if clipboard.supportsSelection() and clipboard.ownsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


def clear_clipboards() -> None:
    """Empty the clipboard and the PRIMARY selection: called at every end of a visit."""
    clipboard = QApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
