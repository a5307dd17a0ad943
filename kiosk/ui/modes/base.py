"""What every mode of the shell is: who it is for, how it opens and how it closes.

Modelled on Mu's ``modes/base.py``: a mode is a small object the shell builds when it is first
opened and asks to ``enter`` and ``leave``; it owns its own widgets and forwards what the
person asks to the shell's shared pieces (the visit, the speech, the overlays).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.overlay import Overlay


class Mode(QObject):
    """Base of the modes. ``name`` is "citizen", "mediator" or "admin"; ``role`` is the PIN's
    role needed to open it (kiosk.core.pins.ROLES), None for the citizen's."""

    name = ""
    role: str | None = None

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self.shell = shell

    def enter(self) -> None:
        """Show the mode (the PIN, if any, was checked before)."""

    def leave(self) -> None:
        """Hide the mode; the shell then shows the citizen's screen again."""

    @property
    def showing(self) -> bool:
        """True while the mode's own widgets cover the kiosk."""
        return False

    def overlays(self) -> list[Overlay]:
        """The mode's own overlays built so far (the shell hides them at the end of a visit)."""
        return []
