"""The on-screen keyboard of the admin screen: every text field of every admin page opens it
when touched, since a kiosk in a town hall may have no physical keyboard.

One mechanism for all fields, present and future (a section built later, the editor's
practice fields made for each step): while the admin screen is shown, an event filter on the
application sees each press; a press on an editable one-line field (``QLineEdit``) or text
(``QPlainTextEdit``, ``QTextEdit``) inside the admin screen opens the keyboard for it. The
filter is removed while the screen is hidden, so the citizen's screens never pay for it. The
keyboard is the citizen's own (kiosk.ui.practice.keyboard.OnScreenKeyboard), placed under the
admin screen's scrolling body: it never covers the field it fills. A field whose validator
takes only integers (a PIN), or whose ``keyboard`` property is ``"digits"``, gets the digits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from kiosk.ui.practice.keyboard import OnScreenKeyboard, TextField
from kiosk.ui.touch_scroll import reveal

KEY_HEIGHT = 56
DIGITS = "digits"  # the value of a field's "keyboard" property for the digits only
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


def touched_field(watched: QObject) -> TextField | None:
    """The editable text field a press on ``watched`` is for (a text's press lands on its
    viewport), or None."""
    field: QObject | None = watched
    if not isinstance(field, QLineEdit | QPlainTextEdit | QTextEdit):
        parent = watched.parent() if isinstance(watched, QWidget) else None
        if not (
            isinstance(parent, QPlainTextEdit | QTextEdit)
            and isinstance(parent, QAbstractScrollArea)
            and parent.viewport() is watched
        ):
            return None
        field = parent
    if field.isReadOnly() or not field.isEnabled():  # type: ignore[union-attr]
        return None
    return field  # type: ignore[return-value]


def wants_digits(field: TextField) -> bool:
    """A PIN or any number: the field says so, or only takes integers."""
    if field.property("keyboard") == DIGITS:
        return True
    return isinstance(field, QLineEdit) and isinstance(field.validator(), QIntValidator)


class AdminKeyboard(QObject):
    """The keyboard of ``screen`` (an Overlay: the keyboard goes under its scrolling body).

    ``keyboard`` is the OnScreenKeyboard itself (its ``field`` is the field it types into).
    """

    def __init__(self, screen: QWidget) -> None:
        super().__init__(screen)
        self.screen = screen
        self.keyboard = OnScreenKeyboard()
        # Keys of 56 px (above WCAG 2.2's 44 px targets) rather than the citizen's 88: with
        # the keyboard open, the editor keeps enough height for its form and preview.
        self.keyboard.setStyleSheet(
            f"QPushButton {{ min-height: {KEY_HEIGHT}px; font-size: 15pt; }}"
        )
        for key in self.keyboard.findChildren(QPushButton):
            key.setMinimumHeight(KEY_HEIGHT)
        screen.layout().addWidget(self.keyboard)
        self._watching = False
        screen.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.screen:
            if kind == QEvent.Type.Show:
                self._watch(True)
            elif kind == QEvent.Type.Hide:
                self._watch(False)
                self.keyboard.close_keyboard()
            return False
        if kind in _PRESSES:
            field = touched_field(watched)
            if field is not None and self.screen.isAncestorOf(field):
                self.open_for(field)
        return False  # the press goes on to the field: its cursor lands where touched

    def _watch(self, on: bool) -> None:
        application = QApplication.instance()
        if application is None or on == self._watching:
            return
        if on:
            application.installEventFilter(self)
        else:
            application.removeEventFilter(self)
        self._watching = on

    def open_for(self, field: TextField) -> None:
        """Type into ``field`` with the keys it needs; the field stays in sight above them."""
        self.keyboard.open_for(field, digits_only=wants_digits(field))
        reveal(field)
