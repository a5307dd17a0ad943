"""An on-screen AZERTY keyboard with large keys, for touch screens without a keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
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


class OnScreenKeyboard(QFrame):
    """Types into one field. Signals: closed()."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.field: QLineEdit | None = None
        self.shift = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.echo = TextLabel("title")
        self.close_button = BigButton("check", "primary")
        self.close_button.clicked.connect(self.close_keyboard)
        top.addWidget(self.echo, 1)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.help = TextLabel()
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
        self.close_button.set_text(_("Fermer le clavier"))
        self.help.setText(
            _("Sur un vrai clavier : pour @, appuyez sur AltGr et la touche à (0) en même temps.")
        )
        self.shift_button.setAccessibleName(_("Majuscule"))
        self.space_button.setAccessibleName(_("Espace"))
        self.erase_button.setAccessibleName(_("Effacer"))
        self._show_echo()

    def open_for(self, field: QLineEdit) -> None:
        self.field = field
        field.setFocus()
        self._show_echo()
        if self.parentWidget():
            parent = self.parentWidget().rect()
            height = min(parent.height(), self.sizeHint().height())
            self.setGeometry(0, parent.height() - height, parent.width(), height)
        self.show()
        self.raise_()

    def close_keyboard(self) -> None:
        self.hide()
        self.field = None
        self.closed.emit()

    def type_key(self, key: str) -> None:
        if self.field is None:
            return
        self.field.insert(key.upper() if self.shift else key)
        if self.shift:
            self.shift_button.setChecked(False)
        self._show_echo()

    def erase(self) -> None:
        if self.field is not None:
            self.field.backspace()
            self._show_echo()

    def _on_shift(self, on: bool) -> None:
        self.shift = on
        for letter, button in self.keys.items():
            button.setText(letter.upper() if on else letter)

    def _show_echo(self) -> None:
        """What the field holds, as the field shows it (dots for a password)."""
        if self.field is None:
            self.echo.clear()
            return
        text = self.field.text()
        if self.field.echoMode() != QLineEdit.EchoMode.Normal:
            text = "•" * len(text)
        self.echo.setText(f"{self.field.accessibleName()} : {text}")
