"""The language chooser, opened from the toolbar of every screen; the place is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.core.i18n import _, current_language
from kiosk.core.languages import LANGUAGES
from kiosk.ui.widgets import BigButton, TextLabel


class LanguageChooser(QFrame):
    """Covers the window with one big button per language. Signals: chosen(str), closed()."""

    chosen = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooser")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 48, 80, 48)
        layout.setSpacing(24)
        layout.addStretch(1)
        self.title = TextLabel("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.buttons: dict[str, BigButton] = {}
        for index, (code, language) in enumerate(LANGUAGES.items()):
            button = BigButton("globe")
            button.setCheckable(True)
            button.set_text(language.native_name)
            button.setObjectName(f"language-{code}")
            button.clicked.connect(lambda _c=False, c=code: self._choose(c))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[code] = button
        layout.addLayout(grid)
        self.close_button = BigButton("previous")
        self.close_button.clicked.connect(self.close_chooser)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Choisissez votre langue"))
        self.close_button.set_text(_("Garder cette langue"))
        for code, button in self.buttons.items():
            button.setChecked(code == current_language())

    def open_chooser(self) -> None:
        self.retranslate_ui()
        if self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.buttons[current_language()].setFocus()

    def close_chooser(self) -> None:
        self.hide()
        self.closed.emit()

    def _choose(self, code: str) -> None:
        self.hide()
        self.chosen.emit(code)
