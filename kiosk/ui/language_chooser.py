"""The language chooser, opened from the toolbar of every screen; the place is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.core.i18n import _, current_language
from kiosk.core.languages import LANGUAGES
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import BigButton, TextLabel


class LanguageChooser(Overlay):
    """Covers the window with one big button per language.

    Signals: chosen(str), dismissed() (closed keeping the language: its button or Escape).
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("chooser", parent)
        layout = self.body
        layout.addStretch(1)
        self.title = TextLabel("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.buttons: dict[str, BigButton] = {}
        for code, language in LANGUAGES.items():
            button = BigButton("globe")
            button.setCheckable(True)
            button.set_text(language.native_name)
            button.setObjectName(f"language-{code}")
            button.clicked.connect(lambda _c=False, c=code: self._choose(c))
            self.buttons[code] = button
        self.set_columns(2)
        layout.addLayout(self.grid)
        self.close_button = BigButton("previous")
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def set_columns(self, columns: int) -> None:
        """Two columns of languages; one when the text is large."""
        for index, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, index // columns, index % columns)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Choisissez votre langue"))
        self.close_button.set_text(_("Garder cette langue"))
        for code, button in self.buttons.items():
            button.setChecked(code == current_language())

    def open_chooser(self) -> None:
        self.retranslate_ui()
        self.cover()

    def focus_first(self) -> None:
        self.buttons[current_language()].setFocus()

    def close_chooser(self) -> None:
        self.dismiss()

    def _choose(self, code: str) -> None:
        self.hide()
        self.chosen.emit(code)
