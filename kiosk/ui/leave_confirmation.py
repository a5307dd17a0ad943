"""Asked before "Terminer" erases a visit: a calm question and two big answers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.i18n import _
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import BigButton, TextLabel


class LeaveConfirmation(Overlay):
    """ "Voulez-vous arrêter ?" Signals: confirmed(), dismissed() ("Non, je continue", Escape).

    The safe answer, continuing, has the focus: Enter pressed by mistake erases nothing.
    """

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("leave_confirmation", parent)
        layout = self.body
        layout.addStretch(1)
        self.title = TextLabel("big_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = TextLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(32)
        self.stay_button = BigButton("previous", "primary")
        self.stay_button.setObjectName("leave-no")
        self.stay_button.clicked.connect(self.dismiss)
        self.leave_button = BigButton("finish")
        self.leave_button.setObjectName("leave-yes")
        self.leave_button.clicked.connect(self._confirm)
        row.addStretch(1)
        row.addWidget(self.stay_button)
        row.addWidget(self.leave_button)
        row.addStretch(1)
        self.buttons_row = row
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Voulez-vous arrêter ?"))
        self.message.setText(_("Tout ce que vous avez fait ici sera effacé."))
        self.stay_button.set_text(_("Non, je continue"))
        self.leave_button.set_text(_("Oui, tout effacer"))

    def set_stacked(self, stacked: bool) -> None:
        """One answer above the other when the text is large, so that both stay whole."""
        self.buttons_row.setDirection(
            QHBoxLayout.Direction.TopToBottom if stacked else QHBoxLayout.Direction.LeftToRight
        )

    def ask(self) -> None:
        self.retranslate_ui()
        self.cover()

    def focus_first(self) -> None:
        self.stay_button.setFocus()

    def speech_sentences(self) -> list[str]:
        return [self.title.text(), self.message.text()]

    def _confirm(self) -> None:
        self.hide()
        self.confirmed.emit()
