"""An on-screen AZERTY keyboard with large keys, for touch screens without a keyboard.

One keyboard serves every field of the window (the search, the practice forms). It sits below
the screen, not over it: the screen gets shorter and the field being filled is scrolled into
sight above the keys. The admin screen has one of its own (kiosk.ui.admin.admin_keyboard), for
its one-line and many-line fields alike, with only the digits for a PIN.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.i18n import _
from kiosk.ui.theme import BUTTON_MIN_HEIGHT
from kiosk.ui.widgets import BigButton, TextLabel

ROWS = (
    "1234567890",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn@.-_",
    "éèàçù'",
)
EMAIL_FIELD = "email"  # a field with this property set to True gets the "@" advice
TextField = QLineEdit | QPlainTextEdit | QTextEdit
"""What the keyboard types into: a one-line field, or a text of several lines."""


class OnScreenKeyboard(QFrame):
    """Types into one field at a time. Signals: opened(), closed()."""

    opened = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.field: TextField | None = None
        self.shift = False
        self.digits_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(8)
        self.help = TextLabel()
        self.help.hide()
        layout.addWidget(self.help)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for row, letters in enumerate(ROWS):
            for column, letter in enumerate(letters):
                button = self._key(letter)
                button.clicked.connect(lambda _c=False, k=letter: self.type_key(k))
                grid.addWidget(button, row, column)
                self.keys[letter] = button
        self.shift_button = self._key("⇧")
        self.shift_button.setCheckable(True)
        self.shift_button.toggled.connect(self._on_shift)
        self.space_button = self._key(" ")
        self.space_button.clicked.connect(lambda: self.type_key(" "))
        self.erase_button = self._key("⌫")
        self.erase_button.clicked.connect(self.erase)
        grid.addWidget(self.shift_button, 4, 6)
        grid.addWidget(self.space_button, 4, 7, 1, 2)
        grid.addWidget(self.erase_button, 4, 9)
        # A new line, for a text of several lines only (a one-line field has none).
        self.new_line_button = self._key("⏎")
        self.new_line_button.clicked.connect(lambda: self.type_key("\n"))
        self.new_line_button.hide()
        grid.addWidget(self.new_line_button, 2, 10, 2, 1)
        # "Fermer" at the right end, tall and easy to find, instead of a row of its own.
        self.close_button = BigButton("check", "primary")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_keyboard)
        grid.addWidget(self.close_button, 0, 10, 2, 1)
        layout.addLayout(grid)
        self.retranslate_ui()
        self.hide()

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(BUTTON_MIN_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
        button.setAccessibleName(text)
        return button

    def retranslate_ui(self) -> None:
        self.close_button.set_text(_("Fermer"), _("Fermer le clavier à l'écran"))
        self.close_button.setAccessibleName(_("Fermer le clavier"))
        self.help.setText(
            _("Sur un vrai clavier : pour @, appuyez sur AltGr et la touche à (0) en même temps.")
        )
        self.shift_button.setAccessibleName(_("Majuscule"))
        self.space_button.setAccessibleName(_("Espace"))
        self.erase_button.setAccessibleName(_("Effacer"))
        self.new_line_button.setAccessibleName(_("Aller à la ligne"))

    def text_scale_changed(self, scale: float) -> None:
        """Nothing to lay out again: the keys' labels follow the window's button size."""

    def open_for(self, field: TextField, digits_only: bool = False) -> None:
        """Type into ``field`` from now on; it keeps the focus (and its cursor).

        ``digits_only``: only the row of digits and "⌫" (a PIN)."""
        if self.field is not None and self.field is not field:
            self.field.destroyed.disconnect(self._on_field_destroyed)
        if self.field is not field:
            field.destroyed.connect(self._on_field_destroyed)
        self.field = field
        field.setFocus()
        self.help.setVisible(bool(field.property(EMAIL_FIELD)))
        self._show_keys(digits_only, several_lines=not isinstance(field, QLineEdit))
        was_open = self.isVisible()
        self.show()
        if not was_open:
            self.opened.emit()

    def close_keyboard(self) -> None:
        if self.field is not None:
            self.field.destroyed.disconnect(self._on_field_destroyed)
        self.field = None
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _on_field_destroyed(self) -> None:
        """The field went away with its page: nothing is left to type into."""
        self.field = None
        self.close_keyboard()

    def _show_keys(self, digits_only: bool, several_lines: bool) -> None:
        """Every key, or only the digits' row and "⌫"; "⏎" for a text of several lines."""
        self.digits_only = digits_only
        for letter, button in self.keys.items():
            button.setVisible(not digits_only or letter.isdigit())
        for button in (self.shift_button, self.space_button):
            button.setVisible(not digits_only)
        self.new_line_button.setVisible(several_lines and not digits_only)

    def type_key(self, key: str) -> None:
        field = self.field
        if field is None:
            return
        typed = key.upper() if self.shift else key
        if isinstance(field, QLineEdit):
            field.insert(typed)
        else:
            field.insertPlainText(typed)
        if self.shift:
            self.shift_button.setChecked(False)

    def erase(self) -> None:
        field = self.field
        if isinstance(field, QLineEdit):
            field.backspace()
        elif field is not None:
            cursor = field.textCursor()
            cursor.deletePreviousChar()
            field.setTextCursor(cursor)

    def _on_shift(self, on: bool) -> None:
        self.shift = on
        for letter, button in self.keys.items():
            button.setText(letter.upper() if on else letter)
