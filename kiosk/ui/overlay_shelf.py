"""The overlays of the window, each built the first time it is needed, all kept in one place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from kiosk.ui.overlay import Overlay


class OverlayShelf:
    """Named overlay factories over ``host`` (the window's central widget).

    ``add(name, build)`` declares one; ``get(name)`` builds it at the first call (``build``
    receives the host and returns the overlay, its signals connected) and the same one after.
    Every overlay built retranslates itself on ``language_changed``.
    """

    def __init__(self, host: QWidget, language_changed: SignalInstance) -> None:
        self.host = host
        self.language_changed = language_changed
        self._factories: dict[str, Callable[[QWidget], Overlay]] = {}
        self._built: dict[str, Overlay] = {}

    def add(self, name: str, build: Callable[[QWidget], Overlay]) -> None:
        self._factories[name] = build

    def get(self, name: str) -> Overlay:
        """The overlay ``name``, built now if needed; KeyError if none was declared."""
        overlay = self._built.get(name)
        if overlay is None:
            overlay = self._factories[name](self.host)
            overlay.setGeometry(self.host.rect())
            self.language_changed.connect(overlay.retranslate_ui)
            self._built[name] = overlay
        return overlay

    def built(self, name: str) -> Overlay | None:
        return self._built.get(name)

    def all_built(self) -> list[Overlay]:
        """The overlays built so far, in the order they were declared."""
        return [self._built[name] for name in self._factories if name in self._built]

    def showing(self) -> Overlay | None:
        """The overlay covering the window now, if any."""
        return next((o for o in self.all_built() if o.isVisible()), None)

    def hide_all(self) -> None:
        for overlay in self.all_built():
            overlay.hide()

    def fit(self) -> None:
        """After the window changed size: every overlay covers it whole again."""
        for overlay in self.all_built():
            overlay.setGeometry(self.host.rect())
