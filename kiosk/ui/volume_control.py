"""The voice's volume, usable without sight: "Moins fort", "Plus fort", and the level said aloud.

Two big buttons and a line "Volume : 5 sur 10". Each press says the new level at the new
volume, so a person who cannot see hears the change itself (EN 301 549 V3.2.1, 5.1.3.12).
At the ends the level stays and the kiosk says so, instead of a button that greys out in
silence. ``reset()`` is called at the end of every visit (5.1.3.13).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.i18n import _, current_language
from kiosk.core.volume import HIGHEST, Volume
from kiosk.ui.widgets import BigButton, TextLabel

if TYPE_CHECKING:
    from kiosk.speech.service import SpeechService


class VolumeControl(QWidget):
    """Signals: changed(int) — the new level (1 to 10), after a press or a key."""

    changed = Signal(int)

    def __init__(
        self, volume: Volume, speech: SpeechService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("volume_control")
        self.volume = volume
        self.speech = speech
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.level = TextLabel("title")
        self.level.setObjectName("volume_level")
        self.level.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.level)
        self.row = QHBoxLayout()
        self.row.setSpacing(24)
        self.softer_button = BigButton("volume-down")
        self.softer_button.setObjectName("volume-softer")
        self.softer_button.guarded = False  # two quick presses are two wishes
        self.softer_button.clicked.connect(self.softer)
        self.louder_button = BigButton("volume-up")
        self.louder_button.setObjectName("volume-louder")
        self.louder_button.guarded = False
        self.louder_button.clicked.connect(self.louder)
        self.row.addStretch(1)
        self.row.addWidget(self.softer_button)
        self.row.addWidget(self.louder_button)
        self.row.addStretch(1)
        column.addLayout(self.row)
        self._apply()
        self.retranslate_ui()

    def level_sentence(self) -> str:
        return _("Volume : {level} sur {highest}").format(level=self.volume.level, highest=HIGHEST)

    def retranslate_ui(self) -> None:
        self.softer_button.set_text(_("Moins fort"), _("Parler moins fort"))
        self.louder_button.set_text(_("Plus fort"), _("Parler plus fort"))
        self.level.setText(self.level_sentence())
        self.level.setAccessibleName(self.level_sentence())

    def set_stacked(self, stacked: bool) -> None:
        """One button above the other at large text sizes, as "Voir mieux" does."""
        self.row.setDirection(
            QHBoxLayout.Direction.TopToBottom if stacked else QHBoxLayout.Direction.LeftToRight
        )

    @Slot()
    def louder(self) -> None:
        self._change(self.volume.louder(), _("C'est le plus fort."))

    @Slot()
    def softer(self) -> None:
        self._change(self.volume.softer(), _("C'est le moins fort."))

    def reset(self, default: int | None = None) -> None:
        """Back to the admin's default, in silence (the next person has not arrived)."""
        self.volume.reset(default)
        self._apply()
        self.retranslate_ui()

    def _change(self, changed: bool, at_the_end: str) -> None:
        if changed:
            self._apply()
            self.retranslate_ui()
            self.changed.emit(self.volume.level)
        sentences = [self.level_sentence()] + ([] if changed else [at_the_end])
        self.speech.speak(sentences, current_language())

    def _apply(self) -> None:
        self.speech.volume = self.volume.espeak
