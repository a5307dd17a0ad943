"""The toolbar at the top of every screen: what a lost person needs, always in the same place.

Accueil, the language (its name in that language), "Voir mieux" (text size and contrast),
"J'appelle une personne", Écouter and Terminer. On one row when they fit; when they do not
(large text on a 1024 px screen), the last three go to a second row instead of being squeezed
or cut.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.button_row import ButtonRow
from kiosk.ui.widgets import ToolbarButton

SECRET_TAPS = 3
SECRET_SECONDS = 2.0


class Toolbar(ButtonRow):
    """Holds the buttons; the window connects them. Never wider than the window.

    Signals: secret_gesture() — three taps within two seconds on the toolbar's empty part
    (between its buttons), the mediator's discreet way in; a citizen's stray tap does nothing.
    """

    secret_gesture = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        self.home_button = ToolbarButton("home")
        self.language_button = ToolbarButton("globe")
        self.display_button = ToolbarButton("text-bigger")
        self.display_button.setObjectName("display")
        self.help_button = ToolbarButton("person")
        self.help_button.setObjectName("help-call")
        self.listen_button = ToolbarButton("listen")
        self.finish_button = ToolbarButton("finish")
        super().__init__(
            [self.home_button, self.language_button, self.display_button],
            [self.help_button, self.listen_button, self.finish_button],
            margins=(16, 10, 16, 10),
            spacing=8,
            parent=parent,
        )
        self.setObjectName("toolbar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.clock = time.monotonic
        self._taps: list[float] = []

    def mousePressEvent(self, event) -> None:
        """Only presses on the empty part arrive here: the buttons take their own."""
        super().mousePressEvent(event)
        now = self.clock()
        self._taps = [t for t in self._taps if now - t < SECRET_SECONDS] + [now]
        if len(self._taps) >= SECRET_TAPS:
            self._taps.clear()
            self.secret_gesture.emit()
