""" "Voir mieux": the text size (100 % to 200 %) and the high contrast, in one panel.

Kept out of the toolbar so that the toolbar's few buttons stay large and whole at 200 % on a
1024 px screen; the panel's own texts grow as the person presses "Plus grand", so they see the
effect at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.i18n import _
from kiosk.core.text_size import percent
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import BigButton, TextLabel


class DisplayPanel(Overlay):
    """Signals: smaller(), bigger(), contrast_toggled(bool), dismissed() (closed)."""

    smaller = Signal()
    bigger = Signal()
    contrast_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("display_panel", parent)
        layout = self.body
        layout.addStretch(1)
        self.title = TextLabel("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.level = TextLabel("title")
        self.level.setObjectName("text_size_level")
        self.level.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.level)
        self.size_row = QHBoxLayout()
        self.size_row.setSpacing(24)
        self.smaller_button = BigButton("text-smaller")
        self.smaller_button.setObjectName("text-smaller")
        self.smaller_button.guarded = False  # two quick presses are two wishes
        self.smaller_button.clicked.connect(self.smaller)
        self.bigger_button = BigButton("text-bigger")
        self.bigger_button.setObjectName("text-bigger")
        self.bigger_button.guarded = False
        self.bigger_button.clicked.connect(self.bigger)
        self.size_row.addStretch(1)
        self.size_row.addWidget(self.smaller_button)
        self.size_row.addWidget(self.bigger_button)
        self.size_row.addStretch(1)
        layout.addLayout(self.size_row)
        self.contrast_button = BigButton("contrast")
        self.contrast_button.setObjectName("contrast")
        self.contrast_button.setCheckable(True)
        self.contrast_button.guarded = False
        self.contrast_button.toggled.connect(self.contrast_toggled)
        layout.addWidget(self.contrast_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.close_button = BigButton("check", "primary")
        self.close_button.setObjectName("display-close")
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.show_scale(1.0, 1.0, 2.0)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Voir mieux"))
        self.smaller_button.set_text(_("Plus petit"), _("Écrire le texte plus petit"))
        self.bigger_button.set_text(_("Plus grand"), _("Écrire le texte plus grand"))
        self.contrast_button.set_text(_("Blanc sur noir"), _("Blanc sur noir, pour mieux voir"))
        self.close_button.set_text(_("C'est bien comme ça"))
        self.level.setText(_("Texte : {percent} %").format(percent=percent(self._scale)))
        self.level.setAccessibleName(
            _("Taille du texte : {percent} %").format(percent=percent(self._scale))
        )

    def show_scale(self, scale: float, smallest: float, largest: float) -> None:
        """Show the level ("Texte : 150 %") and which presses are still possible."""
        self._scale = scale
        self.smaller_button.setEnabled(scale > smallest)
        self.bigger_button.setEnabled(scale < largest)
        self.size_row.setDirection(
            QHBoxLayout.Direction.TopToBottom if scale >= 1.5 else QHBoxLayout.Direction.LeftToRight
        )
        self.retranslate_ui()

    def open_panel(self) -> None:
        self.retranslate_ui()
        self.cover()

    def focus_first(self) -> None:
        target = self.bigger_button if self.bigger_button.isEnabled() else self.smaller_button
        target.setFocus()
