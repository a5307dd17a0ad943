"""The welcome screen: one touch to begin, the language, and a reassuring word."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.i18n import _
from kiosk.core.languages import LANGUAGES
from kiosk.ui.layout_hint import LayoutSizeHint
from kiosk.ui.screens.base import Screen, page_layout, scrolling
from kiosk.ui.widgets import BigButton, TextLabel


class WelcomeScreen(Screen):
    """Signals: start_requested(), language_chosen(str)."""

    start_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = TouchArea()
        body.touched.connect(self.start_requested)
        outer.addWidget(scrolling(body))
        layout = page_layout(body)
        layout.setSpacing(16)
        self.title = TextLabel("big_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = TextLabel("title")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reassurance = TextLabel()
        self.reassurance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = BigButton("start", "primary")
        self.start_button.clicked.connect(self.start_requested)
        # "Mode écoute", for a person who cannot see the screen: kiosk/ui/listening_mode.py
        # makes its first touch say what it does, and the second switch the mode on.
        self.listening_button = BigButton("listening-mode")
        self.listening_button.setObjectName("listening-mode")
        self.listening_button.setCheckable(True)
        for widget in (self.title, self.subtitle, self.reassurance):
            layout.addWidget(widget)
        # Side by side at 100 %; one above the other once the text grows (1024 px screens).
        self.start_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.start_row.setSpacing(16)
        self.start_row.addStretch(1)
        self.start_row.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.start_row.addWidget(self.listening_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.start_row.addStretch(1)
        layout.addLayout(self.start_row)
        self.language_label = TextLabel()
        self.language_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.language_label)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.language_buttons: dict[str, BigButton] = {}
        for index, code in enumerate(languages):
            button = BigButton("globe")
            button.setCheckable(True)
            button.set_text(LANGUAGES[code].native_name)
            button.setObjectName(f"welcome-language-{code}")
            button.clicked.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            grid.addWidget(button, index // 3, index % 3)
            self.language_buttons[code] = button
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(grid)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        from kiosk.core.i18n import current_language

        self.title.setText(_("Bienvenue sur Pas à pas"))
        self.subtitle.setText(_("Apprenez les démarches en ligne, étape par étape."))
        self.reassurance.setText(
            _("Ici, vous pouvez vous entraîner sans risque. Rien n'est envoyé.")
        )
        self.start_button.set_text(_("Touchez l'écran pour commencer"))
        self.listening_button.set_text(
            _("Mode écoute"), _("Vous ne voyez pas l'écran ? La borne dit tout à voix haute.")
        )
        self.language_label.setText(_("Choisissez votre langue :"))
        for code, button in self.language_buttons.items():
            button.setChecked(code == current_language())

    def first_focus(self) -> QWidget | None:
        return self.start_button

    def text_scale_changed(self, scale: float) -> None:
        self.start_row.setDirection(
            QBoxLayout.Direction.LeftToRight if scale < 1.1 else QBoxLayout.Direction.TopToBottom
        )

    def screen_title(self) -> str:
        return _("Bienvenue sur Pas à pas")

    def speech_sentences(self) -> list[str]:
        return [
            self.title.text(),
            self.subtitle.text(),
            _("Ici, vous pouvez vous entraîner sans risque."),
            _("Rien n'est envoyé."),
            _("Touchez l'écran pour commencer."),
        ]


class TouchArea(LayoutSizeHint, QWidget):
    """The welcome page's background: a touch anywhere outside the buttons starts.

    Signals: touched().
    """

    touched = Signal()

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.touched.emit()
