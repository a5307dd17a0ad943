"""How the kiosk looks for this person: the text size and the high-contrast colours."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.core.text_size import TEXT_SCALES
from kiosk.ui.theme import (
    HIGH_CONTRAST,
    STANDARD,
    application_style,
    palette,
    reading_style,
    set_palette,
)


class Appearance(QObject):
    """Applies a text size to ``texts`` (the window's content) and a theme to ``window``.

    Signals: scale_changed(float) after a new text size is applied (1.0 = 100 %);
    contrast_changed(bool) after the colours changed (True: high contrast).
    """

    scale_changed = Signal(float)
    contrast_changed = Signal(bool)

    def __init__(self, window: QWidget, texts: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.texts = texts
        self.scale = TEXT_SCALES[0]
        self.high_contrast = False
        window.setStyleSheet(application_style())
        self.apply_placeholder_colour()
        # The texts' sizes before any screen is added: each screen is styled once, not twice.
        texts.setStyleSheet(reading_style(self.scale))
        self._styled_scale = self.scale

    def apply_scale(self, scale: float) -> None:
        """Every text grows: a new style sheet restyles every widget below ``texts``."""
        self.scale = scale
        if scale != self._styled_scale:
            self.texts.setStyleSheet(reading_style(scale))
            self._styled_scale = scale
        self.scale_changed.emit(scale)

    def apply_contrast(self, high: bool) -> None:
        """Switch the whole window between the standard and the high-contrast theme."""
        if high == self.high_contrast:
            return
        self.high_contrast = high
        set_palette(HIGH_CONTRAST if high else STANDARD)
        self.window.setStyleSheet(application_style())
        self.apply_placeholder_colour()
        self.refresh_icons()
        self.contrast_changed.emit(high)

    def refresh_icons(self) -> None:
        """Draw icons again: the theme's colours, the reading direction's arrows."""
        for button in self.window.findChildren(QAbstractButton):
            if hasattr(button, "refresh_icon"):
                button.refresh_icon()

    def apply_placeholder_colour(self) -> None:
        """Qt's default placeholder grey is too pale; use one that reaches 7:1."""
        colours = QPalette(self.window.palette())
        colours.setColor(QPalette.ColorRole.PlaceholderText, QColor(palette().disabled_text))
        self.window.setPalette(colours)
